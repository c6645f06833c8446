-- Bands of a MinHash sketch of each named speaker's quote cluster's word pairs,
-- keyed with the speaker: a quotation another story carries with a typo, a
-- spelling or a contraction of its own finds its cluster by one of them.
-- A band may outlive its cluster (merged away): lookups join quote_clusters.
CREATE TABLE IF NOT EXISTS quote_bands (
	band       INTEGER NOT NULL,
	cluster_id INTEGER NOT NULL,
	PRIMARY KEY (band, cluster_id)
) WITHOUT ROWID;
-- The clusters up to this id have their bands.
INSERT OR IGNORE INTO store_marks(name, value) VALUES ('bands_upto', 0);
