-- Saving is bound by its one writer, and FTS5 merging the segments of the full
-- text indexes was a tenth of its time: each index merges eight segments of a
-- level at a time instead of four (its default), which rewrites each entry
-- fewer times. Searches find the same rows, in a few more segments. Setting an
-- option again is harmless: the migration may be run twice.
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO copies_fts(copies_fts, rank) VALUES ('automerge', 8);
INSERT INTO quotes_pairs(quotes_pairs, rank) VALUES ('automerge', 8);
