package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// Opener opens the store kept under dir, creating it if needed. Calling it
// again with the same dir must reopen the same data.
type Opener func(t *testing.T, dir string) Store

// RunSuite is the contract every Store implementation passes. A PostgreSQL
// implementation runs it with its own Opener.
func RunSuite(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"SaveAndResave", testSaveAndResave},
		{"DedupByURL", testDedupByURL},
		{"DedupByHash", testDedupByHash},
		{"CopyAtAnotherOutlet", testCopyAtAnotherOutlet},
		{"SearchOutletCopies", testSearchOutletCopies},
		{"BatchIsAtomic", testBatchIsAtomic},
		{"SpeakerMerge", testSpeakerMerge},
		{"SurnameIsNotEnough", testSurnameIsNotEnough},
		{"FullNameForms", testFullNameForms},
		{"MiddleInitials", testMiddleInitials},
		{"OpenedForms", testOpenedForms},
		{"SurnameByTitleAndProminence", testSurnameByTitleAndProminence},
		{"SurnameByFirstName", testSurnameByFirstName},
		{"SurnameAmongMany", testSurnameAmongMany},
		{"TitledSurname", testTitledSurname},
		{"TitledSurnameJoinsLater", testTitledSurnameJoinsLater},
		{"QuoteClusters", testQuoteClusters},
		{"Search", testSearch},
		{"BadQuery", testBadQuery},
		{"SearchArticles", testSearchArticles},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"Reopen", testReopen},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// fixture builds an invented article. Each paragraph may hold quotes, given as
// speaker name (or "" for none), the entity's other mentions, kind and content;
// the offsets are computed so that the article is well formed.
type fquote struct {
	speaker  string
	mentions []string
	kind     string
	content  string
}

func fixture(url, source, title, published string, paras []string, quotes []fquote) *article.Article {
	d := article.Draft{Title: title, URL: url}
	if published != "" {
		t, err := time.Parse(time.RFC3339, published)
		if err != nil {
			panic(err)
		}
		d.Published = t
	}
	for _, p := range paras {
		d.Blocks = append(d.Blocks, article.DraftBlock{Kind: article.Paragraph, Text: p})
	}
	for _, q := range quotes {
		d.Blocks = append(d.Blocks, article.DraftBlock{Kind: article.Paragraph, Text: "\u201c" + q.content + ",\u201d said " + q.speaker + "."})
	}
	a := article.Assemble(source, d)
	if published != "" {
		a.Published = &published // keep the offset exactly as written
	}
	ents := map[string]string{}
	for i, q := range quotes {
		blk := a.Blocks[len(paras)+i]
		start := blk.Start + 1
		qq := article.Quote{
			ID: "q" + itoa(i+1), Kind: q.kind, Content: q.content,
			Spans:      []article.Span{{Start: start, End: start + len([]rune(q.content))}},
			Cue:        &article.Cue{Text: "said", Start: blk.Start + len([]rune(q.content)) + 4, End: blk.Start + len([]rune(q.content)) + 8},
			Confidence: 0.9,
		}
		if q.speaker != "" {
			eid, ok := ents[q.speaker]
			if !ok {
				eid = "e" + itoa(len(a.Entities)+1)
				ents[q.speaker] = eid
				e := article.Entity{ID: eid, Name: q.speaker, Type: "PERSON"}
				for _, m := range append([]string{q.speaker}, q.mentions...) {
					e.Mentions = append(e.Mentions, article.Mention{Start: 0, End: len([]rune(m)), Text: m})
				}
				a.Entities = append(a.Entities, e)
			}
			name, m := q.speaker, q.speaker
			s, e := qq.Cue.End+1, qq.Cue.End+1+len([]rune(m))
			qq.Speaker = article.Speaker{Name: &name, Entity: &eid, Mention: &m, Start: &s, End: &e}
		}
		a.Quotes = append(a.Quotes, qq)
	}
	return a
}

func itoa(i int) string { return strconv.Itoa(i) }

// The invented corpus: two outlets report the same words of one president,
// named fully in one and by surname in the other; two ministers share a surname.
func corpus() []*article.Article {
	harbourDay := "2024-03-05" // printed with no zone: published_local alone
	arts := []*article.Article{
		fixture("https://www.levant-wire.example/2024/03/01/coalition", "dump.jsonl:1",
			"President Says Coalition Failed", "2024-03-01T10:00:00+02:00",
			[]string{"Syrian President Bashar al-Assad spoke to reporters in the capital on Friday."},
			[]fquote{
				{"Bashar al-Assad", []string{"Syrian President Bashar al-Assad", "President Assad", "Assad", "he", "the Syrian leader"}, article.Direct, "The coalition has failed to stop terrorism"},
				{"Omar Haddad", []string{"Foreign Minister Omar Haddad", "Haddad"}, article.Indirect, "the talks on the river dam would resume in spring"},
			}),
		fixture("https://northpost.example/world/assad-coalition", "dump.jsonl:2",
			"Assad Repeats Charge Against Coalition", "2024-03-02T08:00:00Z",
			[]string{"The president repeated his charge in a televised speech on Saturday."},
			[]fquote{
				{"Assad", []string{"President Assad"}, article.Direct, "The coalition has FAILED to stop terrorism!"},
				{"Lina Haddad", []string{"Trade Minister Lina Haddad", "Haddad"}, article.Mixed, "grain exports will double by the autumn"},
			}),
		fixture("", "notes/harbour.txt", "Harbour Board Votes for Ferry", "",
			[]string{"The harbour board voted on Tuesday to open a ferry line to the islands."},
			[]fquote{
				{"Maeve Dunne", []string{"Councillor Maeve Dunne", "Dunne"}, article.Direct, "This is the best news the islands have had in years"},
				{"", nil, article.Indirect, "the ferry would run twice a day"},
			}),
	}
	arts[2].PublishedLocal = &harbourDay
	return arts
}

