-- The wall-clock time an article printed with no zone or offset ("published_local";
-- "published" is then null). Stores made before lost it. sort_time then holds that
-- wall clock read as UTC, so that --since and --until find such articles, to within
-- the day.
ALTER TABLE articles ADD COLUMN published_local TEXT;
