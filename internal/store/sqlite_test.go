package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

func openSQLite(t *testing.T, dir string) Store { return testStore(t, dir) }

// testStore opens a store in dir, closed when the test ends, with a fixed clock.
func testStore(t *testing.T, dir string) *SQLite {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(dir, "whosaid.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLite(t *testing.T) { RunSuite(t, openSQLite) }

// Migrations run once: opening an up-to-date database applies nothing and
// leaves the version where it was.
func TestMigrationsIdempotent(t *testing.T) {
	dir := t.TempDir()
	all, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	want := len(all)
	for i := range 3 {
		s := openSQLite(t, dir).(*SQLite)
		v, err := s.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if v != want {
			t.Errorf("open %d: schema version %d, want %d", i, v, want)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != want {
			t.Errorf("open %d: %d schema_version rows (%v), want %d", i, n, err, want)
		}
		s.Close()
	}
}

// The driver must have FTS5 with the pieces we use.
func TestFTS5Available(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	var opt int
	if err := s.db.QueryRow(`SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&opt); err != nil || opt != 1 {
		t.Fatalf("ENABLE_FTS5 = %d (%v)", opt, err)
	}
	// The indexes agree with their tables after saving twice (the second time
	// stores nothing) and reopening.
	dir := t.TempDir()
	s2 := openSQLite(t, dir)
	mustSave(t, s2, corpus()...)
	mustSave(t, s2, corpus()...)
	s2.Close()
	s3 := openSQLite(t, dir).(*SQLite)
	for _, tbl := range []string{"quotes_fts", "articles_fts"} {
		if _, err := s3.db.Exec(`INSERT INTO ` + tbl + `(` + tbl + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s integrity check: %v", tbl, err)
		}
	}
	var n int
	if err := s3.db.QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ferry'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("articles_fts MATCH ferry: %d (%v), want 1", n, err)
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys %d (%v), want 1", fk, err)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The coalition has FAILED to stop terrorism!", "the coalition has failed to stop terrorism"},
		{"“The coalition   has failed, to stop terrorism”", "the coalition has failed to stop terrorism"},
		{"Bashar al-Assad", "bashar al assad"},
		{"Dunne’s", "dunnes"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAliasOf(t *testing.T) {
	tests := []struct {
		mention, name string
		want          bool
	}{
		{"Assad", "Bashar al-Assad", true},
		{"President Assad", "Bashar al-Assad", true},
		{"Syrian President Bashar al-Assad", "Bashar al-Assad", true},
		{"al-Assad", "Bashar al-Assad", true},
		{"he", "Bashar al-Assad", false},
		{"the Syrian leader", "Bashar al-Assad", false},
		{"The Syrian Leader", "Bashar al-Assad", false},
		{"His counterpart, Trade Minister Lina Haddad", "Lina Haddad", false},
		{"The authority's director Leila Mansour", "Leila Mansour", false},
		{"Omar Haddad", "Lina Haddad", true}, // shares the surname: the merge rule, not this, keeps them apart
		{"U.S. Senate", "U.S.", false},
		{"Washington", "Washington Post", false},
		{"The Post", "The Washington Post", true},
		{"Haddad Foundation", "Omar Haddad", false},
	}
	for _, tc := range tests {
		if got := aliasOf(tc.mention, tc.name); got != tc.want {
			t.Errorf("aliasOf(%q, %q) = %v, want %v", tc.mention, tc.name, got, tc.want)
		}
	}
}

func TestOutletName(t *testing.T) {
	u := func(s string) *string { return &s }
	tests := []struct {
		url    *string
		source string
		want   string
	}{
		{u("https://www.Example.com/a/b"), "x", "example.com"},
		{u("http://news.example.org:8080/"), "x", "news.example.org"},
		{nil, "data/wire/story.txt", "wire"},
		{nil, "dump.jsonl:12", "dump.jsonl"},
		{nil, "/abs/dir/dump.jsonl:3", "dump.jsonl"},
		{nil, "story.txt", "story.txt"},
		{nil, "-", "stdin"},
	}
	for _, tc := range tests {
		if got := outletName(tc.url, tc.source, Origin{}); got != tc.want {
			t.Errorf("outletName(%v, %q) = %q, want %q", tc.url, tc.source, got, tc.want)
		}
	}
}

// Every way of applying a search's words gives the same page, counts included.
func TestSearchWordPathsAgree(t *testing.T) {
	s := testStore(t, t.TempDir())
	mustSave(t, s, corpus()...)
	queries := []Query{
		{Words: "coalition"}, {Words: "the"}, {Words: "the", Limit: 2}, {Words: "the NOT coalition"},
		{Words: "the", Speaker: "Haddad"}, {Words: "the", Outlet: "northpost.example"},
		{Words: "the", Kind: article.Indirect}, {Words: `"best news"`},
		{Words: "the", Since: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)},
	}
	defer func() { forceWords = 0 }()
	for _, q := range queries {
		forceWords = wordsGather
		gather, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(gather) == 0 && q.Speaker == "" && q.Outlet == "" {
			t.Errorf("%+v: no hits", q)
		}
		for _, p := range []wordsPlan{wordsProbe, wordsSet} {
			forceWords = p
			got, err := s.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gather, got) {
				t.Errorf("%+v, plan %d:\ngathered %+v\ngot      %+v", q, p, gather, got)
			}
		}
	}
}

// The plan follows the counts: few matches are gathered, a selective filter
// is walked, and very common words are asked about quote by quote.
func TestPlanWords(t *testing.T) {
	tests := []struct {
		words, filter, all int
		want               wordsPlan
	}{
		{100, 1_000_000, 1_000_000, wordsGather},
		{3_000, 1_000_000, 1_000_000, wordsGather},
		{600_000, 1_000_000, 1_000_000, wordsProbe},
		{50_000, 1_000_000, 1_000_000, wordsSet},
		{200_000, 40, 1_000_000, wordsProbe},
		{20_000, 3_000, 1_000_000, wordsSet},
	}
	for _, tc := range tests {
		if got := planWords(tc.words, tc.filter, tc.all, 50); got != tc.want {
			t.Errorf("planWords(%d, %d, %d) = %d, want %d", tc.words, tc.filter, tc.all, got, tc.want)
		}
	}
}

// A store written before quotes carried their time and clusters their hash is
// brought up to date on open: searches and clustering work on its old rows.
func TestUpgradeFromVersion4(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	// Rebuild the file as version 4 had it, with one quote.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	s := &SQLite{db: db, Now: time.Now}
	if err := s.migrate(ctx, 4); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO outlets(id, name) VALUES (1, 'old.example')`,
		`INSERT INTO articles(pk, id, text_hash, outlet_id, source, title, published, published_utc, text, ingested, story_id)
			VALUES (1, 'a1', 'h1', 1, 'old.txt', 'Old', '2020-05-01T12:00:00+02:00', '2020-05-01T10:00:00Z', 'The harbour will reopen.', '2020-05-02T00:00:00Z', 1)`,
		`INSERT INTO speakers(id, name, name_key) VALUES (1, 'Ana Pires', 'ana pires')`,
		`INSERT INTO quote_clusters(id, speaker_id, content_key, content) VALUES (1, 1, 'the harbour will reopen', 'The harbour will reopen.')`,
		`INSERT INTO quotes(id, article_pk, qid, cluster_id, speaker_id, kind, content, spans, confidence)
			VALUES (1, 1, 'q1', 1, 1, 'direct', 'The harbour will reopen.', '[]', 0.9)`,
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
	// The phrase index is filled in on open: a phrase is found through it.
	var upto int64
	if err := st.db.QueryRow(`SELECT value FROM store_marks WHERE name = 'pairs_upto'`).Scan(&upto); err != nil || upto != 1 {
		t.Errorf("phrase index up to quote %d (%v), want 1", upto, err)
	}
	for _, q := range []Query{{Words: "harbour"}, {Words: `"harbour will"`}, {Outlet: "old.example"}, {Since: time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)}, {Speaker: "Ana Pires"}} {
		hits, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Cluster != 1 || hits[0].Occurrences != 1 {
			t.Errorf("%+v: hits %+v, want cluster 1 once", q, hits)
		}
	}
	// The same words again from the same speaker join the old cluster.
	a := fixture("https://new.example/harbour", "new.jsonl", "New", "2020-06-01T09:00:00Z", []string{"Ana Pires said the harbour will reopen."},
		[]fquote{{"Ana Pires", nil, article.Direct, "The harbour will reopen."}})
	mustSave(t, st, a)
	c, err := st.Cluster(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Occurrences) != 2 {
		t.Errorf("old cluster has %d occurrences after the same words came again, want 2", len(c.Occurrences))
	}
}

// Each speaker's kept count of quotes equals the quotes that name them,
// whatever order the articles come in (a surname saved before the full name
// is merged into it) and across batches.
func TestSpeakerCountsKept(t *testing.T) {
	arts := corpus()
	for _, order := range [][]int{{0, 1, 2}, {1, 0, 2}, {2, 1, 0}} {
		s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "c.db"))
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			mustSave(t, s, arts[i])
		}
		mustSave(t, s, arts...) // known: no change
		rows, err := s.db.Query(`SELECT sp.name, sp.quotes, (SELECT count(*) FROM quotes q WHERE q.speaker_id = sp.id) FROM speakers sp`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name string
			var kept, real int
			if err := rows.Scan(&name, &kept, &real); err != nil {
				t.Fatal(err)
			}
			if kept != real {
				t.Errorf("order %v: %s keeps %d quotes, has %d", order, name, kept, real)
			}
		}
		rows.Close()
		top, err := s.Speakers(context.Background(), 1)
		if err != nil || len(top) != 1 || top[0].Name != "Bashar al-Assad" || top[0].Quotes != 2 || top[0].Clusters != 1 || top[0].Articles != 2 {
			t.Errorf("order %v: top speaker %+v %v", order, top, err)
		}
		s.Close()
	}
}

// Opening a store that needs no repair does not wait for a writer: a search
// can start while an ingest holds the write lock.
func TestOpenDuringWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	w, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	mustSave(t, w, corpus()...)
	tx, err := w.db.BeginTx(ctx, nil) // immediate: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	octx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	r, err := OpenSQLite(octx, path)
	if err != nil {
		t.Fatalf("open while another connection writes: %v", err)
	}
	defer r.Close()
	if hits, err := r.Search(octx, Query{Words: "coalition"}); err != nil || len(hits) == 0 {
		t.Errorf("search while another connection writes: %v %v", hits, err)
	}
}

