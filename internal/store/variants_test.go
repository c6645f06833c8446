package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// The invented quotation of the variant tests, and the ways stories of their
// own write it down.
const (
	variantWire     = "We will keep the night ferry running through the winter, whatever the fuel costs us this year"
	variantTypo     = "We will keep the night ferry runing through the winter, whatever the fuel costs us this year"
	variantContract = "We'll keep the night ferry running through the winter, whatever the fuel costs us this year"
	variantDropped  = "We will keep the night ferry running through winter, whatever fuel costs us this year"
	variantNumber   = "We will keep the night ferry running through the winter, whatever the fuel costs us in 2025"
	variantNegated  = "We will not keep the night ferry running through the winter, whatever the fuel costs us this year"
	variantTrimmed  = "We will keep the night ferry running through the winter"
	variantOther    = "The night ferry will stop running in the winter because the fuel costs us too much this year"
)

func TestVariantScore(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		join bool
	}{
		{"same", variantWire, variantWire, true},
		{"typo", variantWire, variantTypo, true},
		{"contraction", variantWire, variantContract, true},
		{"words dropped", variantWire, variantDropped, true},
		{"spelling", "The new road is twelve kilometres long and it will be finished by the autumn",
			"The new road is twelve kilometers long and it will be finished by the autumn", true},
		{"another number", variantWire, variantNumber, false},
		{"another number in words", "The second pier is safe again for every visitor this week",
			"The third pier is safe again for every visitor this week", false},
		{"negated", variantWire, variantNegated, false},
		{"trimmed to the half", variantWire, variantTrimmed, false},
		{"other words", variantWire, variantOther, false},
		{"short", "we will win this", "we shall win this", false},
		{"another verb", "I support the carbon tax on big polluters", "I oppose the carbon tax on big polluters", false},
		{"another outcome", "We are going to win this seat in the spring", "We are going to lose this seat in the spring", false},
		{"another person", "He said he would stay on until the new board is chosen", "She said she would stay on until the new board is chosen", false},
		{"a word spelt otherwise", "The new pier is a semi-private project of the harbour board", "The new pier is a semiprivate project of the harbour board", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := fold(c.a), fold(c.b)
			if got := variantScore(a, b) > 0; got != c.join {
				t.Errorf("variantScore = %.2f, want a variant: %v", variantScore(a, b), c.join)
			}
			if variantScore(a, b) != variantScore(b, a) {
				t.Errorf("not symmetric: %.2f, %.2f", variantScore(a, b), variantScore(b, a))
			}
		})
	}
}

// A sketch's bands find the variants the score accepts: the tests below
// depend on it, and a change of the sketch that lost them would be silent.
func TestVariantSketchFinds(t *testing.T) {
	wire := variantBandKeys(7, sketchOf(fold(variantWire)))
	for _, v := range []string{variantTypo, variantContract, variantDropped} {
		got := variantBandKeys(7, sketchOf(fold(v)))
		shared := 0
		for i := range wire {
			if wire[i] == got[i] {
				shared++
			}
		}
		if shared == 0 {
			t.Errorf("%q shares no band with the wire's quote", v)
		}
	}
	if sketchOf(fold("we will win this")) != nil {
		t.Error("a content of four words was sketched")
	}
	if k := variantBandKeys(8, sketchOf(fold(variantWire))); k[0] == wire[0] {
		t.Error("bands do not depend on the speaker")
	}
}

// variantStory is an article of a story of its own (its own words, so no
// near-duplicate of the others) carrying one quote.
func variantStory(n int, speaker, content string) *article.Article {
	topics := []string{
		"The harbour board of Skarvik met on Monday to set the timetable of the island ferries for the coming months, with the fuel bill on every member's mind.",
		"Islanders packed the community hall in Norrvik on Tuesday evening to ask what would become of their only link to the mainland once the storms begin.",
		"A letter from the shipping company to the county, seen by this newspaper, sets out the cost of running a second crew through the dark months.",
		"The county's transport committee heard on Wednesday that diesel prices had risen by a third since the spring, squeezing every public service at sea.",
		"Fishermen in the northern villages said the night crossing was the only way to get their catch to the morning market in time.",
	}
	return fixture("https://paper"+itoa(n)+".example/ferry", "variants.jsonl", "Ferry Story "+itoa(n), "2024-11-0"+itoa(n+1)+"T09:00:00Z",
		[]string{topics[n%len(topics)]}, []fquote{{speaker, nil, article.Direct, content}})
}

