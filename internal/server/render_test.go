package server

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/store"
)

func TestTimeline(t *testing.T) {
	tests := []struct {
		name   string
		months []store.MonthCount
		bars   int
		cut    bool
	}{
		{"none", nil, 0, false},
		{"one", []store.MonthCount{{Month: "2025-03", Quotes: 2}}, 1, false},
		{"gap filled", []store.MonthCount{{Month: "2024-11", Quotes: 1}, {Month: "2025-02", Quotes: 4}}, 4, false},
		{"long", []store.MonthCount{{Month: "2001-01", Quotes: 1}, {Month: "2025-12", Quotes: 3}}, maxMonths, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := timeline(tt.months)
			if tt.bars == 0 {
				if c != nil {
					t.Fatalf("chart for no months: %+v", c)
				}
				return
			}
			if len(c.Bars) != tt.bars || c.Cut != tt.cut {
				t.Fatalf("%d bars (cut %v), want %d (cut %v)", len(c.Bars), c.Cut, tt.bars, tt.cut)
			}
			for _, b := range c.Bars {
				if b.X < c.Left || b.X+b.W > c.Right+1 || b.Y < c.MaxY || b.Y+b.H != c.BaseY {
					t.Errorf("bar outside the plot: %+v", b)
				}
			}
		})
	}
}

func TestHighlight(t *testing.T) {
	name := "Ines Dorn"
	other := "Piet Aldous"
	a := &article.Article{
		Text:   "Title words\n\n\"Soon,\" Ines Dorn said. Piet Aldous said \"later\".",
		Blocks: []article.Block{{Kind: article.Heading, Start: 0, End: 11}, {Kind: article.Paragraph, Start: 13, End: 62}},
		Quotes: []article.Quote{
			{ID: "q1", Kind: article.Direct, Content: "Soon", Spans: []article.Span{{Start: 14, End: 18}},
				Cue: &article.Cue{Text: "said"}, Speaker: article.Speaker{Name: &name}},
			{ID: "q2", Kind: article.Direct, Content: "later", Spans: []article.Span{{Start: 55, End: 60}, {Start: 999, End: 1005}},
				Speaker: article.Speaker{Name: &other}},
			{ID: "q3", Kind: article.Indirect, Content: "Title", Where: "title", Speaker: article.Speaker{Name: &name}},
		},
	}
	blocks, quotes, legend := highlight(a, nil, nil)
	if len(blocks) != 2 || len(quotes) != 3 || len(legend) != 2 {
		t.Fatalf("%d blocks, %d quotes, %d speakers", len(blocks), len(quotes), len(legend))
	}
	var b strings.Builder
	for _, s := range blocks[1].Segs {
		if s.Quote != nil {
			b.WriteString("[" + s.Quote.Class + ":" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	want := "\"[sp-0:Soon],\" Ines Dorn said. Piet Aldous said \"[sp-1:later]\"."
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
	if quotes[2].Class != "sp-0" || quotes[0].Info != "Ines Dorn · cue: said · direct" {
		t.Errorf("quotes: %+v", quotes)
	}
}

// FuzzHighlight feeds highlight offsets that do not fit the text: it must
// neither panic nor lose or invent text.
func FuzzHighlight(f *testing.F) {
	f.Add("Title\n\n\"Soon,\" she said.", 0, 5, 7, 24, 8, 12)
	f.Add("ééé “q” ü", 0, 9, -3, 4, 2, 99)
	f.Add("", 0, 0, 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, b1s, b1e, b2s, b2e, qs, qe int) {
		a := &article.Article{
			Text:   text,
			Blocks: []article.Block{{Kind: article.Paragraph, Start: b1s, End: b1e}, {Kind: article.Caption, Start: b2s, End: b2e}},
			Quotes: []article.Quote{{ID: "q1", Kind: article.Direct, Spans: []article.Span{{Start: qs, End: qe}}}},
		}
		blocks, _, _ := highlight(a, nil, nil)
		runes := []rune(text)
		for i, b := range blocks {
			var got strings.Builder
			for _, s := range b.Segs {
				got.WriteString(s.Text)
			}
			lo, hi := max(a.Blocks[i].Start, 0), min(a.Blocks[i].End, len(runes))
			want := ""
			if lo < hi {
				want = string(runes[lo:hi])
			}
			if got.String() != want {
				t.Fatalf("block %d: %q, want %q", i, got.String(), want)
			}
		}
	})
}
