package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"

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
	site := doc.SiteName // a record's own, as its own title is
	switch doc.Format {
	case source.HTML:
		if fragment(doc.Body) {
			// A record's paragraphs of markup, no page: all their text is the
			// article, with nothing around it to leave out.
			d = clean.TextTitled(strings.Join(textLines(doc), "\n\n"), doc.Title)
			break
		}
		p, err := webpage.ExtractPage(doc.Body, doc.URL, webpage.Options{})
		if err != nil {
			return nil, err
		}
		d = p.Draft
		if site == "" {
			site = p.SiteName
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
	var given *dates.Stamp
	if doc.Published != "" {
		if st, ok := dates.Parse(doc.Published); ok && (st.HasTime || d.Published.IsZero()) {
			d.Published, d.Zone = st.Time, st.Zone
			d.Local, d.DateOnly = !st.HasOffset, !st.HasTime
			given = &st
		}
	}
	d = dayFirst(d, doc, given)
	if d.Zone == "Asia/Kolkata" && !d.Local && irish(d) {
		// "IST" in an Irish paper is Irish Standard Time, not India's.
		st := dates.Stamp{Time: d.Published, Zone: d.Zone, HasTime: !d.DateOnly, HasOffset: true}
		if st, ok := st.InZone("Europe/Dublin"); ok {
			d.Published, d.Zone = st.Time, st.Zone
		}
	}
	a := article.Assemble(doc.Source, d)
	a.SiteName = site
	if a.Text == "" {
		return nil, ErrNoText
	}
	if len(a.Text) > MaxText {
		return nil, fmt.Errorf("article text is %.1f MiB, more than the %d MiB an article may hold", float64(len(a.Text))/(1<<20), MaxText>>20)
	}
	return a, nil
}

// irish reports whether a draft reads as an Irish paper's: an address in .ie,
// or the words of Irish public life, twice at least.
func irish(d article.Draft) bool {
	if u, err := url.Parse(d.URL); err == nil && strings.HasSuffix(strings.ToLower(u.Hostname()), ".ie") {
		return true
	}
	n := 0
	for i, b := range d.Blocks {
		if i == 40 {
			break
		}
		for _, w := range strings.FieldsFunc(b.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if irishWords[w] {
				n++
			}
		}
	}
	return n >= 2
}

// irishWords are the words of Irish public life (not places: a report from India
// of a match in Dublin is no Irish paper's).
var irishWords = map[string]bool{"Dáil": true, "Taoiseach": true, "Tánaiste": true, "Garda": true, "Gardaí": true,
	"Oireachtas": true, "Seanad": true, "TD": true, "TDs": true, "RTÉ": true, "Fianna": true, "Fáil": true, "Féin": true}

// fragment reports whether an HTML body is elements, not a page: no <html>,
// <head> or <body> in its first 4 KB.
func fragment(body []byte) bool {
	l := strings.ToLower(string(body[:min(len(body), 4096)]))
	return !strings.Contains(l, "<html") && !strings.Contains(l, "<body") && !strings.Contains(l, "<head")
}
