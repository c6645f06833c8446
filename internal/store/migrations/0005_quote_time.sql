-- Quotes carry their article's outlet and time, so that a search walks an
-- index in time order and stops once it has its page of clusters, rather than
-- grouping every match first. sort_time is published_utc, or '9999' when the
-- time is unknown (those sort last).
ALTER TABLE quotes ADD COLUMN outlet_id INTEGER REFERENCES outlets(id);
ALTER TABLE quotes ADD COLUMN sort_time TEXT NOT NULL DEFAULT '9999';
UPDATE quotes SET (outlet_id, sort_time) =
	(SELECT a.outlet_id, ifnull(a.published_utc, '9999') FROM articles a WHERE a.pk = quotes.article_pk);
DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker_time ON quotes(speaker_id, sort_time);
CREATE INDEX quotes_outlet_time ON quotes(outlet_id, sort_time);
CREATE INDEX quotes_time ON quotes(sort_time);
