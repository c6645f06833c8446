-- Where each speaker merged into another now stands (its last merge), so that
-- links to the old id lead on to the speaker that holds its quotes.
CREATE TABLE speaker_merges (
	from_id INTEGER PRIMARY KEY,
	to_id   INTEGER NOT NULL
);
