-- Stories that an article joined to an earlier one (it was a near-duplicate of
-- both): the joined story's number leads to the story it joined, so that
-- links and exported story_id values made before the join still find it.
CREATE TABLE story_joins (
	from_id INTEGER PRIMARY KEY,
	to_id   INTEGER NOT NULL
);