// A quotation carried by stories of their own with a typo, a contraction or
// words dropped is one cluster with the wire's, in one batch or many, and
// whichever comes first; another number, a negation, half the words, another
// speaker or an unnamed one stay apart.
func TestQuoteVariantsJoinAcrossStories(t *testing.T) {
	cases := []struct {
		name    string
		speaker string
		content string
		join    bool
	}{
		{"typo", "Ingrid Holm", variantTypo, true},
		{"contraction", "Ingrid Holm", variantContract, true},
		{"words dropped", "Ingrid Holm", variantDropped, true},
		{"another number", "Ingrid Holm", variantNumber, false},
		{"negated", "Ingrid Holm", variantNegated, false},
		{"trimmed to the half", "Ingrid Holm", variantTrimmed, false},
		{"another speaker", "Tomas Berg", variantTypo, false},
		{"unnamed", "", variantTypo, false},
	}
	orders := []struct {
		name string
		save func(t *testing.T, s *SQLite, first, second *article.Article)
	}{
		{"two batches", func(t *testing.T, s *SQLite, first, second *article.Article) {
			mustSave(t, s, first)
			mustSave(t, s, second)
		}},
		{"two batches, variant first", func(t *testing.T, s *SQLite, first, second *article.Article) {
			mustSave(t, s, second)
			mustSave(t, s, first)
		}},
		{"one batch", func(t *testing.T, s *SQLite, first, second *article.Article) { mustSave(t, s, first, second) }},
	}
	for _, c := range cases {
		for _, o := range orders {
			t.Run(c.name+"/"+o.name, func(t *testing.T) {
				s := openSQLite(t, t.TempDir()).(*SQLite)
				wire, other := variantStory(0, "Ingrid Holm", variantWire), variantStory(1, c.speaker, c.content)
				o.save(t, s, wire, other)
				if a, b := storyIDs(t, s, wire.ID), storyIDs(t, s, other.ID); len(a) != 1 || len(b) != 1 {
					t.Fatalf("stories %v and %v, want one article each", a, b)
				}
				cw, co := clusterOf(t, s, wire.ID, "q1"), clusterOf(t, s, other.ID, "q1")
				if (cw == co) != c.join {
					t.Fatalf("the wire's quote in cluster %d, the other in %d, want joined: %v", cw, co, c.join)
				}
				if !c.join {
					return
				}
				cl, err := s.Cluster(context.Background(), cw)
				if err != nil {
					t.Fatal(err)
				}
				if len(cl.Occurrences) != 2 {
					t.Fatalf("cluster %d has %d occurrences, want 2", cw, len(cl.Occurrences))
				}
			})
		}
	}
}

// A surname's speaker merged into the full name's keeps its clusters'
// variants findable under the full name's.
func TestQuoteVariantsAfterSpeakerMerge(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	first := variantStory(0, "Holm", variantWire)
	mustSave(t, s, first)
	full := variantStory(2, "Ingrid Holm", variantOther)
	full.Entities[0].Mentions = append(full.Entities[0].Mentions, article.Mention{Start: 0, End: 4, Text: "Holm"})
	mustSave(t, s, full)
	if speakerByName(t, s, "Holm") != nil {
		t.Fatal("the surname's speaker was not merged into the full name's")
	}
	later := variantStory(1, "Ingrid Holm", variantTypo)
	mustSave(t, s, later)
	if a, b := clusterOf(t, s, first.ID, "q1"), clusterOf(t, s, later.ID, "q1"); a != b {
		t.Fatalf("the surname's quote in cluster %d, the full name's variant in %d", a, b)
	}
}

