-- Each speaker's number of quotes, kept by SaveBatch and merges, so that the
-- most quoted are listed from an index instead of by grouping every quote.
ALTER TABLE speakers ADD COLUMN quotes INTEGER NOT NULL DEFAULT 0;
UPDATE speakers SET quotes = (SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id);
CREATE INDEX speakers_quotes ON speakers(quotes DESC, name);
