package store

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// copyFixtures are three invented reports of one quote: the harbour article at
// the courier (14:20 UTC, written with its -05:00 offset), the same text at
// the wire 20 minutes earlier under a headline of its own, and another
// article quoting the same words later.
func copyFixtures() (courier, wire, later *article.Article) {
	paras := []string{"PORT KELLIN — The harbour inquiry will sit in private, the council said on Friday."}
	quotes := []fquote{
		{"Ilse Varga", []string{"Councillor Ilse Varga", "Varga"}, article.Direct, "An inquiry behind closed doors is worth nothing"},
		{"", nil, article.Indirect, "the inquiry would report in June"},
	}
	courier = fixture("https://www.courier.example/news/harbour-inquiry", "c.jsonl:1", "Harbour inquiry to sit in private",
		"2026-03-13T09:20:00-05:00", paras, quotes)
	wire = fixture("https://wire.example/world/harbour-inquiry", "c.jsonl:2", "Closed doors condemned as harbour inquiry opens",
		"2026-03-13T14:00:00Z", paras, quotes)
	later = fixture("https://chronicle.example/harbour", "c.jsonl:3", "Inquiry row grows", "2026-03-13T14:45:00Z",
		[]string{"The row over the harbour inquiry grew on Friday evening."}, quotes[:1])
	return courier, wire, later
}

// copyStores saves the fixtures in file order and in reverse into two stores.
func copyStores(t *testing.T) [2]*SQLite {
	courier, wire, later := copyFixtures()
	var out [2]*SQLite
	for i, order := range [][]*article.Article{{courier, wire, later}, {later, wire, courier}} {
		s := openSQLite(t, t.TempDir()).(*SQLite)
		for _, a := range order {
			mustSave(t, s, a) // one batch each: the first saved is the stored article
		}
		out[i] = s
	}
	if c := mustCounts(t, out[0]); c.Articles != 2 || c.Copies != 1 {
		t.Fatalf("counts %+v, want 2 articles and a copy", c)
	}
	return out
}

// Every report is judged by its own time: a copy published before the stored
// article is the first report, in search, in its filters and in its counts,
// whichever of the two was saved first.
func TestCopyTimesDecideFirstReport(t *testing.T) {
	ctx := context.Background()
	stores := copyStores(t)
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name  string
		q     Query
		url   string // of the first report; "" for no hit
		title string
		n     int // reports counted
	}{
		{"words", Query{Words: "closed doors"}, "https://wire.example/world/harbour-inquiry", "Closed doors condemned as harbour inquiry opens", 3},
		{"speaker", Query{Speaker: "Ilse Varga"}, "https://wire.example/world/harbour-inquiry", "Closed doors condemned as harbour inquiry opens", 3},
		{"until before the courier", Query{Words: "inquiry", Until: at("2026-03-13T14:10:00Z"), Kind: article.Direct},
			"https://wire.example/world/harbour-inquiry", "Closed doors condemned as harbour inquiry opens", 1},
		{"since after the wire", Query{Speaker: "Varga", Since: at("2026-03-13T14:10:00Z")},
			"https://www.courier.example/news/harbour-inquiry", "Harbour inquiry to sit in private", 2},
		{"until before all", Query{Words: "inquiry", Until: at("2026-03-13T13:00:00Z")}, "", "", 0},
		{"outlet of the copy", Query{Outlet: "wire.example", Kind: article.Direct},
			"https://wire.example/world/harbour-inquiry", "Closed doors condemned as harbour inquiry opens", 1},
		{"outlet of the courier", Query{Outlet: "courier.example", Kind: article.Direct},
			"https://www.courier.example/news/harbour-inquiry", "Harbour inquiry to sit in private", 1},
	}
	defer func() { forceWords = 0 }()
	for _, plan := range []wordsPlan{0, wordsGather, wordsProbe, wordsSet} {
		forceWords = plan
		for _, tc := range tests {
			var got [2][]Hit
			for i, s := range stores {
				hits, err := s.Search(ctx, tc.q)
				if err != nil {
					t.Fatalf("%s (plan %d): %v", tc.name, plan, err)
				}
				for j := range hits {
					hits[j].Cluster = 0 // numbered in the order saved
				}
				got[i] = hits
			}
			if !reflect.DeepEqual(got[0], got[1]) {
				t.Errorf("%s (plan %d): the two orders differ:\n%+v\n%+v", tc.name, plan, got[0], got[1])
			}
			hits := got[1]
			if tc.url == "" {
				if len(hits) != 0 {
					t.Errorf("%s (plan %d): hits %+v, want none", tc.name, plan, hits)
				}
				continue
			}
			if len(hits) != 1 || hits[0].URL == nil || *hits[0].URL != tc.url || hits[0].Title != tc.title || hits[0].Occurrences != tc.n {
				t.Errorf("%s (plan %d): hits %+v, want %s (%q), %d report(s)", tc.name, plan, hits, tc.url, tc.title, tc.n)
			}
		}
	}
	// The quote's own page agrees, and so does the speaker's page of quotes.
	for i, s := range stores {
		hits, err := s.Search(ctx, Query{Speaker: "Ilse Varga"})
		if err != nil || len(hits) != 1 {
			t.Fatalf("store %d: %+v %v", i, hits, err)
		}
		c, err := s.Cluster(ctx, hits[0].Cluster)
		if err != nil {
			t.Fatal(err)
		}
		if c.FirstReported == nil || *c.FirstReported != "2026-03-13T14:00:00Z" || len(c.Occurrences) != 3 || !sameURL(c.Occurrences[0].URL, hits[0].URL) {
			t.Errorf("store %d: cluster %+v, want first reported by the wire", i, c)
		}
		sp := speakerByName(t, s, "Ilse Varga")
		recent, err := s.SpeakerQuotes(ctx, sp.ID, 10, 0)
		if err != nil || len(recent) != 1 || !sameURL(recent[0].URL, hits[0].URL) || recent[0].Occurrences != 3 {
			t.Errorf("store %d: speaker's quotes %+v %v, want the wire's, 3 reports", i, recent, err)
		}
	}
}