func mustSave(t *testing.T, s Store, arts ...*article.Article) BatchStats {
	t.Helper()
	st, err := s.SaveBatch(context.Background(), arts)
	if err != nil {
		t.Fatalf("SaveBatch: %v", err)
	}
	return st
}

func mustCounts(t *testing.T, s Store) Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testSaveAndResave(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	st := mustSave(t, s, corpus()...)
	if st.Articles != 3 || st.Known != 0 || st.Quotes != 6 {
		t.Errorf("first save: %+v, want 3 articles, 0 known, 6 quotes", st)
	}
	before := mustCounts(t, s)
	if before.Articles != 3 || before.Quotes != 6 || before.Outlets != 3 || before.Blocks != 9 {
		t.Errorf("counts after first save: %+v", before)
	}
	st = mustSave(t, s, corpus()...)
	if st.Articles != 0 || st.Known != 3 || st.Quotes != 0 {
		t.Errorf("second save: %+v, want everything known", st)
	}
	if after := mustCounts(t, s); after != before {
		t.Errorf("re-saving changed the counts:\n before %+v\n after  %+v", before, after)
	}
}

func testDedupByURL(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	a := corpus()[0]
	mustSave(t, s, a)
	// A re-crawl of the same URL with an edited text is the same article.
	b := fixture(*a.URL, "later.jsonl:9", a.Title+" (updated)", "2024-03-01T12:00:00+02:00",
		[]string{"An update was added at noon."}, nil)
	if st := mustSave(t, s, b); st.Known != 1 || st.Articles != 0 {
		t.Errorf("re-crawl: %+v, want known", st)
	}
	if c := mustCounts(t, s); c.Articles != 1 {
		t.Errorf("articles = %d, want 1", c.Articles)
	}
}

func testDedupByHash(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	a := corpus()[2] // no URL
	mustSave(t, s, a)
	same := *a
	same.Source = "notes/harbour-copy.txt" // the same outlet: not one more report
	if st := mustSave(t, s, &same); st.Known != 1 || st.Copies != 0 {
		t.Errorf("same text, no URL: %+v, want known, no copy", st)
	}
	// The same text at a URL: known, and remembered as a copy.
	syndicated := *a
	u := "https://islands-daily.example/harbour"
	syndicated.URL = &u
	if st := mustSave(t, s, &syndicated); st.Known != 1 || st.Copies != 1 {
		t.Errorf("same text at a URL: %+v, want known, a new copy", st)
	}
	if st := mustSave(t, s, &syndicated); st.Known != 1 || st.Copies != 0 {
		t.Errorf("the copy again: %+v, want known, no new copy", st)
	}
	c := mustCounts(t, s)
	if c.Articles != 1 || c.Copies != 1 || c.Quotes != 2 {
		t.Errorf("counts %+v, want 1 article, 1 copy, 2 quotes", c)
	}
	// The copy is one more report of each of the article's quotes.
	cl, err := s.Cluster(context.Background(), clusterOf(t, s, a.ID, "q1"))
	if err != nil {
		t.Fatal(err)
	}
	// The same day: the tie goes to the smaller URL or source, the copy's.
	if len(cl.Occurrences) != 2 || !cl.Occurrences[0].Copy || cl.Occurrences[0].Outlet != "islands-daily.example" {
		t.Errorf("occurrences %+v, want the copy and its article", cl.Occurrences)
	}
}

// The same text with no URL in the folder of another outlet is a copy, as it
// is at another URL; saving it again, or at its own outlet, adds nothing.
func testCopyAtAnotherOutlet(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	a := corpus()[2] // no URL, outlet "notes"
	mustSave(t, s, a)
	// The same file saved again under another outlet's name is the same report.
	if st, err := s.SavePrepared(context.Background(), PrepareAll([]*article.Article{a}, Origin{Outlet: "The Notes"})); err != nil || st.Known != 1 || st.Copies != 0 {
		t.Errorf("the same file as another outlet: %+v %v, want known, no copy", st, err)
	}
	other := *a
	other.Source = "islands/harbour.txt"
	for i := range 2 {
		if st := mustSave(t, s, &other); st.Known != 1 || st.Articles != 0 || st.Copies != 1-i {
			t.Errorf("save %d of the copy: %+v, want known, %d new copies", i+1, st, 1-i)
		}
	}
	home := *a
	home.Source = "notes/again/../harbour-2.txt"
	mustSave(t, s, &home)
	if c := mustCounts(t, s); c.Articles != 1 || c.Copies != 1 || c.Outlets != 2 {
		t.Errorf("counts %+v, want 1 article, 1 copy, 2 outlets", c)
	}
	cl, err := s.Cluster(context.Background(), clusterOf(t, s, a.ID, "q1"))
	if err != nil {
		t.Fatal(err)
	}
	// Both on the same day: the tie goes to the smaller source, the copy's.
	if len(cl.Occurrences) != 2 || !cl.Occurrences[0].Copy || cl.Occurrences[0].Outlet != "islands" ||
		cl.Occurrences[0].URL != nil || cl.Occurrences[0].Source != "islands/harbour.txt" {
		t.Errorf("occurrences %+v, want the article and its copy at islands", cl.Occurrences)
	}
}

