-- The corpus: outlets, articles, blocks, entities, speakers, quotes and their clusters.
CREATE TABLE outlets (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE -- URL host without "www.", or the folder/file of a local input
);

CREATE TABLE articles (
	pk            INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,  -- the contract id: first 16 hex of SHA-256 of text
	url           TEXT UNIQUE,           -- NULL for local files without one
	text_hash     TEXT NOT NULL UNIQUE,  -- full SHA-256 of text, hex
	outlet_id     INTEGER NOT NULL REFERENCES outlets(id),
	source        TEXT NOT NULL,
	title         TEXT NOT NULL,
	byline        TEXT NOT NULL DEFAULT '',
	published     TEXT,                  -- RFC 3339 with the article's own offset
	published_utc TEXT,                  -- the same instant in UTC, for ordering and filters
	timezone      TEXT,
	text          TEXT NOT NULL,
	fetched       TEXT,
	ingested      TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_utc);
CREATE INDEX articles_outlet ON articles(outlet_id);

-- A copy of a stored article (same cleaned text) found at another URL: syndication
-- or a re-crawl. It counts as another place the article's quotes were reported.
CREATE TABLE article_copies (
	url           TEXT PRIMARY KEY,
	article_pk    INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	outlet_id     INTEGER NOT NULL REFERENCES outlets(id),
	source        TEXT NOT NULL,
	published     TEXT,
	published_utc TEXT
) WITHOUT ROWID;
CREATE INDEX article_copies_article ON article_copies(article_pk);

CREATE TABLE blocks (
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	start         INTEGER NOT NULL,
	"end"         INTEGER NOT NULL,
	PRIMARY KEY (article_pk, seq)
) WITHOUT ROWID;

CREATE TABLE speakers (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	name_key TEXT NOT NULL UNIQUE -- folded canonical name
);

CREATE TABLE speaker_aliases (
	speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
	alias      TEXT NOT NULL,
	alias_key  TEXT NOT NULL,
	PRIMARY KEY (speaker_id, alias_key)
) WITHOUT ROWID;
CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);

CREATE TABLE entities (
	id            INTEGER PRIMARY KEY,
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	eid           TEXT NOT NULL,  -- the article's own id ("e1")
	name          TEXT NOT NULL,
	type          TEXT NOT NULL,
	speaker_id    INTEGER REFERENCES speakers(id),
	mentions      TEXT NOT NULL,  -- JSON array of {start,end,text}
	UNIQUE (article_pk, eid)
);
CREATE INDEX entities_speaker ON entities(speaker_id);

CREATE TABLE quote_clusters (
	id          INTEGER PRIMARY KEY,
	speaker_id  INTEGER REFERENCES speakers(id),
	content_key TEXT NOT NULL,  -- normalised content
	content     TEXT NOT NULL   -- the content as first seen
);
CREATE UNIQUE INDEX quote_clusters_key ON quote_clusters(ifnull(speaker_id, 0), content_key);

CREATE TABLE quotes (
	id            INTEGER PRIMARY KEY,
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	qid           TEXT NOT NULL,  -- the article's own id ("q1")
	cluster_id    INTEGER NOT NULL REFERENCES quote_clusters(id),
	speaker_id    INTEGER REFERENCES speakers(id),
	kind          TEXT NOT NULL,
	content       TEXT NOT NULL,
	spans         TEXT NOT NULL,  -- JSON array of {start,end}
	cue           TEXT,           -- JSON {text,start,end} or NULL
	speaker_name  TEXT,
	mention       TEXT,
	mention_start INTEGER,
	mention_end   INTEGER,
	entity        TEXT,
	embedded_in   TEXT,
	"where"       TEXT NOT NULL DEFAULT '',
	confidence    REAL NOT NULL,
	UNIQUE (article_pk, qid)
);
CREATE INDEX quotes_cluster ON quotes(cluster_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

-- Full text, external content. Deletes and updates are kept in step by triggers;
-- inserts are indexed by SaveBatch in one statement per batch, because FTS5
-- flushes its pending index at every statement that writes it (a trigger per
-- row made saving several times slower).
CREATE VIRTUAL TABLE quotes_fts USING fts5(content, content='quotes', content_rowid='id');
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF content ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content);
	INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk');
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
