package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"

	"github.com/whosaid/whosaid/internal/article"
)

// exportCorpus is the invented corpus plus a copy of its first article at
// another URL (syndication), so exports carry copies too.
func exportCorpus() []*article.Article {
	arts := corpus()
	cp := *arts[0]
	u, src, pub := "https://mirror.example/coalition", "dump.jsonl:9", "2024-03-05T09:00:00Z"
	cp.URL, cp.Source, cp.Published = &u, src, &pub
	return append(arts, &cp)
}

func exportAll(t *testing.T, s *SQLite, f ExportFilter) []ExportedArticle {
	t.Helper()
	var out []ExportedArticle
	if err := s.ExportArticles(context.Background(), f, func(a ExportedArticle) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Exported articles saved into a fresh store rebuild a store of the same size.
func TestExportArticlesRoundTrip(t *testing.T) {
	src := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, src, exportCorpus()...)
	arts := exportAll(t, src, ExportFilter{})
	if len(arts) != 4 {
		t.Fatalf("exported %d articles, want 4 (3 and a copy)", len(arts))
	}
	// Through JSON, as the jsonl export and import do.
	var buf bytes.Buffer
	for _, a := range arts {
		json.NewEncoder(&buf).Encode(a)
	}
	dec := json.NewDecoder(&buf)
	var back []*article.Article
	for dec.More() {
		a := &article.Article{}
		if err := dec.Decode(a); err != nil {
			t.Fatal(err)
		}
		back = append(back, a)
	}
	dst := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, dst, back...)
	if got, want := mustCounts(t, dst), mustCounts(t, src); got != want {
		t.Errorf("counts after round trip %+v, want %+v", got, want)
	}
	// Paging keeps going past one page.
	for i := range exportPage + 10 {
		a := fixture("https://page.example/"+itoa(i), "p.jsonl", "Page story", "2024-04-01T00:00:00Z",
			[]string{"Story " + itoa(i) + " of many."}, nil)
		mustSave(t, src, a)
	}
	if n := len(exportAll(t, src, ExportFilter{})); n != 4+exportPage+10 {
		t.Errorf("exported %d articles after paging, want %d", n, 4+exportPage+10)
	}
}

func TestExportFilters(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, s, exportCorpus()...)
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		f        ExportFilter
		articles int
		quotes   int
	}{
		{"all", ExportFilter{}, 4, 8},
		{"speaker by alias", ExportFilter{Speaker: "president assad"}, 3, 3},
		{"since", ExportFilter{Since: day(2)}, 3, 6},                 // the second article, the copy, the harbour's local day
		{"until", ExportFilter{Until: day(2)}, 1, 2},                 // the first only (08:00+02:00 is 1 March)
		{"window", ExportFilter{Since: day(5), Until: day(6)}, 2, 4}, // the copy, and the harbour on its local day
		{"nobody", ExportFilter{Speaker: "Nobody Known"}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if n := len(exportAll(t, s, tc.f)); n != tc.articles {
				t.Errorf("%d articles, want %d", n, tc.articles)
			}
			n := 0
			if err := s.ExportQuotes(context.Background(), tc.f, func(QuoteRow) error { n++; return nil }); err != nil {
				t.Fatal(err)
			}
			if n != tc.quotes {
				t.Errorf("%d quote rows, want %d", n, tc.quotes)
			}
		})
	}
}

