package quote

import (
	"strconv"

	"github.com/whosaid/whosaid/internal/article"
)

// attribute gives each found report its speaker and numbers the quotes.
func attribute(a *article.Article, ps []Paragraph, fs []found) ([]article.Quote, []article.Entity) {
	qs := make([]article.Quote, 0, len(fs))
	var prev *article.Speaker
	for i, f := range fs {
		if f.content == "" {
			continue
		}
		q := article.Quote{ID: "q" + strconv.Itoa(len(qs)+1), Kind: f.kind, Content: f.content, Spans: f.spans, Cue: f.cue, Confidence: 0.8}
		if f.hasMent {
			m := f.mention
			st, en := f.mStart, f.mEnd
			q.Speaker = article.Speaker{Mention: &m, Start: &st, End: &en}
		} else if f.carried && prev != nil {
			q.Speaker = article.Speaker{Name: prev.Name, Entity: prev.Entity}
		}
		_ = i
		qs = append(qs, q)
		prev = &qs[len(qs)-1].Speaker
	}
	return qs, []article.Entity{}
}