// A search by outlet finds the quotes of articles reported there only as a
// copy, shown at that outlet and counted there only.
func testSearchOutletCopies(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	arts := corpus()
	mustSave(t, s, arts...)
	folder := *arts[2]
	folder.Source = "islands/harbour.txt"
	u := "https://www.harbour-weekly.example/ferry"
	syndicated := *arts[0]
	syndicated.URL = &u
	mustSave(t, s, &folder, &syndicated)
	tests := []struct {
		outlet string
		want   []string // contents' first words, in order
		url    *string  // of the first hit
	}{
		{"islands", []string{"This is the best", "the ferry would"}, nil},
		{"harbour-weekly.example", []string{"The coalition has failed", "the talks on"}, &u},
		{"notes", []string{"This is the best", "the ferry would"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.outlet, func(t *testing.T) {
			hits, err := s.Search(context.Background(), Query{Outlet: tc.outlet})
			if err != nil {
				t.Fatal(err)
			}
			ok := len(hits) == len(tc.want)
			for i := 0; ok && i < len(hits); i++ {
				ok = strings.HasPrefix(hits[i].Content, tc.want[i]) && hits[i].Outlet == tc.outlet && hits[i].Occurrences == 1
			}
			if !ok {
				t.Fatalf("hits %+v\nwant %q at %s, once each", hits, tc.want, tc.outlet)
			}
			if got := hits[0].URL; (got == nil) != (tc.url == nil) || got != nil && *got != *tc.url {
				t.Errorf("first hit's URL %v, want %v", got, tc.url)
			}
			words := "ferry"
			if tc.url != nil {
				words = "coalition"
			}
			ah, err := s.SearchArticles(context.Background(), ArticleQuery{Words: words, Outlet: tc.outlet})
			if err != nil {
				t.Fatal(err)
			}
			if len(ah) != 1 {
				t.Errorf("SearchArticles(%q at %s): %+v, want 1", words, tc.outlet, ah)
			}
		})
	}
	// Without an outlet, each quote counts its every report.
	hits, err := s.Search(context.Background(), Query{Words: "ferry"})
	if err != nil || len(hits) != 1 || hits[0].Occurrences != 2 {
		t.Errorf("search ferry: %+v %v, want one hit reported twice", hits, err)
	}
}

func testBatchIsAtomic(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	arts := corpus()
	bad := arts[2]
	bad.Quotes = append(bad.Quotes, bad.Quotes[0]) // the same quote id twice
	if _, err := s.SaveBatch(context.Background(), arts); err == nil {
		t.Fatal("SaveBatch with a duplicate quote id: no error")
	}
	if c := mustCounts(t, s); c != (Counts{}) {
		t.Errorf("a failed batch left rows: %+v", c)
	}
}

func speakerByName(t *testing.T, s Store, name string) *SpeakerCount {
	t.Helper()
	sp, err := s.Speakers(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sp {
		if sp[i].Name == name {
			return &sp[i]
		}
	}
	return nil
}

func testSpeakerMerge(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s, corpus()...)
	sp := speakerByName(t, s, "Bashar al-Assad")
	if sp == nil {
		t.Fatal("no speaker Bashar al-Assad")
	}
	if sp.Quotes != 2 || sp.Articles != 2 || sp.Clusters != 1 {
		t.Errorf("Bashar al-Assad: %+v, want 2 quotes in 2 articles, 1 cluster", sp)
	}
	for _, want := range []string{"Assad", "President Assad", "Syrian President Bashar al-Assad"} {
		if !slices.Contains(sp.Aliases, want) {
			t.Errorf("aliases %q lack %q", sp.Aliases, want)
		}
	}
	for _, bad := range []string{"he", "the Syrian leader"} {
		if slices.Contains(sp.Aliases, bad) {
			t.Errorf("aliases %q hold %q", sp.Aliases, bad)
		}
	}
	if speakerByName(t, s, "Assad") != nil {
		t.Error("the surname-only speaker was not merged")
	}
}

func testSurnameIsNotEnough(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s, corpus()...)
	omar, lina := speakerByName(t, s, "Omar Haddad"), speakerByName(t, s, "Lina Haddad")
	if omar == nil || lina == nil || omar.ID == lina.ID {
		t.Fatalf("two ministers named Haddad: %+v %+v, want two speakers", omar, lina)
	}
	// "Haddad" alone now names either of them: it must not be given to one.
	a := fixture("https://northpost.example/haddad", "x.jsonl:1", "Dam Talks", "2024-04-01T09:00:00Z", nil,
		[]fquote{{"Haddad", nil, article.Direct, "We will sign nothing this week"}})
	mustSave(t, s, a)
	if h := speakerByName(t, s, "Haddad"); h == nil || h.ID == omar.ID || h.ID == lina.ID {
		t.Errorf("ambiguous surname was merged: %+v", h)
	}
	if o := speakerByName(t, s, "Omar Haddad"); o.Quotes != 1 {
		t.Errorf("Omar Haddad quotes = %d, want 1", o.Quotes)
	}
}

