-- The MinHash signature of every article (internal/minhash.Pack: 4 bytes per
-- position) with its story, so that a new article is compared with its band
-- candidates without reading and re-shingling their texts. Articles stored
-- before this migration have none; they are compared by their text.
CREATE TABLE story_sigs (
	article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
	story_id   INTEGER NOT NULL,
	sig        BLOB NOT NULL
);
