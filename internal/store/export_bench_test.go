package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// TestSearchLatency measures search on a large synthetic store. It runs only
// with WHOSAID_BENCH_DB set to a database path: the store there is filled with
// WHOSAID_BENCH_QUOTES invented quotes (default 1,000,000; 4 per article)
// through SaveBatch unless it already holds them, then each kind of query runs
// WHOSAID_BENCH_RUNS times (default 200) with varying arguments and p50/p99 are logged (go test -v).
func TestSearchLatency(t *testing.T) {
	path := os.Getenv("WHOSAID_BENCH_DB")
	if path == "" {
		t.Skip("set WHOSAID_BENCH_DB=/path/to/bench.db to run")
	}
	want := 1_000_000
	if v := os.Getenv("WHOSAID_BENCH_QUOTES"); v != "" {
		fmt.Sscan(v, &want)
	}
	ctx := context.Background()
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g := newGen()
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Quotes < want {
		t0 := time.Now()
		n := c.Articles
		for c.Quotes < want {
			batch := make([]*article.Article, 1000)
			for i := range batch {
				batch[i] = g.article(n)
				n++
			}
			st, err := s.SaveBatch(ctx, batch)
			if err != nil {
				t.Fatal(err)
			}
			c.Quotes += st.Quotes
		}
		el := time.Since(t0)
		t.Logf("generated up to %d quotes in %s (%.0f articles/s)", c.Quotes, el.Round(time.Second), float64(n-c.Articles)/el.Seconds())
		if c, err = s.Counts(ctx); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("store: %+v", c)

	runs := 200
	if v := os.Getenv("WHOSAID_BENCH_RUNS"); v != "" {
		fmt.Sscan(v, &runs)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	kinds := []struct {
		name string
		q    func() Query
	}{
		{"word (rare)", func() Query { return Query{Words: g.vocab[2000+rng.IntN(2000)]} }},
		{"word (common)", func() Query { return Query{Words: g.vocab[rng.IntN(20)]} }},
		{"phrase", func() Query { return Query{Words: `"` + g.vocab[rng.IntN(200)] + " " + g.vocab[rng.IntN(200)] + `"`} }},
		{"speaker", func() Query { return Query{Speaker: g.speakers[rng.IntN(len(g.speakers))]} }},
		{"date range (1 month)", func() Query {
			d := g.epoch.AddDate(0, rng.IntN(120), 0)
			return Query{Since: d, Until: d.AddDate(0, 1, 0)}
		}},
		{"outlet", func() Query { return Query{Outlet: g.outlet(rng.IntN(50))} }},
		{"word + speaker + since", func() Query {
			return Query{Words: g.vocab[rng.IntN(500)], Speaker: g.speakers[rng.IntN(len(g.speakers))], Since: g.epoch.AddDate(3, 0, 0)}
		}},
	}
	for _, k := range kinds {
		var lat []time.Duration
		hits := 0
		for range runs {
			q := k.q()
			t0 := time.Now()
			h, err := s.Search(ctx, q)
			if err != nil {
				t.Fatalf("%s %+v: %v", k.name, q, err)
			}
			lat = append(lat, time.Since(t0))
			hits += len(h)
		}
		slices.Sort(lat)
		t.Logf("%-24s p50 %8s  p99 %8s  max %8s  (%.1f hits/query)", k.name, lat[len(lat)/2].Round(10*time.Microsecond),
			lat[len(lat)*99/100].Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond), float64(hits)/float64(len(lat)))
	}
}

// gen invents articles: a Zipf-distributed vocabulary of made-up words, 5,000
// speakers (some sharing surnames), 50 outlets, dates over ten years.
type gen struct {
	vocab    []string
	speakers []string
	zipf     *rand.Zipf
	rng      *rand.Rand
	epoch    time.Time
}

func newGen() *gen {
	rng := rand.New(rand.NewPCG(1, 2))
	syl := []string{"ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "den", "gar", "pol", "tri", "zu", "bel", "mor", "fen"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		return b.String()
	}
	g := &gen{rng: rng, epoch: time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)}
	seen := map[string]bool{}
	for len(g.vocab) < 20000 {
		if w := word(2 + rng.IntN(3)); !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	cap1 := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	surnames := make([]string, 1500)
	for i := range surnames {
		surnames[i] = cap1(word(3))
	}
	for i := range 5000 {
		g.speakers = append(g.speakers, cap1(word(2))+" "+surnames[i%len(surnames)]+fmt.Sprint(i/len(surnames)))
	}
	g.zipf = rand.NewZipf(rng, 1.1, 2, uint64(len(g.vocab)-1))
	return g
}

func (g *gen) outlet(i int) string { return fmt.Sprintf("outlet%d.example", i) }

func (g *gen) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.vocab[g.zipf.Uint64()]
	}
	return strings.Join(w, " ")
}

// article n: a lead paragraph and four quote paragraphs by speakers picked
// with a skew (a few are quoted often), the first direct and named by surname.
func (g *gen) article(n int) *article.Article {
	pub := g.epoch.Add(time.Duration(g.rng.Int64N(int64(10 * 365 * 24 * time.Hour)))).Format(time.RFC3339)
	d := article.Draft{Title: g.sentence(6), URL: fmt.Sprintf("https://%s/story/%d", g.outlet(n%50), n)}
	d.Blocks = append(d.Blocks, article.DraftBlock{Kind: article.Paragraph, Text: fmt.Sprintf("Story %d. %s.", n, g.sentence(30))})
	type pq struct{ speaker, content string }
	var qs []pq
	for range 4 {
		sp := g.speakers[int(g.rng.ExpFloat64()*400)%len(g.speakers)]
		qs = append(qs, pq{sp, g.sentence(8 + g.rng.IntN(12))})
		d.Blocks = append(d.Blocks, article.DraftBlock{Kind: article.Paragraph, Text: "\u201c" + qs[len(qs)-1].content + ",\u201d said " + sp + "."})
	}
	a := article.Assemble("bench", d)
	a.Published = &pub
	for i, q := range qs {
		blk := a.Blocks[1+i]
		cl := len([]rune(q.content))
		name, mention := q.speaker, q.speaker
		s, e := blk.Start+cl+9, blk.Start+cl+9+len([]rune(q.speaker))
		eid := fmt.Sprintf("e%d", i+1)
		a.Entities = append(a.Entities, article.Entity{ID: eid, Name: name, Type: "PERSON",
			Mentions: []article.Mention{{Start: s, End: e, Text: mention}}})
		a.Quotes = append(a.Quotes, article.Quote{ID: fmt.Sprintf("q%d", i+1), Kind: article.Direct, Content: q.content,
			Spans:   []article.Span{{Start: blk.Start, End: blk.Start + cl + 3}},
			Cue:     &article.Cue{Text: "said", Start: blk.Start + cl + 4, End: blk.Start + cl + 8},
			Speaker: article.Speaker{Name: &name, Entity: &eid, Mention: &mention, Start: &s, End: &e}, Confidence: 0.9})
	}
	return a
}
