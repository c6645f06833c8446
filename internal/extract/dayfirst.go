package extract

import (
	"bytes"
	"cmp"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/dates"
	"github.com/whosaid/whosaid/internal/source"
)

// The dates package reads a slash date that could be either (03/06/2025) month
// first, as American sites write it, and marks it Ambiguous. Only the article as a
// whole says otherwise: its address in a country that writes the day first, its
// other dates, the words of Irish public life, a day-first zone on its other time
// lines. dayFirst weighs those.

// maxTimeLine is the longest line read as a time line, as clean reads them.
const maxTimeLine = 160

// maxTimeLines bounds how many short lines with digits are read for their dates.
const maxTimeLines = 200

// dayFirst reads the draft's publication date again day first when it was printed
// as an ambiguous slash date and the article comes from a day-first country. given
// is the stamp of the container's "published" when that gave the draft its time.
func dayFirst(d article.Draft, doc source.Document, given *dates.Stamp) article.Draft {
	if d.Published.IsZero() {
		return d
	}
	raw := string(doc.Body)
	slashes := slashDates(raw)
	var stamps []dates.Stamp
	var pub dates.Stamp
	place := "" // the zone the page names for a printed time that names none
	switch {
	case given != nil:
		if !given.Ambiguous {
			return d
		}
		pub = *given
		stamps = lineStamps(doc)
	case slashes.ambiguous > 0:
		stamps = lineStamps(doc)
		var ok bool
		if pub, place, ok = printedPublication(stamps, d); !ok {
			return d
		}
	default:
		return d
	}
	if !readsDayFirst(d, pub, place, raw, slashes, stamps) {
		return d
	}
	alt, ok := pub.DayFirst()
	if !ok {
		return d
	}
	if place != "" {
		alt.HasOffset = true
		if alt, ok = alt.InZone(place); !ok {
			return d
		}
	}
	d.Published, d.Zone = alt.Time, alt.Zone
	return d
}

// printedPublication finds, among the article's time lines, the ambiguous stamp
// that gave the draft its publication time, and the zone the page named for it
// when the line itself named none.
func printedPublication(stamps []dates.Stamp, d article.Draft) (dates.Stamp, string, bool) {
	const wall = "2006-01-02T15:04:05.999999999"
	for _, st := range stamps {
		if !st.Ambiguous || st.HasTime == d.DateOnly {
			continue
		}
		switch {
		case st.HasOffset != d.Local && st.Time.Equal(d.Published):
			return st, "", true
		case !st.HasOffset && !d.Local && d.Zone != "" && st.Time.Format(wall) == d.Published.Format(wall):
			return st, d.Zone, true // a page naming its zone gave the printed clock one
		}
	}
	return dates.Stamp{}, "", false
}

// readsDayFirst weighs what the article says of how it writes dates, the most
// explicit first: another line giving the same day unambiguously, then its other
// slash dates that can only be read one way, then the stamp's own zone (or the
// one the page names), its address, Irish words, and day-first zones on its other time lines. With no
// evidence the date stays month-first.
func readsDayFirst(d article.Draft, pub dates.Stamp, place, raw string, slashes slashCount, stamps []dates.Stamp) bool {
	y, m, day := pub.Time.Date()
	monthFirst := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	dayFirst := time.Date(y, time.Month(day), int(m), 0, 0, 0, 0, time.UTC)
	mf := strings.Contains(raw, monthFirst.Format(time.DateOnly))
	df := strings.Contains(raw, dayFirst.Format(time.DateOnly))
	zoneDF := false
	for _, st := range stamps {
		if st.Ambiguous {
			continue
		}
		y, m, day := st.Time.Date()
		switch time.Date(y, m, day, 0, 0, 0, 0, time.UTC) {
		case monthFirst:
			mf = true
		case dayFirst:
			df = true
		}
		zoneDF = zoneDF || st.HasOffset && dates.DayFirstZone(st.Zone)
	}
	switch {
	case mf != df:
		return df
	case slashes.dayFirst != slashes.monthFirst:
		return slashes.dayFirst > slashes.monthFirst
	}
	if zone := cmp.Or(pub.Zone, place); zone != "" && zone != "UTC" {
		// The zone printed with the date ("03/06/2025 09:00 ET") or named by
		// the page for its clock (Europe/London).
		return dates.DayFirstZone(zone)
	}
	switch tldConvention(d.URL) {
	case +1:
		return true
	case -1:
		return false
	}
	return irish(d) || zoneDF
}

