-- Quote clusters are found by a 64-bit hash of their normalised content
-- (xxhash of content_key), not by the content itself: an article's clusters
-- are looked up in one query, and a long text key made every lookup and
-- insert slow. Rows stored before this have key_hash NULL until the store is
-- next opened (OpenSQLite fills it in).
ALTER TABLE quote_clusters ADD COLUMN key_hash INTEGER;
DROP INDEX quote_clusters_key;
CREATE UNIQUE INDEX quote_clusters_key ON quote_clusters(key_hash, ifnull(speaker_id, 0));
