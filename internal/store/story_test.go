package store

import (
	"context"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// wireStory is an invented agency report of about 450 words: at that length
// one rewritten sentence and a new byline keep the Jaccard similarity above 0.8.
func wireStory() []string {
	return []string{
		"By Selma Varga, Northern Wire",
		"The river authority of Lindholm said on Monday that the old stone bridge will close for eight months from March while engineers replace its cracked arches and strengthen the piers.",
		"Buses will be diverted over the railway crossing two kilometres upstream, adding about fifteen minutes to journeys between the market square and the hospital on the far bank.",
		"Shopkeepers on the bridge street said they feared losing most of their passing trade, and asked the town for a reduction in their rents during the works.",
		"The authority said the repairs would cost nine million crowns, most of it paid by the national fund for historic structures, and that the bridge would reopen before the summer festival.",
		"Engineers found the cracks during an inspection last autumn, after a barge struck the central pier in fog and residents reported hearing a loud crack from beneath the roadway.",
		"A temporary footbridge for pedestrians and cyclists will be built beside the old one, and a ferry will carry cars at night when the railway crossing is closed for maintenance.",
		"The council will meet next week to decide whether the market, which has been held on the bridge every Saturday for three centuries, can move to the riverside meadow.",
		"Residents of the far bank have asked for an extra bus to the school in the mornings, saying that the diversion will make the journey too long for the youngest children.",
		"The bridge, built of granite from the quarries above the town, has carried traffic since the eighteenth century and was last repaired after the great flood sixty years ago.",
		"Its central arch is protected as a monument, and the authority said that every stone taken out would be numbered, cleaned and put back in its place by the same masons.",
		"Fishing will be banned on a stretch of the river below the bridge while divers inspect the foundations, and boats will have to wait for a pilot before passing the works.",
		"The authority will hold an open evening at the town hall on Thursday, where residents can see the plans and ask the engineers about the timetable and the diversions.",
	}
}

func storyArticle(url string, paras []string) *article.Article {
	return fixture(url, "wire.jsonl", "Old Bridge to Close for Repairs", "2024-02-05T09:00:00+01:00", paras, nil)
}

func storyIDs(t *testing.T, s *SQLite, id string) []string {
	t.Helper()
	st, err := s.Story(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range st.Articles {
		ids = append(ids, a.ID)
	}
	return ids
}

// A syndicated copy with another byline and one sentence rewritten joins the
// story of the original, also after the store is reopened; a different
// article does not; stories are found again for articles stored without one.
func TestStories(t *testing.T) {
	dir := t.TempDir()
	s := openSQLite(t, dir).(*SQLite)
	orig := storyArticle("https://northern-wire.example/bridge", wireStory())
	copied := wireStory()
	copied[0] = "From our correspondent, Lindholm Evening Post"
	copied[3] = "Traders on the bridge street expect to lose much of their passing trade and want the town to cut their rents while the works go on."
	syndicated := storyArticle("https://evening-post.example/news/bridge-closure", copied)
	other := storyArticle("https://northern-wire.example/school", []string{
		"By Selma Varga, Northern Wire",
		"The school board of Lindholm voted on Thursday to build a new gymnasium beside the primary school, after parents complained for years that the old hall was too small and too cold.",
		"The work will begin in the summer holidays and should be finished by the spring, the board said, and pupils will use the sports club's hall across the road in the meantime.",
		"Teachers welcomed the plan but asked for more changing rooms and for the playground to stay open during the works.",
	})
	mustSave(t, s, orig, other)
	mustSave(t, s, syndicated)

	if got := storyIDs(t, s, syndicated.ID); !slices.Equal(got, []string{orig.ID, syndicated.ID}) {
		t.Errorf("story of the syndicated copy: %v, want [%s %s]", got, orig.ID, syndicated.ID)
	}
	if got := storyIDs(t, s, other.ID); !slices.Equal(got, []string{other.ID}) {
		t.Errorf("story of a different article: %v", got)
	}
	if c, _ := s.Counts(context.Background()); c.Articles != 3 || c.Stories != 2 {
		t.Errorf("%d articles in %d stories, want 3 in 2", c.Articles, c.Stories)
	}
	if _, err := s.Story(context.Background(), "nope"); err == nil {
		t.Error("story of an unknown article: no error")
	}

	// The index is on disk: after a restart a re-crawl finds the story by band lookup.
	s.Close()
	s = openSQLite(t, dir).(*SQLite)
	recrawl := slices.Clone(wireStory())
	recrawl = append(recrawl, "This article was updated to add the cost of the repairs.")
	again := storyArticle("https://northern-wire.example/bridge?updated=1", recrawl)
	mustSave(t, s, again)
	if got := storyIDs(t, s, orig.ID); !slices.Equal(got, []string{orig.ID, syndicated.ID, again.ID}) {
		t.Errorf("after a restart: story %v", got)
	}

	// Articles without a story (stored before stories existed) get one on open.
	if _, err := s.db.Exec(`DELETE FROM story_bands; UPDATE articles SET story_id = NULL`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openSQLite(t, dir).(*SQLite)
	if got := storyIDs(t, s, again.ID); !slices.Equal(got, []string{orig.ID, syndicated.ID, again.ID}) {
		t.Errorf("after re-indexing: story %v", got)
	}
	if c, _ := s.Counts(context.Background()); c.Stories != 2 {
		t.Errorf("after re-indexing: %d stories, want 2", c.Stories)
	}
}
