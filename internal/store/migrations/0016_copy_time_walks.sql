-- Searches walk the copies in time order (all, or one outlet's) beside the
-- articles, merging the two walks: each report is met at its own time.
CREATE INDEX IF NOT EXISTS article_copies_time ON article_copies(sort_time);
CREATE INDEX IF NOT EXISTS article_copies_outlet_time ON article_copies(outlet_id, sort_time);
