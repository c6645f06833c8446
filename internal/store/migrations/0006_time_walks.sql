-- Searches walk time order through the articles (one index row per article)
-- rather than through the quotes (one per quote): an index of a million rows
-- more, written at random places, made saving slow once the store was large.
-- Only one speaker's quotes are walked through the quotes themselves.
ALTER TABLE articles ADD COLUMN sort_time TEXT NOT NULL DEFAULT '9999';
UPDATE articles SET sort_time = ifnull(published_utc, '9999');
CREATE INDEX articles_time ON articles(sort_time);
CREATE INDEX articles_outlet_time ON articles(outlet_id, sort_time);
DROP INDEX articles_outlet;
DROP INDEX quotes_time;
DROP INDEX quotes_outlet_time;
DROP INDEX quotes_speaker_time;
CREATE INDEX quotes_speaker_time ON quotes(speaker_id, sort_time, article_pk);
-- Only entities that are speakers are looked up by speaker (merges).
DROP INDEX entities_speaker;
CREATE INDEX entities_speaker ON entities(speaker_id) WHERE speaker_id IS NOT NULL;
-- Merging speakers finds their clusters by speaker.
CREATE INDEX quote_clusters_speaker ON quote_clusters(speaker_id) WHERE speaker_id IS NOT NULL;