// tldConvention tells how the country of an address's top-level domain writes
// numeric dates: +1 day first, -1 month first (.us, and .ca, where both are
// common), 0 unknown (.com, and the country codes used as generic names: .co,
// .io, .tv, .me).
func tldConvention(addr string) int {
	u, err := url.Parse(addr)
	if err != nil {
		return 0
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	tld := host[strings.LastIndexByte(host, '.')+1:]
	switch {
	case dayFirstTLDs[tld]:
		return +1
	case tld == "us" || tld == "ca" || tld == "ph" || tld == "fm":
		return -1
	}
	return 0
}

// dayFirstTLDs are the country codes of countries that write the day first.
var dayFirstTLDs = map[string]bool{
	// Britain, Ireland, Oceania, South Asia, Africa, the Caribbean.
	"uk": true, "ie": true, "au": true, "nz": true, "za": true, "in": true, "pk": true, "bd": true,
	"lk": true, "np": true, "sg": true, "my": true, "hk": true, "ng": true, "gh": true, "ke": true,
	"ug": true, "tz": true, "zw": true, "zm": true, "na": true, "bw": true, "mw": true, "mu": true,
	"jm": true, "tt": true, "bb": true, "mt": true, "cy": true, "gi": true, "im": true, "je": true,
	// Europe.
	"eu": true, "fr": true, "de": true, "es": true, "it": true, "pt": true, "nl": true, "be": true,
	"lu": true, "ch": true, "at": true, "dk": true, "se": true, "no": true, "fi": true, "is": true,
	"pl": true, "cz": true, "sk": true, "hu": true, "ro": true, "bg": true, "gr": true, "hr": true,
	"si": true, "rs": true, "ua": true, "ru": true, "lt": true, "lv": true, "ee": true, "tr": true,
	// The Middle East and North Africa, Latin America.
	"il": true, "eg": true, "ae": true, "sa": true, "qa": true, "kw": true, "bh": true, "om": true,
	"jo": true, "lb": true, "ma": true, "tn": true, "br": true, "ar": true, "cl": true, "pe": true,
	"uy": true, "mx": true,
}

// slashCount counts an article's numeric slash dates by how they can be read.
type slashCount struct {
	dayFirst   int // 25/06/2025
	monthFirst int // 06/25/2025
	ambiguous  int // 03/06/2025
}

// slashDates counts the dates of the form n/n/yy or n/n/yyyy in s, anywhere in
// it (header lines, bylines, the running text, the markup), but not inside a
// longer run of numbers and slashes (a path like /2025/06/03/).
func slashDates(s string) slashCount {
	var c slashCount
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '/')
		if j < 0 {
			return c
		}
		j += i
		i = j + 1
		a, k := digitsBefore(s, j)
		if k == 0 || k > 2 || j-k > 0 && (isDigit(s[j-k-1]) || s[j-k-1] == '/') {
			continue
		}
		b, n := digitsAfter(s, j+1)
		if n == 0 || n > 2 || j+1+n >= len(s) || s[j+1+n] != '/' {
			continue
		}
		y, ny := digitsAfter(s, j+2+n)
		end := j + 2 + n + ny
		if ny != 2 && ny != 4 || end < len(s) && (isDigit(s[end]) || s[end] == '/') {
			continue
		}
		if ny == 4 && (y < 1900 || y > 2199) || a < 1 || b < 1 || a > 31 || b > 31 {
			continue
		}
		switch {
		case a > 12 && b <= 12:
			c.dayFirst++
		case b > 12 && a <= 12:
			c.monthFirst++
		case a <= 12 && b <= 12 && a != b:
			c.ambiguous++
		}
		i = end
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsBefore reads the digits that end just before s[j]: their value and count.
func digitsBefore(s string, j int) (v, n int) {
	for n < 5 && j-n > 0 && isDigit(s[j-n-1]) {
		n++
	}
	for _, c := range []byte(s[j-n : j]) {
		v = v*10 + int(c-'0')
	}
	return v, n
}

// digitsAfter reads the digits that start at s[i]: their value and count.
func digitsAfter(s string, i int) (v, n int) {
	for n < 5 && i+n < len(s) && isDigit(s[i+n]) {
		v = v*10 + int(s[i+n]-'0')
		n++
	}
	return v, n
}

// lineStamps reads the dates of the document's short lines before its first
// long one (its time lines, as clean and webpage see them, not the dates the
// story tells), in order, several to a line.
func lineStamps(doc source.Document) []dates.Stamp {
	var out []dates.Stamp
	n := 0
	for _, line := range textLines(doc) {
		line = strings.TrimSpace(line)
		if utf8.RuneCountInString(line) > maxTimeLine {
			break // the body has begun: its dates are the story's, not the page's
		}
		if line == "" || !strings.ContainsAny(line, "0123456789") {
			continue
		}
		if n++; n > maxTimeLines {
			break
		}
		for rest := line; ; {
			st, _, end, ok := dates.Find(rest)
			if !ok {
				break
			}
			out = append(out, st)
			rest = rest[end:]
		}
	}
	return out
}

// textLines splits a document into lines of text: a text's lines, or a page's
// elements (inline ones joined to their line, scripts and styles left out).
func textLines(doc source.Document) []string {
	if doc.Format != source.HTML {
		return strings.Split(string(doc.Body), "\n")
	}
	var lines []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			lines = append(lines, b.String())
			b.Reset()
		}
	}
	skip := false
	z := html.NewTokenizer(bytes.NewReader(doc.Body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return lines
		case html.TextToken:
			if !skip {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Template:
				skip = tt == html.StartTagToken
			case inlineTags[a]:
				b.WriteByte(' ')
			default:
				flush()
			}
		}
	}
}

// inlineTags run on in their line of text.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Em: true, atom.I: true, atom.Span: true,
	atom.Strong: true, atom.Small: true, atom.Time: true, atom.Sup: true, atom.Sub: true, atom.U: true,
}