func sameURL(a, b *string) bool { return a != nil && b != nil && *a == *b }

// A copy keeps its own headline: shown wherever the copy is, and found by
// article search.
func TestCopyOwnHeadline(t *testing.T) {
	ctx := context.Background()
	s := copyStores(t)[0] // the courier stored, the wire its copy
	const own = "Closed doors condemned as harbour inquiry opens"
	hits, err := s.Search(ctx, Query{Speaker: "Ilse Varga"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("%+v %v", hits, err)
	}
	c, err := s.Cluster(ctx, hits[0].Cluster)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range c.Occurrences {
		if o.Copy != (o.Title == own) {
			t.Errorf("occurrence %+v: a copy shows its own headline, the article its", o)
		}
	}
	st, err := s.Story(ctx, hits[0].Article)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range st.Articles {
		if a.Copy != (a.Title == own) {
			t.Errorf("story report %+v: a copy shows its own headline", a)
		}
	}
	var titles []string
	if err := s.ExportArticles(ctx, ExportFilter{}, func(a ExportedArticle) error {
		titles = append(titles, a.Title)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"Harbour inquiry to sit in private", own, "Inquiry row grows"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("exported titles %q, want %q", titles, want)
	}
	found, err := s.SearchArticles(ctx, ArticleQuery{Words: `"closed doors condemned"`})
	if err != nil || len(found) != 1 || found[0].Title != own || !sameURL(found[0].URL, hits[0].URL) || found[0].Outlet != "wire.example" {
		t.Errorf("article search by the copy's headline: %+v %v, want the copy", found, err)
	}
	// Words on the text column still work, and find the stored article.
	if found, err := s.SearchArticles(ctx, ArticleQuery{Words: "text:private"}); err != nil || len(found) != 1 || found[0].Title != "Harbour inquiry to sit in private" {
		t.Errorf("text:private: %+v %v", found, err)
	}
}

// speakers counts stored quotes and, beside them, every report with copies.
func TestSpeakerReports(t *testing.T) {
	ctx := context.Background()
	s := copyStores(t)[0]
	sp := speakerByName(t, s, "Ilse Varga")
	if sp == nil || sp.Quotes != 2 || sp.Articles != 2 || sp.Clusters != 1 || sp.Reports != 3 {
		t.Errorf("speaker %+v, want 2 quotes in 2 articles, 1 cluster, 3 reports", sp)
	}
	d, err := s.Speaker(ctx, sp.ID)
	if err != nil || d.Quotes != 2 || d.Reports != 3 {
		t.Errorf("speaker detail %+v %v, want 2 quotes, 3 reports", d, err)
	}
}

// A store made before copies had their own times gets them on open: a copy
// published first is the first report.
func TestUpgradeCopyTimes(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/old.db"
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	s := &SQLite{db: db, Now: time.Now}
	if err := s.migrate(ctx, 14); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO outlets(id, name) VALUES (1, 'late.example'), (2, 'early.example')`,
		`INSERT INTO articles(pk, id, url, text_hash, outlet_id, source, title, published, published_utc, text, ingested, story_id, sort_time)
			VALUES (1, 'a1', 'https://late.example/1', 'h1', 1, 'old.txt', 'Old', '2020-05-01T12:00:00+02:00', '2020-05-01T10:00:00Z',
			'The harbour will reopen.', '2020-05-02T00:00:00Z', 1, '2020-05-01T10:00:00Z')`,
		`INSERT INTO article_copies(url, article_pk, outlet_id, source, published, published_utc)
			VALUES ('https://early.example/1', 1, 2, 'old.txt', '2020-05-01T08:00:00Z', '2020-05-01T08:00:00Z')`,
		`INSERT INTO speakers(id, name, name_key, quotes) VALUES (1, 'Ana Pires', 'ana pires', 1)`,
		`INSERT INTO quote_clusters(id, speaker_id, content_key, content, key_hash) VALUES (1, 1, 'the harbour will reopen', 'The harbour will reopen.', 1)`,
		`INSERT INTO quotes(id, article_pk, qid, cluster_id, speaker_id, kind, content, spans, confidence, outlet_id, sort_time)
			VALUES (1, 1, 'q1', 1, 1, 'direct', 'The harbour will reopen.', '[]', 0.9, 1, '2020-05-01T10:00:00Z')`,
		`INSERT INTO quotes_fts(rowid, content) VALUES (1, 'The harbour will reopen.')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	st, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []Query{{Words: "harbour"}, {Speaker: "Ana Pires"}, {Until: time.Date(2020, 5, 1, 9, 0, 0, 0, time.UTC)}} {
		hits, err := st.Search(ctx, q)
		if err != nil || len(hits) != 1 || hits[0].Outlet != "early.example" || hits[0].Title != "Old" {
			t.Errorf("%+v: %+v %v, want the copy at early.example first, the article's headline", q, hits, err)
		}
	}
}

// quotes ID lists reports in the order search finds them, a copy with only a
// local time among them by its wall clock, and shows that local time; a copy
// with no headline of its own shows its article's.
func TestClusterLocalCopyAndNoHeadline(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSQLite(ctx, t.TempDir()+"/w.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	text := []string{"The ferry to the islands will run twice a day from March, the operator said on Monday."}
	q := []fquote{{"Ana Pires", nil, article.Direct, "We will sail twice a day from March"}}
	stored := fixture("https://alpha.example/ferry", "alpha", "Ferry to run twice a day", "2026-02-10T08:00:00Z", text, q)
	local := fixture("https://gamma.example/ferry", "gamma", "", "", text, q)
	wall := "2026-02-09T07:00:00"
	local.PublishedLocal = &wall
	if _, err := s.SaveBatch(ctx, []*article.Article{stored, local}); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, Query{Speaker: "Ana Pires"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("%+v %v", hits, err)
	}
	c, err := s.Cluster(ctx, hits[0].Cluster)
	if err != nil || len(c.Occurrences) != 2 {
		t.Fatalf("%+v %v", c, err)
	}
	first := c.Occurrences[0]
	if !sameURL(first.URL, hits[0].URL) || first.PublishedLocal == nil || *first.PublishedLocal != wall {
		t.Errorf("first occurrence %+v, want the local copy search shows first (%v)", first, hits[0].URL)
	}
	for _, o := range c.Occurrences {
		if o.Title != "Ferry to run twice a day" {
			t.Errorf("occurrence %+v: a copy with no headline shows its article's", o)
		}
	}
}
