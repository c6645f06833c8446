-- The site names pages and records state for an outlet filed under its host
-- ("Global News" for globalnews.ca): --outlet finds the host's reports by them.
-- The first outlet a name is seen with keeps it.
CREATE TABLE IF NOT EXISTS outlet_names (
	name      TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
	outlet_id INTEGER NOT NULL REFERENCES outlets(id)
) WITHOUT ROWID;

-- Merges re-point the links that led to a merged cluster: found by their target.
CREATE INDEX IF NOT EXISTS cluster_merges_to ON cluster_merges(to_id);
