-- A speaker's type and gender as the articles tell them: each article's entity
-- for the speaker counts one for its type (PERSON, ORG, GPE, LOC) and one for
-- its gender (female, male) when it tells one (speaker_traits); the speaker's
-- type is the most told (a person when a tie holds one), and a person's gender
-- the one told more often than the other (NULL when none, or as often each).
-- An entity keeps its own gender.
ALTER TABLE speakers ADD COLUMN gender TEXT;
ALTER TABLE speakers ADD COLUMN type TEXT;
ALTER TABLE entities ADD COLUMN gender TEXT;
CREATE TABLE speaker_traits (
	speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
	trait      TEXT NOT NULL,
	n          INTEGER NOT NULL,
	PRIMARY KEY (speaker_id, trait)
) WITHOUT ROWID;
-- Speakers stored before this: their entities' types.
INSERT INTO speaker_traits(speaker_id, trait, n)
	SELECT speaker_id, type, count(*) FROM entities WHERE speaker_id IS NOT NULL GROUP BY speaker_id, type;
UPDATE speakers SET type = (SELECT trait FROM speaker_traits WHERE speaker_id = speakers.id
	ORDER BY n DESC, trait = 'PERSON' DESC, trait LIMIT 1);
