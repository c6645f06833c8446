-- A copy of a stored article is a report of its own: it keeps its own headline
-- (title; NULL when it is the article's, as for copies stored before this), its
-- own wall-clock time when it gave no offset, and its own time to sort by
-- (sort_time: published_utc, else published_local read as UTC, else '9999'),
-- so that searches walk copies in time order beside the articles and judge
-- every report by its own time.
ALTER TABLE article_copies ADD COLUMN title TEXT;
ALTER TABLE article_copies ADD COLUMN published_local TEXT;
ALTER TABLE article_copies ADD COLUMN sort_time TEXT NOT NULL DEFAULT '9999';
UPDATE article_copies SET sort_time = ifnull(published_utc, '9999');

-- The headlines of copies that have one of their own, for article search.
-- External content; rows are indexed by SaveBatch in one statement per batch.
CREATE VIRTUAL TABLE copies_fts USING fts5(title, content='article_copies', content_rowid='id');
CREATE TRIGGER article_copies_ad AFTER DELETE ON article_copies WHEN old.title IS NOT NULL BEGIN
	INSERT INTO copies_fts(copies_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