// A speaker's quotes carry the confidence of their earliest occurrence.
func TestSpeakerQuotesConfidence(t *testing.T) {
	arts := corpus()
	for _, a := range arts {
		for i := range a.Quotes {
			if strings.HasPrefix(a.Quotes[i].Content, "grain exports") {
				a.Quotes[i].Confidence = 0.4
			}
		}
	}
	s := testStore(t, t.TempDir())
	mustSave(t, s, arts...)
	sp := speakerByName(t, s, "Lina Haddad")
	if sp == nil {
		t.Fatal("no speaker Lina Haddad")
	}
	hits, err := s.SpeakerQuotes(context.Background(), sp.ID, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, h := range hits {
		want := 0.9
		if strings.HasPrefix(h.Content, "grain exports") {
			want, seen = 0.4, seen+1
		}
		if h.Confidence != want {
			t.Errorf("%q: confidence %v, want %v", h.Content, h.Confidence, want)
		}
	}
	if seen != 1 {
		t.Errorf("hits %+v", hits)
	}
}

func TestBareName(t *testing.T) {
	for _, c := range []struct{ name, form, key string }{
		{"Paul D. Ryan", "Paul Ryan", "paul ryan"},
		{"George H.W. Bush", "George Bush", "george bush"},
		{"George H. W. Bush", "George Bush", "george bush"},
		{"Vladimir V Putin", "Vladimir Putin", "vladimir putin"},
		{"J. K. Rowling", "J. K. Rowling", "j k rowling"},
		{"Channel 4 News", "Channel 4 News", "channel 4 news"},
		{"Martin Luther King Jr.", "Martin Luther King Jr.", "martin luther king jr"},
		{"Omar Haddad", "Omar Haddad", "omar haddad"},
		{"Haddad", "Haddad", "haddad"},
		{"Mary Ann O. Reyes", "Mary Ann Reyes", "mary ann reyes"},
		{"Mícheál Ó Briain", "Mícheál Ó Briain", "mícheál ó briain"},
	} {
		if f := bareForm(c.name); f != c.form {
			t.Errorf("bareForm(%q) = %q, want %q", c.name, f, c.form)
		}
		if k := bareKey(fold(c.name)); k != c.key {
			t.Errorf("bareKey(fold(%q)) = %q, want %q", c.name, k, c.key)
		}
	}
}

// A phrase found through the phrase index gives the same page as through the
// full-text index, for phrases of two words and more, in any case, across
// punctuation; other searches never take it.
func TestPhraseIndexAgrees(t *testing.T) {
	ctx := context.Background()
	s := testStore(t, t.TempDir())
	arts := corpus()
	var qs []fquote
	for i, c := range []string{
		"The harbour will reopen in May, the council said.",
		"We don't stop the harbour works for anyone.",
		"Harbour-will reopen is a slogan, not a plan.",
		"Nobody said the harbour would reopen in May.",
		"The works will reopen the harbour in June.",
		"Congrats \u2764\ufe0f team, the harbour is yours.",
		"CO\u2082 emissions fell, and 10\u00bd hours of work remain.",
		"Caf\u00e9 au lait at the quay, and cafe\u0301 noir after.",
		"Tap 1\ufe0f\u20e3 now to vote.",
	} {
		qs = append(qs, fquote{"Ana Pires", nil, article.Direct, c + " " + itoa(i)})
	}
	arts = append(arts, fixture("https://p.example/1", "p.jsonl:1", "Harbour", "2024-05-01T09:00:00Z", nil, qs))
	mustSave(t, s, arts...)
	defer func() { noPairs, forceWords = false, 0 }()
	for _, words := range []string{`"harbour will"`, `"HARBOUR WILL reopen"`, `"don't stop"`, `"reopen in may"`,
		`"the harbour"`, `"will reopen the harbour"`, `"harbour never"`, `"best news"`,
		`"congrats team"`, `"co emissions"`, `"10 hours"`, `"cafe au lait"`, `"cafe noir"`, `"1 now"`, `"emissions fell and 10"`} {
		if _, _, ok := phrasePairs(words); !ok {
			t.Errorf("%s: not a phrase for the index", words)
		}
		noPairs, forceWords = true, 0
		want, err := s.Search(ctx, Query{Words: words})
		if err != nil {
			t.Fatal(err)
		}
		if words == `"harbour will"` && len(want) != 2 {
			t.Errorf("%s: %d hits, want 2", words, len(want))
		}
		for _, plan := range []wordsPlan{0, wordsGather, wordsProbe, wordsSet} {
			noPairs, forceWords = false, plan
			got, err := s.Search(ctx, Query{Words: words})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, plan %d:\nphrase index %+v\nfull text    %+v", words, plan, got, want)
			}
		}
	}
	for _, words := range []string{"harbour", `"harbour"`, `"harbour will" OR council`, `"harb* will"`, `"café noir"`, `harbour will`} {
		if _, _, ok := phrasePairs(words); ok {
			t.Errorf("%s: taken for a plain phrase", words)
		}
	}
}