// An article that gives a person two full names ("Nadia K. Farouk" and "Nadia
// Farouk") joins the speaker stored under the other; one that only gives a different
// full name of the same surname does not.
func testFullNameForms(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s,
		fixture("https://a.example/1", "x.jsonl:1", "Port Plan", "2024-05-01T09:00:00Z", nil,
			[]fquote{{"Nadia Farouk", []string{"Farouk"}, article.Direct, "The port will open in June"}}),
		fixture("https://b.example/2", "x.jsonl:2", "Port Delay", "2024-05-02T09:00:00Z", nil,
			[]fquote{{"Nadia K. Farouk", []string{"Nadia Farouk", "Farouk"}, article.Direct, "The port will open in July"}}),
		fixture("https://c.example/3", "x.jsonl:3", "Dock Strike", "2024-05-03T09:00:00Z", nil,
			[]fquote{{"Samir Farouk", []string{"Farouk"}, article.Direct, "The dockers will strike on Monday"}}),
	)
	nadia := speakerByName(t, s, "Nadia Farouk")
	if nadia == nil || nadia.Quotes != 2 {
		t.Fatalf("Nadia Farouk: %+v, want one speaker with both quotes", nadia)
	}
	if sp := speakerByName(t, s, "Nadia K. Farouk"); sp != nil {
		t.Errorf("Nadia K. Farouk is a speaker of her own: %+v", sp)
	}
	if !slices.Contains(nadia.Aliases, "Nadia K. Farouk") {
		t.Errorf("aliases %q lack the fuller form", nadia.Aliases)
	}
	if samir := speakerByName(t, s, "Samir Farouk"); samir == nil || samir.ID == nadia.ID {
		t.Errorf("Samir Farouk: %+v, want a speaker apart from Nadia Farouk", samir)
	}
}

// A surname with a title joins the one person of that surname whose first
// name agrees with the title: "Mr. Okafor" is not Grace Okafor, even when she
// is the only Okafor known.
func testSurnameByFirstName(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s,
		fixture("https://a.example/1", "x.jsonl:1", "Budget", "2024-05-01T09:00:00Z", nil,
			[]fquote{{"Grace Okafor", []string{"Okafor"}, article.Direct, "The budget is balanced"}}))
	mustSave(t, s,
		fixture("https://b.example/2", "x.jsonl:2", "Schools", "2024-05-02T09:00:00Z", nil,
			[]fquote{{"Okafor", []string{"Mr. Okafor"}, article.Direct, "The schools need teachers"}}),
		fixture("https://c.example/3", "x.jsonl:3", "Roads", "2024-05-03T09:00:00Z", nil,
			[]fquote{{"Okafor", []string{"Ms. Okafor"}, article.Direct, "The roads need repairs"}}))
	g := speakerByName(t, s, "Grace Okafor")
	if g == nil || g.Quotes != 2 || slices.Contains(g.Aliases, "Mr. Okafor") || !slices.Contains(g.Aliases, "Ms. Okafor") {
		t.Errorf("Grace Okafor: %+v, want her quote and Ms. Okafor's, not Mr. Okafor's", g)
	}
}

// A surname that two people share names one of them when the title says which
// ("Mr. Nasser" of Karim, not Leila, Nasser), or when one is quoted ten times as
// often as the other; a bare surname of two people quoted alike stays apart.
func testSurnameByTitleAndProminence(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s,
		fixture("https://a.example/1", "x.jsonl:1", "Budget", "2024-05-01T09:00:00Z", nil,
			[]fquote{{"Karim Nasser", []string{"Mr. Nasser", "Nasser"}, article.Direct, "The budget is balanced"}}),
		fixture("https://b.example/2", "x.jsonl:2", "Schools", "2024-05-02T09:00:00Z", nil,
			[]fquote{{"Leila Nasser", []string{"Mrs. Nasser", "Nasser"}, article.Direct, "The schools need teachers"}}),
	)
	mustSave(t, s,
		fixture("https://c.example/3", "x.jsonl:3", "Budget Again", "2024-05-03T09:00:00Z", nil,
			[]fquote{{"Nasser", []string{"Mr. Nasser"}, article.Direct, "The budget is still balanced"}}),
		fixture("https://d.example/4", "x.jsonl:4", "Who", "2024-05-04T09:00:00Z", nil,
			[]fquote{{"Nasser", nil, article.Direct, "Nobody asked us"}}),
	)
	karim, leila := speakerByName(t, s, "Karim Nasser"), speakerByName(t, s, "Leila Nasser")
	if karim == nil || leila == nil || karim.Quotes != 2 || leila.Quotes != 1 {
		t.Fatalf("Karim %+v, Leila %+v: want the quote of Mr. Nasser given to Karim", karim, leila)
	}
	if bare := speakerByName(t, s, "Nasser"); bare == nil || bare.Quotes != 1 {
		t.Fatalf("bare Nasser: %+v, want a speaker of its own while two are quoted alike", bare)
	}
	// Karim, now quoted far more often, is whom a bare "Nasser" names: the
	// surname's own speaker joins him, and so does a new bare "Nasser".
	var many []fquote
	for i := range minProminent + 2 {
		many = append(many, fquote{"Karim Nasser", []string{"Nasser"}, article.Direct, "The deficit fell in month " + itoa(i)})
	}
	mustSave(t, s, fixture("https://a.example/5", "x.jsonl:5", "Deficit", "2024-05-05T09:00:00Z", nil, many))
	mustSave(t, s, fixture("https://e.example/6", "x.jsonl:6", "Again", "2024-05-06T09:00:00Z", nil,
		[]fquote{{"Nasser", nil, article.Direct, "We said it already"}}))
	if bare := speakerByName(t, s, "Nasser"); bare != nil {
		t.Errorf("bare Nasser still apart: %+v", bare)
	}
	if k := speakerByName(t, s, "Karim Nasser"); k == nil || k.Quotes != 2+minProminent+2+2 {
		t.Errorf("Karim Nasser: %+v, want every quote but Leila's", k)
	}
	if l := speakerByName(t, s, "Leila Nasser"); l == nil || l.Quotes != 1 {
		t.Errorf("Leila Nasser: %+v", l)
	}
	// In one batch, a bare "Nasser" (Karim, by prominence) does not decide who
	// "Mrs. Nasser" is.
	mustSave(t, s,
		fixture("https://e.example/7", "x.jsonl:7", "Budget Once More", "2024-05-07T09:00:00Z", nil,
			[]fquote{{"Nasser", nil, article.Direct, "The budget holds"}}),
		fixture("https://e.example/8", "x.jsonl:8", "Schools Again", "2024-05-08T09:00:00Z", nil,
			[]fquote{{"Nasser", []string{"Mrs. Nasser"}, article.Direct, "The schools still need teachers"}}))
	if l := speakerByName(t, s, "Leila Nasser"); l == nil || l.Quotes != 2 {
		t.Errorf("Leila Nasser: %+v, want Mrs. Nasser's quote", l)
	}
	if k := speakerByName(t, s, "Karim Nasser"); k == nil || slices.Contains(k.Aliases, "Mrs. Nasser") {
		t.Errorf("Karim Nasser: %+v", k)
	}
}

