-- Where each quote cluster merged into another now stands (its last merge), so
-- that links to the old number ("quotes 123", /quotes/123) lead on to the
-- cluster that holds its reports. A merged cluster's number is not given again.
CREATE TABLE IF NOT EXISTS cluster_merges (
	from_id INTEGER PRIMARY KEY,
	to_id   INTEGER NOT NULL
);

-- Outlet names are matched in any case ("cbc" and "CBC" are one outlet).
CREATE INDEX IF NOT EXISTS outlets_nocase ON outlets(name COLLATE NOCASE);
