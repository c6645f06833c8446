-- Word pairs of each quote's content ("the_coalition coalition_has …"), so that a
-- phrase of two very common words is one short posting list, not the merge of two
-- long ones. Contentless, no positions: it only says which quotes hold a pair.
CREATE VIRTUAL TABLE quotes_pairs USING fts5(pairs, content='', detail=none, columnsize=0,
	tokenize="unicode61 tokenchars '_'");

-- Progress marks of passes over stored rows.
CREATE TABLE store_marks (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
-- The quotes up to this id have their pairs indexed.
INSERT INTO store_marks(name, value) VALUES ('pairs_upto', 0);
