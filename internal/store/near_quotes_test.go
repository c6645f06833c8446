package store

import (
	"context"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// The invented quotation of the near-quote tests, as the wire gave it, trimmed
// by a rewrite, cut with an ellipsis, and with only five words in common.
const (
	nearFull     = "The ferry to Skarvik is not fit to sail, and it will not be fit to sail until we have two dry inspections in a row"
	nearTrimmed  = "not fit to sail, and it will not be fit to sail until we have two dry inspections"
	nearEllipsis = "The ferry to Skarvik is not fit to sail \u2026 two dry inspections in a row"
	nearDots     = "The ferry to Skarvik is not fit to sail... two dry inspections in a row"
	nearFive     = "two dry inspections in a"
	nearShortCut = "The ferry to Skarvik is not fit to sail \u2026 in a row"
)

// nearArticle is a report of the wire story (its byline changed by n) carrying
// one quote of speaker ("" for unnamed).
func nearArticle(url, byline, speaker, content string) *article.Article {
	paras := slices.Clone(wireStory())
	paras[0] = byline
	return fixture(url, "near.jsonl", "Old Bridge to Close for Repairs", "2024-02-05T09:00:00+01:00", paras,
		[]fquote{{speaker, nil, article.Direct, content}})
}

// nearOther is an article of another story carrying one quote.
func nearOther(url, speaker, content string) *article.Article {
	return fixture(url, "near.jsonl", "Gymnasium for the Primary School", "2024-02-06T09:00:00+01:00", []string{
		"The school board of Skarvik voted on Thursday to build a new gymnasium beside the primary school, after parents complained for years that the old hall was too small and too cold.",
		"The work will begin in the summer holidays and should be finished by the spring, the board said, and pupils will use the sports club's hall across the road in the meantime.",
	}, []fquote{{speaker, nil, article.Direct, content}})
}

// Quotes of one speaker that the reports of one story trim or cut otherwise
// are one cluster, whatever the order they are stored in; other speakers,
// unnamed ones, five words in common and other stories stay apart.
//
// Each case stores the wire's quote, a rewrite's trimmed quote of the same
// speaker (joined to it) and the case's quote, in several orders.
func TestNearQuotesJoin(t *testing.T) {
	rewrite := func(url, speaker, content string) *article.Article {
		return nearArticle(url, "From our correspondent, Skarvik Gazette", speaker, content)
	}
	cases := []struct {
		name  string
		other *article.Article
		join  bool
	}{
		{"ellipsis", rewrite("https://post.example/ferry", "Ingrid Holm", nearEllipsis), true},
		{"three dots", rewrite("https://post.example/ferry", "Ingrid Holm", nearDots), true},
		{"another speaker", rewrite("https://post.example/ferry", "Tomas Berg", nearTrimmed), false},
		{"unnamed", rewrite("https://post.example/ferry", "", nearTrimmed), false},
		{"five words", rewrite("https://post.example/ferry", "Ingrid Holm", nearFive), false},
		{"a part of three words", rewrite("https://post.example/ferry", "Ingrid Holm", nearShortCut), false},
		{"another story", nearOther("https://post.example/gym", "Ingrid Holm", nearEllipsis), false},
	}
	// The wire first or last: a trimmed quote and an ellipsis are not found
	// in each other; the wire's quote, stored after them, joins their clusters.
	orders := []struct {
		name string
		save func(t *testing.T, s *SQLite, arts []*article.Article)
	}{
		{"one by one", func(t *testing.T, s *SQLite, arts []*article.Article) {
			for _, a := range arts {
				mustSave(t, s, a)
			}
		}},
		{"one by one reversed", func(t *testing.T, s *SQLite, arts []*article.Article) {
			for _, a := range slices.Backward(arts) {
				mustSave(t, s, a)
			}
		}},
		{"one batch", func(t *testing.T, s *SQLite, arts []*article.Article) { mustSave(t, s, arts...) }},
		{"one batch reversed", func(t *testing.T, s *SQLite, arts []*article.Article) {
			mustSave(t, s, slices.Clone(arts[1:])...)
			mustSave(t, s, arts[0])
		}},
	}
	for _, c := range cases {
		for _, o := range orders {
			t.Run(c.name+"/"+o.name, func(t *testing.T) {
				s := openSQLite(t, t.TempDir()).(*SQLite)
				wire := nearArticle("https://wire.example/ferry", "By Selma Varga, Northern Wire", "Ingrid Holm", nearFull)
				trimmed := rewrite("https://gazette.example/ferry", "Ingrid Holm", nearTrimmed)
				arts := []*article.Article{wire, trimmed, c.other}
				o.save(t, s, arts)
				want := 3
				if c.name == "another story" {
					want = 2
				}
				if got := storyIDs(t, s, wire.ID); len(got) != want {
					t.Fatalf("story %v, want %d reports", got, want)
				}
				cw, ct, co := clusterOf(t, s, wire.ID, "q1"), clusterOf(t, s, trimmed.ID, "q1"), clusterOf(t, s, c.other.ID, "q1")
				if cw != ct {
					t.Fatalf("the wire's quote in cluster %d, the trimmed one in %d", cw, ct)
				}
				if (co == cw) != c.join {
					t.Fatalf("the wire's quote in cluster %d, the case's in %d, want joined: %v", cw, co, c.join)
				}
				members := []string{wire.ID, trimmed.ID}
				if c.join {
					members = append(members, c.other.ID)
				}
				cl, err := s.Cluster(context.Background(), cw)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, oc := range cl.Occurrences {
					got = append(got, oc.Article)
				}
				slices.Sort(got)
				slices.Sort(members)
				if !slices.Equal(got, members) {
					t.Errorf("cluster %d lists %v, want %v", cw, got, members)
				}
				if cl.Content != nearFull && !(o.name == "one by one reversed" || o.name == "one batch reversed") {
					t.Errorf("cluster content %q, want the wire's", cl.Content)
				}
				hits, err := s.Search(context.Background(), Query{Words: `"fit to sail"`, Speaker: "Ingrid Holm"})
				if err != nil {
					t.Fatal(err)
				}
				var reports []int
				for _, h := range hits {
					reports = append(reports, h.Occurrences)
				}
				wantReports := []int{2}
				switch {
				case c.join:
					wantReports = []int{3}
				case c.name == "another story" || c.name == "a part of three words":
					wantReports = []int{2, 1}
				}
				if !slices.Equal(reports, wantReports) {
					t.Errorf("search finds clusters of %v reports, want %v", reports, wantReports)
				}
			})
		}
	}
}

func TestNearMatch(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{nearFull, nearTrimmed, true},
		{nearTrimmed, nearFull, true},
		{nearFull, nearEllipsis, true},
		{nearEllipsis, nearFull, true},
		{nearFull, nearFive, false},
		{nearFull, "to sail and it will be", false},                                   // 6 words, but not a run of the other
		{nearFull, "ferry to skarvik is not fit", true},                               // 6 words
		{nearFull, "erry to skarvik is not fit to", false},                            // not whole words
		{nearFull, "two dry inspections in a row \u2026 the ferry to skarvik", false}, // out of order
		{nearFull, nearShortCut, false},
	} {
		if got := nearMatch(fold(c.a), ellipsisParts(c.a), fold(c.b), ellipsisParts(c.b)); got != c.want {
			t.Errorf("nearMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
