-- Stories: near-duplicate articles (syndicated copies, re-crawls with a new byline
-- or a changed sentence; word 5-shingle Jaccard >= 0.8) grouped as one story.
-- story_id is the pk of the story's first article; NULL only until the article's
-- bands are indexed (articles stored before this migration are indexed on open).
ALTER TABLE articles ADD COLUMN story_id INTEGER;
CREATE INDEX articles_story ON articles(story_id);

-- The banded LSH index of every article's MinHash signature (internal/minhash):
-- an article sharing a band key with a stored one is a candidate of its story.
-- Kept on disk so that a new article is checked by lookup, never by rebuilding
-- an index in memory.
CREATE TABLE story_bands (
	band_key   INTEGER NOT NULL,
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	PRIMARY KEY (band_key, article_pk)
) WITHOUT ROWID;
CREATE INDEX story_bands_article ON story_bands(article_pk);
