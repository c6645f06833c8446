package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/minhash"
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

// The reports of a story are its near-duplicates and their copies (the same
// text at another URL), earliest published first whatever the order they were
// stored in, those without a time last; the first is marked and gives the
// story's first_reported. StoryByID finds the same story by its number.
func TestStoryReports(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t, t.TempDir()).(*SQLite)
	copied := wireStory()
	copied[0] = "From our correspondent, Lindholm Evening Post"
	copied[3] = "Traders on the bridge street expect to lose much of their passing trade and want the town to cut their rents while the works go on."
	late := fixture("https://evening-post.example/news/bridge-closure", "post.jsonl", "Bridge to Close", "2024-02-05T18:00:00+01:00", copied, nil)
	orig := fixture("https://northern-wire.example/bridge", "wire.jsonl", "Old Bridge to Close for Repairs", "2024-02-05T09:00:00+01:00", wireStory(), nil)
	exact := fixture("https://harbour-daily.example/bridge", "daily.jsonl", "Old Bridge to Close for Repairs", "2024-02-05T12:00:00+02:00", wireStory(), nil)
	// Stored before orig, undated joins late's story by itself: its exact
	// Jaccard similarity with late is 0.815 (with a longer note, 0.799).
	undated := fixture("https://northern-wire.example/bridge?page=2", "wire.jsonl", "Old Bridge to Close for Repairs", "",
		append(wireStory(), "This article was updated."), nil)
	other := fixture("https://northern-wire.example/school", "wire.jsonl", "New Gymnasium", "2024-02-04T09:00:00+01:00", []string{
		"The school board of Lindholm voted on Thursday to build a new gymnasium beside the primary school, after parents complained for years that the old hall was too small and too cold.",
		"The work will begin in the summer holidays and should be finished by the spring, the board said, and pupils will use the sports club's hall across the road in the meantime.",
	}, nil)
	// The late syndicated copy is stored first: the story is numbered after
	// it, but the original, published earlier, is the first report.
	mustSave(t, s, late)
	mustSave(t, s, undated, other, orig)
	mustSave(t, s, exact)

	st, err := s.Story(ctx, late.ID)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id, outlet, source string
		url, published     string
		copy, first        bool
	}
	var got []row
	for _, a := range st.Articles {
		got = append(got, row{a.ID, a.Outlet, a.Source, deref(a.URL), deref(a.Published), a.Copy, a.First})
	}
	want := []row{
		{orig.ID, "northern-wire.example", "wire.jsonl", "https://northern-wire.example/bridge", "2024-02-05T09:00:00+01:00", false, true},
		{orig.ID, "harbour-daily.example", "daily.jsonl", "https://harbour-daily.example/bridge", "2024-02-05T12:00:00+02:00", true, false},
		{late.ID, "evening-post.example", "post.jsonl", "https://evening-post.example/news/bridge-closure", "2024-02-05T18:00:00+01:00", false, false},
		{undated.ID, "northern-wire.example", "wire.jsonl", "https://northern-wire.example/bridge?page=2", "", false, false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("reports:\n got %+v\nwant %+v", got, want)
	}
	if st.Size != 4 || deref(st.FirstReported) != "2024-02-05T09:00:00+01:00" {
		t.Errorf("size %d, first reported %v; want 4, 2024-02-05T09:00:00+01:00", st.Size, deref(st.FirstReported))
	}
	if st.Articles[0].Title != orig.Title {
		t.Errorf("title of the first report %q", st.Articles[0].Title)
	}

	// Every member sees the same story, and so does its number.
	for _, id := range []string{orig.ID, undated.ID} {
		if o, err := s.Story(ctx, id); err != nil || o.ID != st.ID || o.Size != 4 {
			t.Errorf("story of %s: %+v, %v; want story %d", id, o, err, st.ID)
		}
	}
	if o, err := s.StoryByID(ctx, st.ID); err != nil || !reflect.DeepEqual(o, st) || o.Size != st.Size {
		t.Errorf("StoryByID(%d): %+v, %v", st.ID, o, err)
	}
	if _, err := s.StoryByID(ctx, 987654); !errors.Is(err, ErrNotFound) {
		t.Errorf("StoryByID of no story: %v, want ErrNotFound", err)
	}

	// A story of one: the article alone, first, with its own time.
	o, err := s.Story(ctx, other.ID)
	if err != nil || o.Size != 1 || len(o.Articles) != 1 || !o.Articles[0].First || deref(o.FirstReported) != *other.Published {
		t.Errorf("story of a different article: %+v, %v", o, err)
	}
}