// A surname that only its title tells apart keeps the title in its speaker's name.
func testTitledSurname(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s,
		fixture("https://a.example/1", "t.jsonl:1", "One", "2024-07-01T09:00:00Z", nil,
			[]fquote{{"Omar Haddad", []string{"Mr. Haddad", "Haddad"}, article.Direct, "First point"}}),
		fixture("https://a.example/2", "t.jsonl:2", "Two", "2024-07-02T09:00:00Z", nil,
			[]fquote{{"Karim Haddad", []string{"Mr. Haddad", "Haddad"}, article.Direct, "Second point"}}),
		fixture("https://a.example/3", "t.jsonl:3", "Three", "2024-07-03T09:00:00Z", nil,
			[]fquote{{"Lina Haddad", []string{"Mrs. Haddad", "Haddad"}, article.Direct, "Third point"}}))
	mustSave(t, s,
		fixture("https://a.example/4", "t.jsonl:4", "Four", "2024-07-04T09:00:00Z", nil,
			[]fquote{{"Haddad", []string{"Mr. Haddad"}, article.Direct, "Fourth point"}}),
		fixture("https://a.example/5", "t.jsonl:5", "Five", "2024-07-05T09:00:00Z", nil,
			[]fquote{{"Haddad", []string{"Mrs. Haddad"}, article.Direct, "Fifth point"}}))
	if mr := speakerByName(t, s, "Mr. Haddad"); mr == nil || mr.Quotes != 1 {
		t.Errorf("Mr. Haddad: %+v, want a speaker of that name (two men are called so)", mr)
	}
	if l := speakerByName(t, s, "Lina Haddad"); l == nil || l.Quotes != 2 {
		t.Errorf("Lina Haddad: %+v, want Mrs. Haddad's quote", l)
	}
}

// A titled surname stored before the person it names is joined to them when they
// come; a woman's full name does not take "Mr." of her surname.
func testTitledSurnameJoinsLater(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s, fixture("https://b.example/1", "j.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Haddad", []string{"Mr. Haddad"}, article.Direct, "First word"}}))
	mustSave(t, s, fixture("https://b.example/2", "j.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Omar Haddad", []string{"Haddad"}, article.Direct, "Second word"}}))
	mustSave(t, s, fixture("https://b.example/3", "j.jsonl:3", "Three", "2024-08-03T09:00:00Z", nil,
		[]fquote{{"Haddad", nil, article.Direct, "Third word"}}))
	if o := speakerByName(t, s, "Omar Haddad"); o == nil || o.Quotes != 3 {
		t.Errorf("Omar Haddad: %+v, want all three quotes", o)
	}
	// Both forms at once ("Haddad" and "Mr. Haddad") lead to the titled speaker once.
	s3 := open(t, t.TempDir())
	mustSave(t, s3, fixture("https://d.example/1", "l.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Haddad", []string{"Mr. Haddad"}, article.Direct, "First word"}}))
	mustSave(t, s3, fixture("https://d.example/2", "l.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Omar Haddad", []string{"Haddad", "Mr. Haddad"}, article.Direct, "Second word"}}))
	if o := speakerByName(t, s3, "Omar Haddad"); o == nil || o.Quotes != 2 {
		t.Errorf("Omar Haddad: %+v, want both quotes", o)
	}
	// Every title of address counts, not only "Mr." and "Mrs.".
	s4 := open(t, t.TempDir())
	mustSave(t, s4, fixture("https://e.example/1", "m.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Haddad", []string{"Lord Haddad"}, article.Direct, "First word"}}))
	mustSave(t, s4, fixture("https://e.example/2", "m.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Omar Haddad", []string{"Haddad"}, article.Direct, "Second word"}}))
	if o := speakerByName(t, s4, "Omar Haddad"); o == nil || o.Quotes != 2 {
		t.Errorf("Omar Haddad: %+v, want both quotes (the Lord's too)", o)
	}
	s2 := open(t, t.TempDir())
	mustSave(t, s2, fixture("https://c.example/1", "k.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Lina Haddad", []string{"Mrs. Haddad", "Haddad"}, article.Direct, "Her word"}}))
	mustSave(t, s2, fixture("https://c.example/2", "k.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Haddad", []string{"Mr. Haddad"}, article.Direct, "His word"}}))
	if l := speakerByName(t, s2, "Lina Haddad"); l == nil || l.Quotes != 1 || slices.Contains(l.Aliases, "Mr. Haddad") {
		t.Errorf("Lina Haddad: %+v, want her quote only", l)
	}
	// An article that wrongly gives her "Mr. Haddad" does not give her that alias.
	mustSave(t, s2, fixture("https://c.example/3", "k.jsonl:3", "Three", "2024-08-03T09:00:00Z", nil,
		[]fquote{{"Lina Haddad", []string{"Mr. Haddad"}, article.Direct, "Her other word"}}))
	if l := speakerByName(t, s2, "Lina Haddad"); l == nil || slices.Contains(l.Aliases, "Mr. Haddad") {
		t.Errorf("Lina Haddad: %+v, took a title of the other gender", l)
	}
}

