-- A surname typed alone ("--speaker Pillay") finds every speaker whose name ends
-- in it: the last word of each folded name, indexed, so that it is looked up
-- rather than matched against every name. The expression is lastWordSQL's.
CREATE INDEX IF NOT EXISTS speakers_last_word ON speakers(substr(name_key, length(rtrim(name_key, replace(name_key, ' ', ''))) + 1));