// A store whose clusters have no bands (written before them) gets them when
// opened, and a new variant then finds its cluster.
func TestQuoteVariantsIndexedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s := openSQLite(t, dir).(*SQLite)
	wire := variantStory(0, "Ingrid Holm", variantWire)
	mustSave(t, s, wire)
	if _, err := s.db.Exec(`DELETE FROM quote_bands; UPDATE store_marks SET value = 0 WHERE name = 'bands_upto'`); err != nil {
		t.Fatal(err)
	}
	path := s.path
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var n int
	if err := s2.db.QueryRow(`SELECT count(*) FROM quote_bands`).Scan(&n); err != nil || n != variantBands {
		t.Fatalf("%d bands after opening (%v), want %d", n, err, variantBands)
	}
	other := variantStory(1, "Ingrid Holm", variantTypo)
	mustSave(t, s2, other)
	if a, b := clusterOf(t, s2, wire.ID, "q1"), clusterOf(t, s2, other.ID, "q1"); a != b {
		t.Fatalf("the stored quote in cluster %d, its variant in %d", a, b)
	}
}

// A speaker's gender and type are those their articles tell most often (a
// gender told as often each way is none); a surname's speaker merged into the
// full name's brings its counts; the exports carry them with the headline
// and outlet.
func TestSpeakerGenderAndType(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	bare := variantStory(0, "Holm", variantWire)
	bare.Entities[0].Gender = "female"
	mustSave(t, s, bare)
	full := variantStory(2, "Ingrid Holm", variantOther)
	full.Entities[0].Mentions = append(full.Entities[0].Mentions, article.Mention{Start: 0, End: 4, Text: "Holm"})
	mustSave(t, s, full)
	if sp := speakerByName(t, s, "Ingrid Holm"); sp == nil || sp.Gender != "female" || sp.Type != "PERSON" {
		t.Fatalf("after the merge, Ingrid Holm: %+v, want a female PERSON", sp)
	}
	// An article that says otherwise makes it a tie: no gender.
	later := variantStory(3, "Ingrid Holm", "The ferry company has not answered our letters since the summer began")
	later.Entities[0].Gender, later.Entities[0].Type = "male", "ORG"
	mustSave(t, s, later)
	if sp := speakerByName(t, s, "Ingrid Holm"); sp == nil || sp.Gender != "" || sp.Type != "PERSON" {
		t.Fatalf("told female once and male once, Ingrid Holm: %+v, want a PERSON of no gender", sp)
	}
	again := variantStory(4, "Ingrid Holm", "We have asked the county for a second boat before the winter storms")
	again.Entities[0].Gender = "female"
	mustSave(t, s, again)
	sp := speakerByName(t, s, "Ingrid Holm")
	if sp == nil || sp.Gender != "female" || sp.Type != "PERSON" {
		t.Fatalf("Ingrid Holm: %+v, want a female PERSON", sp)
	}
	d, err := s.Speaker(ctx, sp.ID)
	if err != nil || d.Gender != "female" || d.Type != "PERSON" {
		t.Fatalf("speaker detail: %+v, %v", d, err)
	}
	var rows []QuoteRow
	if err := s.ExportQuotes(ctx, ExportFilter{}, func(r QuoteRow) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.PublishedUTC == nil || r.Published == nil || r.PublishedUTC.Format(time.RFC3339) != *r.Published {
			t.Errorf("row %s/%s: published_utc %v, published %v", r.ArticleID, r.QuoteID, r.PublishedUTC, r.Published)
		}
		if r.SpeakerGender == nil || *r.SpeakerGender != "female" || r.SpeakerType == nil || *r.SpeakerType != "PERSON" || r.Title == "" {
			t.Errorf("row %s/%s: gender %v, type %v, title %q", r.ArticleID, r.QuoteID, r.SpeakerGender, r.SpeakerType, r.Title)
		}
	}
	var arts []ExportedArticle
	if err := s.ExportArticles(ctx, ExportFilter{}, func(a ExportedArticle) error { arts = append(arts, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 4 || arts[0].Outlet != "paper0.example" || arts[0].Entities[0].Gender != "female" || arts[2].Entities[0].Gender != "male" {
		t.Fatalf("exported: outlet %q, genders %q, %q", arts[0].Outlet, arts[0].Entities[0].Gender, arts[len(arts)-1].Entities[0].Gender)
	}
}

// A surname with a title joins the one person of that surname and gender
// the store knows by the surname alone, and not a person merely stored under
// a full name ending in it ("Ms. Lund, a teacher" is not the minister Karin
// Lund, named in full only): a merge is not undone. A search by a titled
// surname leaves out the people of the other gender.
func TestTitledSurnameOwners(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	story := func(n int, speaker string, mentions []string, gender string) *article.Article {
		a := variantStory(n, speaker, "The ferry timetable for the winter will be published on Friday morning "+itoa(n))
		a.Entities[0].Mentions = nil
		for _, m := range append([]string{speaker}, mentions...) {
			a.Entities[0].Mentions = append(a.Entities[0].Mentions, article.Mention{Start: 0, End: len([]rune(m)), Text: m})
		}
		a.Entities[0].Gender = gender
		return a
	}
	// One Lund, named in full only; two women called Berg, one of them known
	// by her surname; and a man called Berg.
	mustSave(t, s, story(0, "Karin Lund", nil, "female"))
	mustSave(t, s, story(1, "Ragna Berg", []string{"Ms. Berg", "Berg"}, "female"))
	mustSave(t, s, story(2, "Sigrid Berg", nil, "female"))
	mustSave(t, s, story(3, "Tore Berg", nil, "male"))
	lund := story(4, "Lund", []string{"Ms. Lund"}, "female")
	berg := story(5, "Berg", []string{"Ms. Berg"}, "female")
	mustSave(t, s, lund, berg)
	byName := func(id string) string {
		t.Helper()
		sa, err := s.Article(ctx, id)
		if err != nil || len(sa.Speakers) != 1 || sa.Speakers[0] == nil {
			t.Fatalf("article %s: %v", id, err)
		}
		d, err := s.Speaker(ctx, *sa.Speakers[0])
		if err != nil {
			t.Fatal(err)
		}
		return d.Name
	}
	if got := byName(lund.ID); got != "Ms. Lund" {
		t.Errorf("Ms. Lund is %q, want a speaker of her own, not Karin Lund, never called Lund", got)
	}
	if got := byName(berg.ID); got != "Ragna Berg" {
		t.Errorf("Ms. Berg is %q, want Ragna Berg, the one woman known as Berg", got)
	}
	hits, err := s.Search(ctx, Query{Speaker: "Ms. Berg", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Speaker != nil && *h.Speaker == "Tore Berg" {
			t.Errorf("--speaker \"Ms. Berg\" finds Tore Berg's quote")
		}
	}
	if len(hits) < 3 {
		t.Errorf("--speaker \"Ms. Berg\" finds %d quotes, want those of the three women", len(hits))
	}
}

// An organisation's name is no surname with titles: "Health Canada" is not
// "Statistics Canada", even when an article called the latter "Canada".
func TestOrganisationIsNoSurname(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	stats := variantStory(0, "Statistics Canada", "The labour market added jobs in every province except one last month")
	stats.Entities[0].Type = "ORG"
	stats.Entities[0].Mentions = append(stats.Entities[0].Mentions, article.Mention{Start: 0, End: 6, Text: "Canada"})
	health := variantStory(1, "Health Canada", "The recalled tablets should be returned to a pharmacy as soon as possible")
	health.Entities[0].Type = "ORG"
	mustSave(t, s, stats)
	mustSave(t, s, health)
	if sp := speakerByName(t, s, "Health Canada"); sp == nil || sp.Type != "ORG" || slices.Contains(sp.Aliases, "Statistics Canada") {
		t.Fatalf("Health Canada: %+v, want an ORG of its own", sp)
	}
}

// Outlet names that differ only by case are one outlet, under the first
// spelling: a folder "cbc" and the site name "CBC".
func TestOutletNamesFoldCase(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	a, b := variantStory(0, "Ingrid Holm", variantWire), variantStory(1, "Tomas Berg", variantOther)
	a.URL, b.URL = nil, nil
	mustSavePrepared(t, s, a, Origin{Outlet: "harbour news"})
	mustSavePrepared(t, s, b, Origin{Outlet: "Harbour News"})
	for _, name := range []string{"Harbour News", "harbour news", "HARBOUR NEWS"} {
		hits, err := s.Search(ctx, Query{Outlet: name})
		if err != nil || len(hits) != 2 {
			t.Fatalf("--outlet %q: %d hits, %v; want both reports", name, len(hits), err)
		}
		for _, h := range hits {
			if h.Outlet != "harbour news" {
				t.Errorf("outlet %q, want the first spelling", h.Outlet)
			}
		}
	}
}

func mustSavePrepared(t *testing.T, s *SQLite, a *article.Article, o Origin) {
	t.Helper()
	p := Prepare(a)
	p.Origin = o
	if _, err := s.SavePrepared(context.Background(), []*Prepared{p}); err != nil {
		t.Fatal(err)
	}
}

// A cluster merged into another keeps its number as a link to that one,
// whether a quote joined the two within a story or their speakers merged;
// the number is not given to a new cluster.
func TestMergedClusterNumbers(t *testing.T) {
	ctx := context.Background()
	t.Run("near quotes", func(t *testing.T) {
		s := openSQLite(t, t.TempDir()).(*SQLite)
		rewrite := func(url, content string) *article.Article {
			return nearArticle(url, "From our correspondent, Skarvik Gazette", "Ingrid Holm", content)
		}
		trimmed, cut := rewrite("https://gazette.example/ferry", nearTrimmed), rewrite("https://post.example/ferry", nearEllipsis)
		mustSave(t, s, trimmed, cut)
		ct, cc := clusterOf(t, s, trimmed.ID, "q1"), clusterOf(t, s, cut.ID, "q1")
		if ct == cc {
			t.Fatal("the trimmed quote and the cut one are one cluster before the wire's")
		}
		mustSave(t, s, nearArticle("https://wire.example/ferry", "By Selma Varga, Northern Wire", "Ingrid Holm", nearFull))
		kept, gone := min(ct, cc), max(ct, cc)
		cl, err := s.Cluster(ctx, gone)
		if err != nil || cl.ID != kept || len(cl.Occurrences) != 3 {
			t.Fatalf("cluster %d after the merge: %+v, %v; want cluster %d with 3 reports", gone, cl, err, kept)
		}
		other := nearOther("https://post.example/gym", "Tomas Berg", "We will open the new hall before the summer holidays")
		mustSave(t, s, other)
		if c := clusterOf(t, s, other.ID, "q1"); c == gone {
			t.Errorf("a new cluster took the merged number %d", gone)
		}
	})
	t.Run("speakers", func(t *testing.T) {
		s := openSQLite(t, t.TempDir()).(*SQLite)
		bare, full := variantStory(0, "Holm", variantWire), variantStory(1, "Ingrid Holm", variantWire)
		mustSave(t, s, bare)
		mustSave(t, s, full)
		cb, cf := clusterOf(t, s, bare.ID, "q1"), clusterOf(t, s, full.ID, "q1")
		if cb == cf {
			t.Fatal("the surname's quote and the full name's are one cluster before their speakers merge")
		}
		known := variantStory(2, "Ingrid Holm", variantOther)
		known.Entities[0].Mentions = append(known.Entities[0].Mentions, article.Mention{Start: 0, End: 4, Text: "Holm"})
		mustSave(t, s, known)
		if speakerByName(t, s, "Holm") != nil {
			t.Fatal("the surname's speaker was not merged")
		}
		cl, err := s.Cluster(ctx, cb)
		if err != nil || cl.ID != cf || len(cl.Occurrences) != 2 {
			t.Fatalf("cluster %d after the merge: %+v, %v; want cluster %d with 2 reports", cb, cl, err, cf)
		}
	})
}