// A full name with middle initials and the same name without them are one
// person, in either order; two people whose names differ only in their middle
// initials stay two, and the name without initials joins neither.
func testMiddleInitials(t *testing.T, open Opener) {
	for _, order := range [][2]string{{"Omar K. Haddad", "Omar Haddad"}, {"Omar Haddad", "Omar K. Haddad"}} {
		s := open(t, t.TempDir())
		mustSave(t, s, fixture("https://i.example/1", "i.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
			[]fquote{{order[0], nil, article.Direct, "First word"}}))
		mustSave(t, s, fixture("https://i.example/2", "i.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
			[]fquote{{order[1], nil, article.Direct, "Second word"}}))
		if o := speakerByName(t, s, order[0]); o == nil || o.Quotes != 2 {
			t.Errorf("%s then %s: %+v, want one speaker of both quotes", order[0], order[1], o)
		}
	}
	s := open(t, t.TempDir())
	mustSave(t, s, fixture("https://j.example/1", "j.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Omar K. Haddad", nil, article.Direct, "His word"}}))
	mustSave(t, s, fixture("https://j.example/2", "j.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Omar R. J. Haddad", nil, article.Direct, "His father's word"}}))
	mustSave(t, s, fixture("https://j.example/3", "j.jsonl:3", "Three", "2024-08-03T09:00:00Z", nil,
		[]fquote{{"Omar Haddad", nil, article.Direct, "Whose word"}}))
	for _, n := range []string{"Omar K. Haddad", "Omar R. J. Haddad"} {
		if o := speakerByName(t, s, n); o == nil || o.Quotes != 1 {
			t.Errorf("%s: %+v, want a speaker of one quote", n, o)
		}
	}
	// Other initials stay apart however the article writes the names: beside
	// the bare name, or with a title.
	for i, c := range []struct{ first, firstForm, second, secondForm string }{
		{"Omar K. Haddad", "Omar K. Haddad", "Omar R. Haddad", "Omar Haddad"},
		{"Omar Haddad", "Sen. Omar K. Haddad", "Omar R. Haddad", "Omar R. Haddad"},
		{"J. K. Rowe", "J. K. Rowe", "J. Rowe", "J. Rowe"},
		{"Channel News", "Channel News", "Channel 4 News", "Channel 4 News"},
	} {
		s := open(t, t.TempDir())
		u := "https://k.example/" + itoa(i)
		mustSave(t, s, fixture(u+"/1", "k.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
			[]fquote{{c.first, []string{c.firstForm}, article.Direct, "First word"}}))
		mustSave(t, s, fixture(u+"/2", "k.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
			[]fquote{{c.second, []string{c.secondForm}, article.Direct, "Second word"}}))
		if o := speakerByName(t, s, c.second); o == nil || o.Quotes != 1 {
			t.Errorf("%s after %s: %+v, want a speaker of its own", c.second, c.first, o)
		}
	}
}

// A form with a word before another form is no alias unless that word is a
// title: a sentence's opening word the mention took in is not part of a name.
func testOpenedForms(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s, fixture("https://f.example/1", "f.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Omar Haddad", []string{"Billionaire Omar Haddad", "Mr. Omar Haddad", "Haddad", "Rival Haddad"}, article.Direct, "First word"}}))
	mustSave(t, s, fixture("https://f.example/2", "f.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Harbour Times", []string{"The Harbour Times", "Harbour Times"}, article.Direct, "Second word"}}))
	if h := speakerByName(t, s, "Harbour Times"); h == nil || !slices.Contains(h.Aliases, "The Harbour Times") {
		t.Errorf("Harbour Times: %+v, want the alias The Harbour Times", h)
	}
	o := speakerByName(t, s, "Omar Haddad")
	if o == nil {
		t.Fatal("no speaker Omar Haddad")
	}
	if slices.Contains(o.Aliases, "Billionaire Omar Haddad") {
		t.Errorf("aliases %q hold the opened form", o.Aliases)
	}
	for _, a := range []string{"Mr. Omar Haddad", "Haddad", "Rival Haddad"} {
		if !slices.Contains(o.Aliases, a) {
			t.Errorf("aliases %q lack %q", o.Aliases, a)
		}
	}
}

