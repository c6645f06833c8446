package server

import (
	"strings"

	"github.com/whosaid/whosaid/internal/article"
)

// palette is how many speaker colours the stylesheet defines (.sp-0 … .sp-11).
const palette = 12

// hBlock is one block of an article cut into runs of plain and quoted text.
type hBlock struct {
	Kind string
	Segs []seg
}

// seg is a run of text, inside one quote when Quote is not nil.
type seg struct {
	Text  string
	Quote *hQuote
}

// hQuote is what a highlight shows of its quote.
type hQuote struct {
	ID        string
	Class     string // the speaker's colour class
	Speaker   string
	Kind      string
	Cue       string
	Content   string
	Info      string // speaker, cue and kind, for the tooltip
	Cluster   int64  // 0 when not stored
	SpeakerID int64  // 0 when not stored or unnamed
	Where     string
}

// legendItem is a speaker of the article with their colour.
type legendItem struct {
	Name  string
	Class string
	ID    int64
}

// highlight cuts the article's blocks at its quotes' spans. Each speaker gets
// a colour class by order of first appearance; clusters and speakers (parallel
// to a.Quotes, may be nil) link the quotes to the store.
func highlight(a *article.Article, clusters []int64, speakers []*int64) ([]hBlock, []hQuote, []legendItem) {
	classes := map[string]string{}
	var legend []legendItem
	quotes := make([]hQuote, len(a.Quotes))
	for i, q := range a.Quotes {
		name := ""
		if q.Speaker.Name != nil {
			name = *q.Speaker.Name
		}
		class, ok := classes[name]
		if !ok {
			class = "sp-x"
			if name != "" {
				class = "sp-" + itoa(len(legend)%palette)
			}
			classes[name] = class
			item := legendItem{Name: name, Class: class}
			if i < len(speakers) && speakers[i] != nil {
				item.ID = *speakers[i]
			}
			legend = append(legend, item)
		}
		hq := hQuote{ID: q.ID, Class: class, Speaker: name, Kind: q.Kind, Content: q.Content, Where: q.Where}
		if hq.Speaker == "" {
			hq.Speaker = "unknown speaker"
		}
		if q.Cue != nil {
			hq.Cue = q.Cue.Text
		}
		if i < len(clusters) {
			hq.Cluster = clusters[i]
		}
		if i < len(speakers) && speakers[i] != nil {
			hq.SpeakerID = *speakers[i]
		}
		info := []string{hq.Speaker}
		if hq.Cue != "" {
			info = append(info, "cue: "+hq.Cue)
		}
		info = append(info, hq.Kind)
		hq.Info = strings.Join(info, " · ")
		quotes[i] = hq
	}

	text := []rune(a.Text)
	owner := make([]int, len(text))
	for i := range owner {
		owner[i] = -1
	}
	// A later quote (one embedded in another comes after it) wins its runes.
	for qi, q := range a.Quotes {
		if q.Where != "" {
			continue
		}
		for _, sp := range q.Spans {
			lo, hi := max(sp.Start, 0), min(sp.End, len(text))
			for i := lo; i < hi; i++ {
				owner[i] = qi
			}
		}
	}
	blocks := make([]hBlock, 0, len(a.Blocks))
	for _, b := range a.Blocks {
		lo, hi := max(b.Start, 0), min(b.End, len(text))
		hb := hBlock{Kind: b.Kind}
		for i := lo; i < hi; {
			j := i + 1
			for j < hi && owner[j] == owner[i] {
				j++
			}
			s := seg{Text: string(text[i:j])}
			if owner[i] >= 0 {
				s.Quote = &quotes[owner[i]]
			}
			hb.Segs = append(hb.Segs, s)
			i = j
		}
		blocks = append(blocks, hb)
	}
	return blocks, quotes, legend
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