func quoteRows(t *testing.T, s *SQLite) []QuoteRow {
	t.Helper()
	var rows []QuoteRow
	if err := s.ExportQuotes(context.Background(), ExportFilter{}, func(r QuoteRow) error {
		rows = append(rows, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSV(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, s, exportCorpus()...)
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range quoteRows(t, s) {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 9 {
		t.Fatalf("%d records, want a header and 8 rows", len(recs))
	}
	if got, want := recs[0], QuoteColumns; len(got) != len(want) || got[0] != "quote_id" || got[10] != "published" {
		t.Errorf("header %q, want %q", got, want)
	}
	want := []string{"q1", "1", "direct", "The coalition has failed to stop terrorism", "said", "Bashar al-Assad",
		"Bashar al-Assad", recs[1][7], "https://www.levant-wire.example/2024/03/01/coalition", "levant-wire.example",
		"2024-03-01T10:00:00+02:00", "false"}
	for i := range want {
		if recs[1][i] != want[i] {
			t.Errorf("row 1 column %s = %q, want %q", QuoteColumns[i], recs[1][i], want[i])
		}
	}
	// The copy's rows follow the article's, with the copy's URL, outlet and time.
	if r := recs[3]; r[0] != "q1" || r[8] != "https://mirror.example/coalition" || r[9] != "mirror.example" || r[11] != "true" {
		t.Errorf("row 3 = %q, want the copy's first quote", r)
	}
	// No speaker is an empty field.
	if r := recs[8]; r[5] != "" || r[4] != "said" {
		t.Errorf("row 8 = %q, want no speaker", r)
	}
}

func TestParquetReadBack(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, s, exportCorpus()...)
	rows := quoteRows(t, s)
	var buf bytes.Buffer
	w, err := NewParquetWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	back, err := parquet.Read[QuoteRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(rows) {
		t.Fatalf("read %d rows, want %d", len(back), len(rows))
	}
	for i := range rows {
		g, w := back[i], rows[i]
		if g.QuoteID != w.QuoteID || g.Cluster != w.Cluster || g.Content != w.Content || deref(g.Speaker) != deref(w.Speaker) ||
			(g.Speaker == nil) != (w.Speaker == nil) || deref(g.URL) != deref(w.URL) || g.Copy != w.Copy || deref(g.Published) != deref(w.Published) ||
			(g.PublishedUTC == nil) != (w.PublishedUTC == nil) || g.PublishedUTC != nil && !g.PublishedUTC.Equal(*w.PublishedUTC) {
			t.Errorf("row %d read back as %+v, want %+v", i, g, w)
		}
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range f.Schema().Fields() {
		if c.Name() != QuoteColumns[i] {
			t.Errorf("column %d is %q, want %q", i, c.Name(), QuoteColumns[i])
		}
		// The instant is a timestamp, which pandas and DuckDB read as one.
		if c.Name() == "published_utc" && (c.Type().LogicalType() == nil || !strings.HasPrefix(c.Type().LogicalType().String(), "TIMESTAMP")) {
			t.Errorf("published_utc is %v, want a timestamp", c.Type())
		}
	}
}

// A store exported to citron and imported again keeps its quotes, cues and speakers.
func TestCitronRoundTrip(t *testing.T) {
	src := openSQLite(t, t.TempDir()).(*SQLite)
	// The fixtures' mentions have made-up offsets; citron keeps mentions as
	// spans of the text, so place them where they are (or drop them).
	arts := corpus()
	for _, a := range arts {
		for i := range a.Entities {
			e := &a.Entities[i]
			var ms []article.Mention
			for _, m := range e.Mentions {
				if at := strings.Index(a.Text, m.Text); at >= 0 {
					start := utf8.RuneCountInString(a.Text[:at])
					ms = append(ms, article.Mention{Start: start, End: start + utf8.RuneCountInString(m.Text), Text: m.Text})
				}
			}
			e.Mentions = ms
		}
	}
	mustSave(t, src, arts...)
	exported := exportAll(t, src, ExportFilter{})
	var buf bytes.Buffer
	for _, a := range exported {
		json.NewEncoder(&buf).Encode(ToCitron(a.Article))
	}
	docs, err := ReadCitron(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var back []*article.Article
	for _, d := range docs {
		a, err := FromCitron(d, "in.json")
		if err != nil {
			t.Fatal(err)
		}
		back = append(back, a)
	}
	for i, a := range exported {
		b := back[i]
		if b.ID != a.ID || b.Title != a.Title || deref(b.URL) != deref(a.URL) || len(b.Quotes) != len(a.Quotes) {
			t.Fatalf("article %d came back as %s %q with %d quotes", i, b.ID, b.Title, len(b.Quotes))
		}
		for j, q := range a.Quotes {
			r := b.Quotes[j]
			if r.Content != q.Content || r.Kind != q.Kind || *r.Cue != *q.Cue || deref(r.Speaker.Name) != deref(q.Speaker.Name) ||
				deref(r.Speaker.Mention) != deref(q.Speaker.Mention) || len(r.Spans) != len(q.Spans) || r.Spans[0] != q.Spans[0] {
				t.Errorf("article %d quote %s came back as %+v, want %+v", i, q.ID, r, q)
			}
		}
	}
	dst := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, dst, back...)
	g, w := mustCounts(t, dst), mustCounts(t, src)
	if g.Articles != w.Articles || g.Quotes != w.Quotes || g.Speakers != w.Speakers || g.Clusters != w.Clusters {
		t.Errorf("counts after citron round trip %+v, want %+v", g, w)
	}
}

// A plain citron file, without our fields: kinds from quotation marks, speakers
// through coreferences and groups, confidence written as a string.
func TestFromCitronPlain(t *testing.T) {
	text := "The mayor spoke on Monday.\n\n\u201cThe bridge will open in May,\u201d she said. Councillor Ada Brennan added that costs had risen."
	r := []rune(text)
	sp := func(s, e int) CitronSpan { return CitronSpan{Start: s, End: e, Text: string(r[s:e])} }
	find := func(sub string) int {
		for i := range r {
			if string(r[i:min(len(r), i+len([]rune(sub)))]) == sub {
				return i
			}
		}
		t.Fatalf("%q not in text", sub)
		return 0
	}
	quoteStart := find("\u201cThe")
	quoteEnd := find(" she") // after the closing mark
	she := find("she")
	said := find("said")
	ada := find("Councillor Ada Brennan")
	added := find("added")
	rest := find("costs")
	doc := []byte(`{"text": ` + jsonString(text) + `, "quotes": [
		{"cue": ` + spanJSON(sp(said, said+4)) + `, "sources": [` + spanJSON(sp(she, she+3)) + `],
		 "contents": [` + spanJSON(sp(quoteStart, quoteEnd)) + `],
		 "coreferences": [` + spanJSON(sp(4, 9)) + `], "confidence": "0.8750"},
		{"cue": ` + spanJSON(sp(added, added+5)) + `, "sources": [` + spanJSON(sp(ada, ada+22)) + `],
		 "contents": [` + spanJSON(sp(rest-5, len(r)-1)) + `]}],
		"coreference_groups": [[` + spanJSON(sp(0, 9)) + `, ` + spanJSON(sp(she, she+3)) + `]]}`)
	docs, err := ReadCitron(doc)
	if err != nil || len(docs) != 1 {
		t.Fatalf("ReadCitron: %d docs, %v", len(docs), err)
	}
	a, err := FromCitron(docs[0], "plain.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocks) != 2 || len(a.Quotes) != 2 || len(a.Entities) != 1 {
		t.Fatalf("%d blocks, %d quotes, %d entities; want 2, 2, 1", len(a.Blocks), len(a.Quotes), len(a.Entities))
	}
	q1, q2 := a.Quotes[0], a.Quotes[1]
	if q1.Kind != article.Direct || q1.Content != "The bridge will open in May," || q1.Confidence != 0.875 || q1.Cue.Text != "said" {
		t.Errorf("quote 1 = %+v", q1)
	}
	// "she" resolves to "mayor" and the group of "The mayor": a description,
	// not a name, so the speaker stays unnamed rather than be called "The mayor".
	if q1.Speaker.Name != nil || deref(q1.Speaker.Mention) != "she" || deref(q1.Speaker.Entity) != "" {
		t.Errorf("quote 1 speaker = %+v %v", q1.Speaker, deref(q1.Speaker.Name))
	}
	if q2.Kind != article.Indirect || deref(q2.Speaker.Name) != "Councillor Ada Brennan" || q2.Confidence != 1 {
		t.Errorf("quote 2 = %+v, speaker %v", q2, deref(q2.Speaker.Name))
	}
	if e := a.Entities[0]; e.Type != "PERSON" || e.Name != "The mayor" {
		t.Errorf("entity = %+v", e)
	}
	// Spans outside the text are an error, not a panic.
	docs[0].Quotes[0].Cue.End = len(r) + 5
	if _, err := FromCitron(docs[0], "bad.json"); err == nil {
		t.Error("a cue outside the text was accepted")
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func spanJSON(s CitronSpan) string { b, _ := json.Marshal(s); return string(b) }

// An article ToCitron wrote comes back from FromCitron exactly, with what
// citron cannot hold: headline quotes, byline, block kinds, entity names and
// types, a speaker left unnamed although a capitalised word stands next to
// the cue, a speaker's entity without offsets, embedding.
func TestCitronRoundTripExact(t *testing.T) {
	title := "Ferry Chief: Service Will Resume"
	text := "Lanterns over the quay\n\nThe Westmarsh Ferry Company met on Tuesday. Its chief, Odile Varnay, said \u201cwe will sail again by June.\u201d\n\n\u201cNot before the dredging,\u201d Harbourmen said, \u201cas the chief told us: \u2018patience\u2019.\u201d"
	r := []rune(text)
	at := func(sub string) (int, int) {
		for i := range r {
			if strings.HasPrefix(string(r[i:]), sub) {
				return i, i + len([]rune(sub))
			}
		}
		t.Fatalf("%q not in the text", sub)
		return 0, 0
	}
	ptr := func(s string) *string { return &s }
	iptr := func(i int) *int { return &i }
	org1, org2 := at("The Westmarsh Ferry Company")
	ch1, ch2 := at("Its chief, Odile Varnay")
	od1, od2 := at("Odile Varnay")
	sd1, _ := at("said \u201c")
	w1, w2 := at("we will sail again by June.")
	nb1, nb2 := at("Not before the dredging,")
	hm1, hm2 := at("Harbourmen")
	hs1, hs2 := at("said,")
	as1, as2 := at("as the chief told us")
	pa1, pa2 := at("patience")
	local, fetched := "2025-05-06T09:30:00", "2025-05-06T10:00:00Z"
	a := &article.Article{Source: "wire/ferry.txt", Title: title, PublishedLocal: &local, Byline: "Tamsin Oakridge",
		Text: text, Fetched: &fetched, Format: "text",
		Blocks: []article.Block{{Kind: article.Heading, Start: 0, End: 22}, {Kind: article.Paragraph, Start: 24, End: hm1 - 3},
			{Kind: article.Caption, Start: hm1 - 1, End: len(r)}},
		Entities: []article.Entity{
			{ID: "e1", Name: "Odile Varnay", Type: "PERSON", Mentions: []article.Mention{{Start: od1, End: od2, Text: "Odile Varnay"}}},
			{ID: "e2", Name: "Westmarsh Ferry Company", Type: "ORG", Mentions: []article.Mention{{Start: org1, End: org2, Text: "The Westmarsh Ferry Company"}}},
			{ID: "e3", Name: "Westmarsh", Type: "GPE", Mentions: []article.Mention{}},
		},
		Quotes: []article.Quote{
			{ID: "q1", Kind: article.Indirect, Content: "Service Will Resume", Spans: []article.Span{}, Where: "title",
				Cue: &article.Cue{Text: ":", Start: 11, End: 12}, Speaker: article.Speaker{Name: ptr("Odile Varnay"), Entity: ptr("e1"), Mention: ptr("Ferry Chief")}, Confidence: 0.5},
			{ID: "q2", Kind: article.Direct, Content: "we will sail again by June.", Spans: []article.Span{{Start: w1, End: w2}},
				Cue: &article.Cue{Text: "said", Start: sd1, End: sd1 + 4}, Confidence: 0.9,
				Speaker: article.Speaker{Name: ptr("Odile Varnay"), Entity: ptr("e1"), Mention: ptr("Its chief, Odile Varnay"), Start: iptr(ch1), End: iptr(ch2)}},
			{ID: "q3", Kind: article.Mixed, Content: "Not before the dredging, as the chief told us", Spans: []article.Span{{Start: nb1, End: nb2}, {Start: as1, End: as2}},
				Cue: &article.Cue{Text: "said", Start: hs1, End: hs2 - 1}, Confidence: 0.7,
				Speaker: article.Speaker{Mention: ptr("Harbourmen"), Start: iptr(hm1), End: iptr(hm2)}},
			{ID: "q4", Kind: article.Direct, Content: "patience", Spans: []article.Span{{Start: pa1, End: pa2}}, EmbeddedIn: ptr("q3"),
				Confidence: 0.6, Speaker: article.Speaker{Name: ptr("Odile Varnay"), Entity: ptr("e1")}},
		},
	}
	sum := sha256.Sum256([]byte(text))
	a.ID = hex.EncodeToString(sum[:])[:16]
	want, _ := json.Marshal(a)

	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode(ToCitron(a))
	docs, err := ReadCitron(buf.Bytes())
	if err != nil || len(docs) != 1 {
		t.Fatalf("ReadCitron: %d documents, %v", len(docs), err)
	}
	// Citron's own fields hold the body quotes only.
	if n := len(docs[0].Quotes); n != 3 {
		t.Errorf("%d citron quotes, want the 3 of the body", n)
	}
	b, err := FromCitron(docs[0], "elsewhere.json")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(b); !bytes.Equal(got, want) {
		t.Errorf("came back as\n%s\nwant\n%s", got, want)
	}
}

// TestCSVCell: text that a spreadsheet would run as a formula is written as text.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x.example\")": "'=HYPERLINK(\"http://x.example\")", "+44 20 7946 0000": "'+44 20 7946 0000",
		"-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "We will win": "We will win", "": "", "2024-03-01": "2024-03-01",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
	var b strings.Builder
	w, _ := NewCSVWriter(&b)
	w.Write(QuoteRow{QuoteID: "q1", Kind: "direct", Content: "=1+1", ArticleID: "a", Outlet: "o"})
	w.Close()
	if !strings.Contains(b.String(), ",'=1+1,") {
		t.Errorf("csv row %q: the formula is not neutralised", b.String())
	}
}

// TestFTSWords: words with hyphens, apostrophes, dots or other punctuation
// are phrases; the rest of the syntax stays.
func TestFTSWords(t *testing.T) {
	for in, want := range map[string]string{
		"al-Assad":                      `"al-Assad"`,
		"minister's budget":             `"minister's" budget`,
		`"air strikes" OR co-operating`: `"air strikes" OR "co-operating"`,
		"(U.N. AND pre*) NOT x":         `("U.N." AND pre*) NOT x`,
		`"unclosed al-Assad`:            `"unclosed al-Assad`,
		"plain words":                   "plain words",
		"-":                             "-",
		"Stable? yes!":                  `"Stable?" "yes!"`,
		"50% rise, $3bn":                `"50%" "rise," "$3bn"`,
	} {
		if got := ftsWords(in); got != want {
			t.Errorf("ftsWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every exported article carries the number of its story (Story.ID), a copy
// that of its article, near-duplicates the same; so does every quote row, and
// the CSV has it as its last column.
func TestExportStoryID(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t, t.TempDir()).(*SQLite)
	copied := wireStory()
	copied[0] = "From our correspondent, Lindholm Evening Post"
	orig := fixture("https://northern-wire.example/bridge", "wire.jsonl", "Old Bridge to Close", "2024-02-05T09:00:00+01:00", wireStory(),
		[]fquote{{"Selma Varga", nil, article.Direct, "The arches will be rebuilt stone by stone"}})
	mirror := *orig
	u := "https://mirror.example/bridge"
	mirror.URL = &u
	late := fixture("https://evening-post.example/bridge", "post.jsonl", "Bridge to Close", "2024-02-05T18:00:00+01:00", copied,
		[]fquote{{"Selma Varga", nil, article.Direct, "The arches will be rebuilt stone by stone"}})
	mustSave(t, s, exportCorpus()...)
	mustSave(t, s, orig, &mirror, late)

	stories := map[string]int64{}
	for _, a := range exportAll(t, s, ExportFilter{}) {
		st, err := s.Story(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.StoryID != st.ID {
			t.Errorf("article %s at %s: story_id %d, want %d", a.ID, deref(a.URL), a.StoryID, st.ID)
		}
		stories[deref(a.URL)] = a.StoryID
		b, _ := json.Marshal(a)
		var m map[string]any
		json.Unmarshal(b, &m)
		if m["story_id"] != float64(st.ID) || m["id"] != a.ID || m["text"] != a.Text {
			t.Errorf("JSON of article %s: story_id %v, id %v; want %d beside the contract's fields", a.ID, m["story_id"], m["id"], st.ID)
		}
	}
	if s1, s2, s3 := stories[*orig.URL], stories[u], stories[*late.URL]; s1 == 0 || s1 != s2 || s1 != s3 {
		t.Errorf("story_id of the original %d, its copy %d, its near-duplicate %d: want one story", s1, s2, s3)
	}
	if stories[*orig.URL] == stories["https://mirror.example/coalition"] {
		t.Error("two different stories have one story_id")
	}

	rows := quoteRows(t, s)
	for _, r := range rows {
		if want := stories[deref(r.URL)]; r.StoryID != want {
			t.Errorf("quote %s of %s: story_id %d, want %d", r.QuoteID, deref(r.URL), r.StoryID, want)
		}
	}
	var buf bytes.Buffer
	w, _ := NewCSVWriter(&buf)
	for _, r := range rows {
		w.Write(r)
	}
	w.Close()
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sid := 13 // after the first columns, which keep their places
	if recs[0][sid] != "story_id" || recs[0][sid+1] != "published_local" || recs[0][10] != "published" {
		t.Fatalf("header %q: want story_id then published_local after the first columns, which keep their places", recs[0])
	}
	for i, r := range recs[1:] {
		if r[sid] != strconv.FormatInt(rows[i].StoryID, 10) {
			t.Errorf("row %d: story_id %q, want %d", i+1, r[sid], rows[i].StoryID)
		}
	}
}

// An article printed with no zone has no published time in the CSV and
// Parquet exports but its wall clock in published_local, as in the jsonl
// export; a copy gives none.
func TestExportPublishedLocal(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	mustSave(t, s, exportCorpus()...)
	rows := quoteRows(t, s)
	var buf bytes.Buffer
	w, _ := NewCSVWriter(&buf)
	var pbuf bytes.Buffer
	pw, _ := NewParquetWriter(&pbuf)
	for _, r := range rows {
		w.Write(r)
		pw.Write(r)
	}
	w.Close()
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "published_local")
	if col < 0 {
		t.Fatalf("header %q: no published_local", recs[0])
	}
	back, err := parquet.Read[QuoteRow](bytes.NewReader(pbuf.Bytes()), int64(pbuf.Len()))
	if err != nil || len(back) != len(rows) {
		t.Fatalf("parquet: %d rows, %v", len(back), err)
	}
	local := 0
	for i, r := range rows {
		want := ""
		if r.URL == nil {
			want = "2024-03-05" // the harbour article, the one without a URL
		}
		if r.Copy && r.PublishedLocal != nil {
			t.Errorf("row %d, a copy: published_local %q, want none", i, *r.PublishedLocal)
		}
		if got := deref(r.PublishedLocal); got != want {
			t.Errorf("row %d (%s): published_local %q, want %q", i, deref(r.URL), got, want)
		}
		if recs[i+1][col] != want || deref(back[i].PublishedLocal) != want || (back[i].PublishedLocal == nil) != (want == "") {
			t.Errorf("row %d: csv %q, parquet %v; want %q", i, recs[i+1][col], back[i].PublishedLocal, want)
		}
		if want != "" {
			local++
			if r.Published != nil || recs[i+1][10] != "" {
				t.Errorf("row %d: published %q, want none", i, recs[i+1][10])
			}
		}
	}
	if local != 2 {
		t.Errorf("%d rows with published_local, want the harbour article's 2", local)
	}
}