// Whom a surname with a title names is judged among all who share it, however many.
func testSurnameAmongMany(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	var arts []*article.Article
	for i := range 16 {
		var qs []fquote
		for k := range 3 {
			qs = append(qs, fquote{"Ann" + string(rune('a'+i)) + " Smith", []string{"Mrs. Smith", "Smith"}, article.Direct, "Point " + itoa(i) + " of " + itoa(k)})
		}
		arts = append(arts, fixture("https://w.example/"+itoa(i), "w.jsonl:"+itoa(i), "Women", "2024-06-01T09:00:00Z", nil, qs))
	}
	var bob []fquote
	for k := range 4 {
		bob = append(bob, fquote{"Bob Smith", []string{"Mr. Smith", "Smith"}, article.Direct, "Bob's point " + itoa(k)})
	}
	arts = append(arts,
		fixture("https://m.example/1", "m.jsonl:1", "Bob", "2024-06-02T09:00:00Z", nil, bob),
		fixture("https://m.example/2", "m.jsonl:2", "Carl", "2024-06-03T09:00:00Z", nil,
			[]fquote{{"Carl Smith", []string{"Mr. Smith", "Smith"}, article.Direct, "Carl's point"}}))
	mustSave(t, s, arts...)
	mustSave(t, s, fixture("https://m.example/3", "m.jsonl:3", "Which", "2024-06-04T09:00:00Z", nil,
		[]fquote{{"Smith", []string{"Mr. Smith"}, article.Direct, "Whose point is this"}}))
	if b := speakerByName(t, s, "Bob Smith"); b == nil || b.Quotes != 4 {
		t.Errorf("Bob Smith: %+v, want his 4 quotes only: Mr. Smith may be Carl", b)
	}
}

func clusterOf(t *testing.T, s Store, articleID, qid string) int64 {
	t.Helper()
	sa, err := s.Article(context.Background(), articleID)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range sa.Article.Quotes {
		if q.ID == qid {
			return sa.Clusters[i]
		}
	}
	t.Fatalf("article %s has no quote %s", articleID, qid)
	return 0
}

func testQuoteClusters(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	arts := corpus()
	mustSave(t, s, arts[1]) // the later report first: first-reported must not depend on order
	mustSave(t, s, arts[0], arts[2])
	c1, c2 := clusterOf(t, s, arts[0].ID, "q1"), clusterOf(t, s, arts[1].ID, "q1")
	if c1 != c2 {
		t.Fatalf("the same words of the same speaker are in clusters %d and %d", c1, c2)
	}
	c, err := s.Cluster(context.Background(), c1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Speaker == nil || *c.Speaker != "Bashar al-Assad" {
		t.Errorf("cluster speaker %v", c.Speaker)
	}
	if len(c.Occurrences) != 2 {
		t.Fatalf("occurrences %+v, want 2", c.Occurrences)
	}
	if c.FirstReported == nil || *c.FirstReported != "2024-03-01T10:00:00+02:00" {
		t.Errorf("first reported %v, want 2024-03-01T10:00:00+02:00", c.FirstReported)
	}
	if o := c.Occurrences[0]; o.Outlet != "levant-wire.example" || o.URL == nil || o.Article != arts[0].ID {
		t.Errorf("first occurrence %+v", o)
	}
	if o := c.Occurrences[1]; o.Outlet != "northpost.example" {
		t.Errorf("second occurrence %+v", o)
	}
	// Different words are another cluster; so are the same words of another speaker.
	if clusterOf(t, s, arts[0].ID, "q2") == c1 {
		t.Error("different quotes share a cluster")
	}
	if _, err := s.Cluster(context.Background(), 99999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing cluster: %v, want ErrNotFound", err)
	}
}

func testSearch(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	arts := corpus()
	// The engine was less sure of the report on grain exports.
	for _, a := range arts {
		for i := range a.Quotes {
			if strings.HasPrefix(a.Quotes[i].Content, "grain exports") {
				a.Quotes[i].Confidence = 0.4
			}
		}
	}
	mustSave(t, s, arts...)
	date := func(v string) time.Time { d, _ := time.Parse("2006-01-02", v); return d }
	tests := []struct {
		name string
		q    Query
		want []string // contents' first words, in order
		occ  int      // occurrences of the first hit, 0: not checked
	}{
		{"word", Query{Words: "coalition"}, []string{"The coalition has failed"}, 2},
		{"phrase", Query{Words: `"best news"`}, []string{"This is the best"}, 0},
		{"prefix", Query{Words: "terror*"}, []string{"The coalition has failed"}, 0},
		{"and not", Query{Words: "the NOT coalition"}, []string{"the talks on", "grain exports", "This is the best", "the ferry would"}, 0},
		{"speaker canonical", Query{Speaker: "Bashar al-Assad"}, []string{"The coalition has failed"}, 2},
		{"speaker alias any case", Query{Speaker: "president ASSAD"}, []string{"The coalition has failed"}, 2},
		{"speaker surname alias", Query{Speaker: "Haddad"}, []string{"the talks on", "grain exports"}, 0},
		{"speaker unknown", Query{Speaker: "Nobody Atall"}, nil, 0},
		{"since", Query{Since: date("2024-03-02")}, []string{"The coalition has FAILED", "grain exports", "This is the best", "the ferry would"}, 1},
		{"a local day", Query{Since: date("2024-03-05"), Until: date("2024-03-06")}, []string{"This is the best", "the ferry would"}, 0},
		{"until", Query{Until: date("2024-03-02")}, []string{"The coalition has failed", "the talks on"}, 1},
		{"outlet", Query{Outlet: "www.NorthPost.example"}, []string{"The coalition has FAILED", "grain exports"}, 0},
		{"kind", Query{Kind: article.Mixed}, []string{"grain exports"}, 0},
		{"words and speaker", Query{Words: "coalition", Speaker: "Assad", Since: date("2014-01-01")}, []string{"The coalition has failed"}, 0},
		{"limit", Query{Limit: 2}, []string{"The coalition has failed", "the talks on"}, 0},
		{"min confidence", Query{Speaker: "Haddad", MinConfidence: 0.5}, []string{"the talks on"}, 0},
		{"min confidence and kind", Query{Kind: article.Mixed, MinConfidence: 0.5}, nil, 0},
		{"min confidence met", Query{Kind: article.Mixed, MinConfidence: 0.4}, []string{"grain exports"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := s.Search(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Content)
			}
			ok := len(got) == len(tc.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i], tc.want[i])
			}
			if !ok {
				t.Errorf("got %q\nwant prefixes %q", got, tc.want)
			}
			for _, h := range hits {
				want := 0.9
				if strings.HasPrefix(h.Content, "grain exports") {
					want = 0.4
				}
				if h.Confidence != want {
					t.Errorf("%q: confidence %v, want %v", h.Content, h.Confidence, want)
				}
			}
			if tc.occ > 0 && len(hits) > 0 && hits[0].Occurrences != tc.occ {
				t.Errorf("first hit has %d occurrences, want %d", hits[0].Occurrences, tc.occ)
			}
		})
	}
}