// A story is numbered by the pk of an article; an article whose pk is that
// number but that belongs to another story (re-indexed since) is not in it.
func TestStoryNumberIsNotMembership(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	a := storyArticle("https://a.example/1", []string{"The ferry to the outer islands will run twice a day from June, the harbour board said on Monday after a long debate."})
	b := storyArticle("https://b.example/2", []string{"The library on the hill will open on Sundays from the autumn, the council said, and will lend tools as well as books."})
	mustSave(t, s, a, b)
	var pkA, pkB int64
	s.db.QueryRow(`SELECT pk FROM articles WHERE id = ?`, a.ID).Scan(&pkA)
	s.db.QueryRow(`SELECT pk FROM articles WHERE id = ?`, b.ID).Scan(&pkB)
	// a has joined b's story; b still carries a's old number.
	if _, err := s.db.Exec(`UPDATE articles SET story_id = ? WHERE pk = ?`, pkB, pkA); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE articles SET story_id = ? WHERE pk = ?`, pkA, pkB); err != nil {
		t.Fatal(err)
	}
	if got := storyIDs(t, s, b.ID); !slices.Equal(got, []string{b.ID}) {
		t.Errorf("story %d: %v, want only %s", pkA, got, b.ID)
	}
}

// BenchmarkStory reads the story of an article copied by 200 outlets: what an
// article page or `whosaid article` pays on top of the article.
func BenchmarkStory(b *testing.B) {
	s, err := OpenSQLite(context.Background(), b.TempDir()+"/whosaid.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var arts []*article.Article
	for i := range 200 {
		paras := wireStory()
		paras[0] = "Reported by desk " + itoa(i)
		arts = append(arts, fixture("https://outlet"+itoa(i)+".example/bridge", "wire.jsonl", "Old Bridge to Close", "2024-02-05T09:00:00+01:00", paras, nil))
	}
	if _, err := s.SaveBatch(context.Background(), arts); err != nil {
		b.Fatal(err)
	}
	st, err := s.Story(context.Background(), arts[100].ID)
	if err != nil || st.Size != 200 {
		b.Fatalf("story of %d, %v", st.Size, err)
	}
	for b.Loop() {
		if _, err := s.Story(context.Background(), arts[100].ID); err != nil {
			b.Fatal(err)
		}
	}
}

// everyNth replaces every step-th word of paras, counted from offset, with word:
// an edit whose Jaccard similarity with the original is known in advance.
func everyNth(paras []string, step, offset int, word string) []string {
	out := make([]string, len(paras))
	n := 0
	for i, p := range paras {
		ws := strings.Fields(p)
		for j := range ws {
			if n%step == offset {
				ws[j] = word
			}
			n++
		}
		out[i] = strings.Join(ws, " ")
	}
	return out
}

// A story takes in an article whose exact Jaccard similarity with one of its
// reports is at least minhash.Threshold, whatever the MinHash estimate says:
// an edit at 0.798 estimated at 0.833 stays apart, one at 0.816 estimated at
// 0.758 joins. So when the report is in the same batch, in an earlier one,
// stored before shingle sets were kept, and when stories are indexed again on
// open.
func TestStoryExactJaccard(t *testing.T) {
	orig := storyArticle("https://northern-wire.example/bridge", wireStory())
	below := storyArticle("https://evening-post.example/bridge", everyNth(wireStory(), 42, 6, "river"))
	above := storyArticle("https://harbour-daily.example/bridge", everyNth(wireStory(), 40, 0, "town"))
	// The fixtures are what the test says they are.
	so := minhash.Shingles(orig.Text)
	for _, f := range []struct {
		a      *article.Article
		same   bool
		estLow bool
	}{{below, false, false}, {above, true, true}} {
		sb := minhash.Shingles(f.a.Text)
		j := minhash.Jaccard(so, sb)
		e := minhash.Estimate(minhash.Signature(so), minhash.Signature(sb))
		if (j >= minhash.Threshold) != f.same || (e < minhash.Threshold) != f.estLow {
			t.Fatalf("fixture %s: Jaccard %.4f, estimate %.4f", *f.a.URL, j, e)
		}
	}
	want := func(t *testing.T, s *SQLite) {
		t.Helper()
		if got := storyIDs(t, s, orig.ID); !slices.Equal(got, []string{orig.ID, above.ID}) {
			t.Errorf("story of the original: %v, want [%s %s]", got, orig.ID, above.ID)
		}
		if got := storyIDs(t, s, below.ID); !slices.Equal(got, []string{below.ID}) {
			t.Errorf("story of the edit below the threshold: %v, want it alone", got)
		}
	}
	t.Run("same batch", func(t *testing.T) {
		s := openSQLite(t, t.TempDir()).(*SQLite)
		mustSave(t, s, orig, below, above)
		want(t, s)
	})
	t.Run("later batch", func(t *testing.T) {
		dir := t.TempDir()
		s := openSQLite(t, dir).(*SQLite)
		mustSave(t, s, orig)
		s.Close()
		s = openSQLite(t, dir).(*SQLite)
		mustSave(t, s, below)
		mustSave(t, s, above)
		want(t, s)
	})
	t.Run("stored before sets were kept", func(t *testing.T) {
		s := openSQLite(t, t.TempDir()).(*SQLite)
		mustSave(t, s, orig)
		if _, err := s.db.Exec(`DELETE FROM story_sets`); err != nil {
			t.Fatal(err)
		}
		mustSave(t, s, below, above)
		want(t, s)
	})
	t.Run("indexed on open", func(t *testing.T) {
		dir := t.TempDir()
		s := openSQLite(t, dir).(*SQLite)
		mustSave(t, s, orig, below, above)
		if _, err := s.db.Exec(`DELETE FROM story_bands; DELETE FROM story_sigs; DELETE FROM story_sets; UPDATE articles SET story_id = NULL`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		want(t, openSQLite(t, dir).(*SQLite))
	})
}

// An article near-duplicate of articles in two stories joins those stories into
// one, the earliest: two edits of one report that differ too much from each
// other to be one story are one once the report they both come from is stored,
// whether it comes in a later batch or in the same one.
func TestStoriesJoin(t *testing.T) {
	head := wireStory()
	head[1] = "Lindholm's river authority announced on Monday that its stone bridge, the oldest in the town, is to shut for eight months from March so that engineers can rebuild the cracked arches and the piers."
	tail := wireStory()
	tail[12] = "An open evening is planned at the town hall on Thursday: residents will be shown the plans and may question the engineers on the timetable and on the diversions."
	early := storyArticle("https://northern-wire.example/bridge-early", head)
	late := storyArticle("https://evening-post.example/bridge-late", tail)
	whole := storyArticle("https://northern-wire.example/bridge", wireStory())
	j := func(a, b *article.Article) float64 {
		return minhash.JaccardSet(minhash.Set(a.Text), minhash.Set(b.Text))
	}
	t.Logf("Jaccard early~late %.2f, early~whole %.2f, late~whole %.2f", j(early, late), j(early, whole), j(late, whole))
	if j(early, late) >= minhash.Threshold || j(early, whole) < minhash.Threshold || j(late, whole) < minhash.Threshold {
		t.Fatalf("fixture: Jaccard early~late %.2f, early~whole %.2f, late~whole %.2f", j(early, late), j(early, whole), j(late, whole))
	}
	for _, batches := range [][][]*article.Article{
		{{early, late}, {whole}},
		{{early}, {late}, {whole}},
		{{early, late, whole}},
	} {
		s := openSQLite(t, t.TempDir()).(*SQLite)
		for _, b := range batches {
			mustSave(t, s, b...)
		}
		if c := mustCounts(t, s); c.Articles != 3 || c.Stories != 1 {
			t.Errorf("%d batches: %d articles in %d stories, want 3 in 1", len(batches), c.Articles, c.Stories)
		}
		if got := storyIDs(t, s, late.ID); len(got) != 3 || !slices.Contains(got, early.ID) || !slices.Contains(got, whole.ID) {
			t.Errorf("%d batches: story of the late edit %v", len(batches), got)
		}
		// The joined story is known by its earliest article, also in the signatures
		// later articles are compared with.
		var stories, sigStories int
		if err := s.db.QueryRow(`SELECT count(DISTINCT story_id) FROM story_sigs`).Scan(&sigStories); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRow(`SELECT count(*) FROM articles WHERE story_id = (SELECT min(pk) FROM articles)`).Scan(&stories); err != nil {
			t.Fatal(err)
		}
		if sigStories != 1 || stories != 3 {
			t.Errorf("%d batches: %d stories among the signatures, %d articles in the first article's story", len(batches), sigStories, stories)
		}
		// The numbers of the two stories before the join (the edits', each
		// the first of its story) both find the joined story.
		var pks []int64
		for _, a := range []*article.Article{early, late} {
			var pk int64
			if err := s.db.QueryRow(`SELECT pk FROM articles WHERE id = ?`, a.ID).Scan(&pk); err != nil {
				t.Fatal(err)
			}
			pks = append(pks, pk)
		}
		for _, pk := range pks {
			if st, err := s.StoryByID(context.Background(), pk); err != nil || st.Size != 3 {
				t.Errorf("%d batches: story %d: %v", len(batches), pk, err)
			}
		}
	}
}

// An article's id copied in capitals finds the article and its story.
func TestArticleIDAnyCase(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	a := storyArticle("https://northern-wire.example/bridge", wireStory())
	mustSave(t, s, a)
	up := strings.ToUpper(a.ID)
	if sa, err := s.Article(context.Background(), up); err != nil || sa.Article.ID != a.ID {
		t.Errorf("Article(%s): %v", up, err)
	}
	if st, err := s.Story(context.Background(), up); err != nil || st.Size != 1 {
		t.Errorf("Story(%s): %v", up, err)
	}
}