func TestPairs(t *testing.T) {
	if got := pairsOf("The harbour won't reopen, mayor's office says."); got != "the_harbour harbour_won won_t t_reopen reopen_mayor mayor_s s_office office_says" {
		t.Errorf("pairsOf: %q", got)
	}
	if !holdsPhrase("We don't stop.", []string{"don", "t", "stop"}) || holdsPhrase("stop, don't", []string{"don", "t", "stop"}) {
		t.Error("holdsPhrase")
	}
}

// The phrase index splits words as FTS5's unicode61 tokenizer does: the words
// FTS5 itself indexes for random strings of letters, accents, emoji, marks,
// numbers and punctuation are pairWords'.
func TestPairWordsAsFTS5(t *testing.T) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`CREATE VIRTUAL TABLE f USING fts5(c)`, `CREATE VIRTUAL TABLE fi USING fts5vocab(f, instance)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	alphabet := []rune("aZ9 .'-_\u00e9\u0301\u0308\u0332\ufe0f\u20e3\u2764\u00b2\u2082\u00bd\u0902\u6771\u00c9\u0130\u00df\u200b\u00ad\ue000\u0644\u064e")
	rng := rand.New(rand.NewPCG(5, 5))
	docs := make([]string, 1500)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		var b []rune
		for range 14 {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		docs[i] = string(b)
		if _, err := tx.Exec(`INSERT INTO f(rowid, c) VALUES (?, ?)`, i+1, docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	got := make([][]string, len(docs)+1)
	rows, err := db.Query(`SELECT doc, term FROM fi ORDER BY doc, offset`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var doc int
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		got[doc] = append(got[doc], term)
	}
	rows.Close()
	bad := 0
	for i, d := range docs {
		if want := pairWords(d); !slices.Equal(want, got[i+1]) && !(len(want) == 0 && len(got[i+1]) == 0) {
			if bad++; bad <= 5 {
				t.Errorf("%+q: FTS5 words %q, pairWords %q", d, got[i+1], want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d strings split otherwise", bad, len(docs))
	}
}

// Quotes another writer stored without their pairs (an older version still
// running) are indexed by the next batch, not skipped by its mark.
func TestPairsOfOtherWriters(t *testing.T) {
	ctx := context.Background()
	s := testStore(t, t.TempDir())
	mustSave(t, s, corpus()...)
	for _, q := range []string{
		`INSERT INTO quote_clusters(id, content_key, content) VALUES (9001, 'ferries resume at dawn', 'Ferries resume at dawn.')`,
		`INSERT INTO quotes(id, article_pk, qid, cluster_id, kind, content, spans, confidence, sort_time)
			VALUES (9001, 1, 'q900', 9001, 'direct', 'Ferries resume at dawn.', '[]', 0.9, '2024-01-01T00:00:00Z')`,
		`INSERT INTO quotes_fts(rowid, content) VALUES (9001, 'Ferries resume at dawn.')`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	mustSave(t, s, fixture("https://o.example/1", "o.jsonl:1", "Later", "2024-09-01T09:00:00Z", nil,
		[]fquote{{"Ana Pires", nil, article.Direct, "The quay is open."}}))
	hits, err := s.Search(ctx, Query{Words: `"ferries resume"`})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 {
		t.Errorf("the other writer's quote: %d hits, want 1", len(hits))
	}
}

// TestMergedSpeakerLeadsOn: a speaker merged into another (a titled surname
// into the full name found later) is found by its old id as the one it joined.
func TestMergedSpeakerLeadsOn(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, s, fixture("https://b.example/1", "j.jsonl:1", "One", "2024-08-01T09:00:00Z", nil,
		[]fquote{{"Haddad", []string{"Mr. Haddad"}, article.Direct, "First word"}}))
	sp, err := s.Speakers(context.Background(), 0)
	if err != nil || len(sp) != 1 {
		t.Fatalf("speakers %+v, %v; want one", sp, err)
	}
	old := &sp[0]
	mustSave(t, s, fixture("https://b.example/2", "j.jsonl:2", "Two", "2024-08-02T09:00:00Z", nil,
		[]fquote{{"Omar Haddad", []string{"Haddad"}, article.Direct, "Second word"}}))
	now := speakerByName(t, s, "Omar Haddad")
	if now == nil || now.ID == old.ID {
		t.Fatalf("no merge: %+v", now)
	}
	d, err := s.Speaker(context.Background(), old.ID)
	if err != nil || d.ID != now.ID || d.Name != "Omar Haddad" {
		t.Errorf("speaker %d: %+v, %v; want %d (Omar Haddad)", old.ID, d, err, now.ID)
	}
	if _, err := s.Speaker(context.Background(), 99999); !errors.Is(err, ErrNotFound) {
		t.Errorf("speaker 99999: %v, want ErrNotFound", err)
	}
}

// TestCopiesCountAsReports: the same text at another address is one more
// report of its quotes, in search as on the quote's own page.
func TestCopiesCountAsReports(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	for _, u := range []string{"https://a.example/1", "https://wire.example/1"} {
		mustSave(t, s, fixture(u, "f.jsonl:1", "Ferry", "2024-08-01T09:00:00Z", []string{"The ferry line opened."},
			[]fquote{{"Omar Haddad", nil, article.Direct, "The ferry will run all winter"}}))
	}
	hits, err := s.Search(context.Background(), Query{Speaker: "Omar Haddad"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %+v, %v", hits, err)
	}
	c, err := s.Cluster(context.Background(), hits[0].Cluster)
	if err != nil {
		t.Fatal(err)
	}
	if hits[0].Occurrences != 2 || len(c.Occurrences) != 2 {
		t.Errorf("search says %d reports, the quote's page %d; want 2 and 2", hits[0].Occurrences, len(c.Occurrences))
	}
}

// TestOpenMissingFolder: a store in a folder that does not exist says so.
func TestOpenMissingFolder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope", "x.db")
	_, err := OpenSQLite(context.Background(), p)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("err = %v, want the folder named as missing", err)
	}
}

// A speaker's name typed without its accents finds them ("Sean O Briain" is
// Seán Ó Briain), in search and export alike; typed with them, only them.
func TestSpeakerWithoutAccents(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, s, fixture("https://irish-desk.example/a", "a.jsonl:1", "Housing", "2025-06-03T18:40:00+01:00",
		[]string{"The housing figures were published on Tuesday."},
		[]fquote{{content: "We will not be bullied", speaker: "Seán Ó Briain", kind: "direct"}}))
	for _, name := range []string{"Seán Ó Briain", "Sean O Briain", "sean o briain"} {
		hits, err := s.Search(context.Background(), Query{Speaker: name})
		if err != nil || len(hits) != 1 {
			t.Errorf("search %q: %d hits, %v", name, len(hits), err)
		}
		n := 0
		if err := s.ExportQuotes(context.Background(), ExportFilter{Speaker: name}, func(QuoteRow) error { n++; return nil }); err != nil || n != 1 {
			t.Errorf("export %q: %d rows, %v", name, n, err)
		}
	}
	if hits, _ := s.Search(context.Background(), Query{Speaker: "Sean O Brien"}); len(hits) != 0 {
		t.Errorf("another name found %d hits", len(hits))
	}
}