// Article text is searchable too: words of the text or the title, with a
// passage around the match, filtered like quotes.
func testSearchArticles(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s, corpus()...)
	arts := corpus()
	date := func(v string) time.Time { d, _ := time.Parse("2006-01-02", v); return d }
	tests := []struct {
		name string
		q    ArticleQuery
		want []string // article ids, in order
	}{
		{"word of the text", ArticleQuery{Words: "televised"}, []string{arts[1].ID}},
		{"word of the title", ArticleQuery{Words: "ferry"}, []string{arts[2].ID}},
		{"phrase", ArticleQuery{Words: `"open a ferry line"`}, []string{arts[2].ID}},
		{"outlet", ArticleQuery{Words: "coalition", Outlet: "www.northpost.example"}, []string{arts[1].ID}},
		{"since", ArticleQuery{Words: "coalition", Since: date("2024-03-02")}, []string{arts[1].ID}},
		{"until", ArticleQuery{Words: "coalition", Until: date("2024-03-02")}, []string{arts[0].ID}},
		{"nothing", ArticleQuery{Words: "zeppelin"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := s.SearchArticles(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	hits, err := s.SearchArticles(context.Background(), ArticleQuery{Words: "televised"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("%v %v", hits, err)
	}
	if h := hits[0]; !strings.Contains(h.Snippet, "[televised]") || h.Outlet != "northpost.example" || h.Quotes != 2 {
		t.Errorf("hit %+v: want the match bracketed in the snippet, the outlet and 2 quotes", h)
	}
	for _, w := range []string{"", `"unterminated`, "AND"} {
		if _, err := s.SearchArticles(context.Background(), ArticleQuery{Words: w}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("SearchArticles(%q) = %v, want ErrBadQuery", w, err)
		}
	}
}

func testBadQuery(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	mustSave(t, s, corpus()...)
	for _, w := range []string{`"unterminated`, `coalition AND`, `(coalition`, `nosuchcolumn:coalition`, `*`, `AND OR`} {
		_, err := s.Search(context.Background(), Query{Words: w})
		if !errors.Is(err, ErrBadQuery) {
			t.Errorf("Search(%q) = %v, want ErrBadQuery", w, err)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("Search(%q): message on several lines: %q", w, err)
		}
	}
}

func testArticleRoundTrip(t *testing.T, open Opener) {
	s := open(t, t.TempDir())
	arts := corpus()
	mustSave(t, s, arts...)
	for _, a := range arts {
		sa, err := s.Article(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sa.Article, a) {
			t.Errorf("article %s came back different:\n got  %+v\n want %+v", a.ID, sa.Article, a)
		}
		if len(sa.Clusters) != len(a.Quotes) || sa.Outlet == "" {
			t.Errorf("article %s: clusters %v outlet %q", a.ID, sa.Clusters, sa.Outlet)
		}
	}
	if _, err := s.Article(context.Background(), "0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
}

func testReopen(t *testing.T, open Opener) {
	dir := t.TempDir()
	s := open(t, dir)
	mustSave(t, s, corpus()...)
	before := mustCounts(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir)
	if after := mustCounts(t, s); after != before {
		t.Errorf("reopening changed the counts: %+v → %+v", before, after)
	}
	if st := mustSave(t, s, corpus()...); st.Articles != 0 {
		t.Errorf("after reopening, known articles were stored again: %+v", st)
	}
}
