package extract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/clean"
	"github.com/whosaid/whosaid/internal/dates"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/webpage"
)

// ErrNoText is returned for a document in which no article text was found.
var ErrNoText = errors.New("no article text found")

// MaxText bounds an article's clean text: the longest news articles hold some
// 100 KB, and finding quotations needs ~100 bytes of memory for each byte of
// text, so a longer "article" (a book, a dump of many articles run together, a
// log) is refused rather than let it take gigabytes.
const MaxText = 2 << 20

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
	if len(a.Text) > MaxText {
		return nil, fmt.Errorf("article text is %.1f MiB, more than the %d MiB an article may hold", float64(len(a.Text))/(1<<20), MaxText>>20)
	}
	return a, nil
}
