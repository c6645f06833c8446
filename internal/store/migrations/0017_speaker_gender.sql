-- A speaker's gender and type as the articles tell them: the entity's gender
-- ("female", "male"; NULL when no article told it) and type (PERSON, ORG, …),
-- set by the first article that tells them. An entity keeps its own gender.
ALTER TABLE speakers ADD COLUMN gender TEXT;
ALTER TABLE speakers ADD COLUMN type TEXT;
ALTER TABLE entities ADD COLUMN gender TEXT;
-- Speakers stored before this take the type most of their entities have.
UPDATE speakers SET type = (SELECT e.type FROM entities e WHERE e.speaker_id = speakers.id
	GROUP BY e.type ORDER BY count(*) DESC, e.type LIMIT 1);
