package extract

import (
	"errors"
	"strings"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/clean"
	"github.com/whosaid/whosaid/internal/dates"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/webpage"
)

// ErrNoText is returned for a document in which no article text was found.
var ErrNoText = errors.New("no article text found")

// Article turns one document into a clean article (quotes and entities still empty).
func Article(doc source.Document) (*article.Article, error) {
	var d article.Draft
	switch doc.Format {
	case source.HTML:
		var err error
		d, err = webpage.Extract(doc.Body, doc.URL)
		if err != nil {
			return nil, err
		}
	default:
		d = clean.TextTitled(string(doc.Body), doc.Title)
	}
	if doc.Title != "" {
		d.Title = strings.TrimSpace(doc.Title)
	}
	if doc.URL != "" && d.URL == "" {
		d.URL = doc.URL
	}
	if doc.Published != "" {
		if st, ok := dates.Parse(doc.Published); ok && (st.HasTime || d.Published.IsZero()) {
			d.Published, d.Zone = st.Time, st.Zone
			d.Local, d.DateOnly = !st.HasOffset, !st.HasTime
		}
	}
	a := article.Assemble(doc.Source, d)
	if a.Text == "" {
		return nil, ErrNoText
	}
	return a, nil
}
