-- The shingle set of every article (internal/minhash.PackSet: 4 bytes per
-- shingle), so that a band candidate whose signature comes near is confirmed
-- with the exact Jaccard similarity (>= 0.8) without reading and re-shingling
-- its text. Articles stored before this migration have none; they are
-- confirmed from their text.
CREATE TABLE story_sets (
	article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
	shingles   BLOB NOT NULL
);
