-- A copy of a stored article may have no URL: the same text found in the
-- folder of another outlet is one more place it was reported. Such a copy is
-- known by its outlet, once per article; a copy with a URL by its URL, as before.
CREATE TABLE article_copies_new (
	id            INTEGER PRIMARY KEY,
	url           TEXT UNIQUE,
	article_pk    INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	outlet_id     INTEGER NOT NULL REFERENCES outlets(id),
	source        TEXT NOT NULL,
	published     TEXT,
	published_utc TEXT
);
INSERT INTO article_copies_new(url, article_pk, outlet_id, source, published, published_utc)
	SELECT url, article_pk, outlet_id, source, published, published_utc FROM article_copies ORDER BY article_pk, url;
DROP TABLE article_copies;
ALTER TABLE article_copies_new RENAME TO article_copies;
CREATE INDEX article_copies_article ON article_copies(article_pk);
-- A search by outlet finds the articles reported there as copies through it.
CREATE INDEX article_copies_outlet ON article_copies(outlet_id, article_pk);
CREATE UNIQUE INDEX article_copies_local ON article_copies(article_pk, outlet_id) WHERE url IS NULL;
