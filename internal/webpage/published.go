package webpage

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone names found on pages resolve without system zoneinfo

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// stamp is one publication time as a page states it.
type stamp struct {
	t         time.Time // in the stated offset; wall clock in UTC when !hasOffset
	hasTime   bool
	hasOffset bool
	zone      string // the IANA zone a printed label stands for ("BST": Europe/London), if any
	// weak is true for a date found where any date of the page could be (go-htmldate's
	// reading of the text, a date line no mark or label calls one, a <time> in running
	// text or an aside): it may give the time with its offset, never a local time.
	weak bool
}

func (s stamp) day() string { return s.t.Format(time.DateOnly) }

// publishedMetaKeys are the <meta> names and properties that carry the
// publication time, most trusted first.
var publishedMetaKeys = []string{
	"article:published_time", "og:published_time", "og:article:published_time",
	"article:published", "published_time", "datepublished", "article.published",
	"pubdate", "publishdate", "publish-date", "publish_date", "date_published",
	"parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
	"dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "date",
	"original-publish-date", "article_date_original", "cxenseparse:recs:publishtime",
	"datecreated", "citation_publication_date", "citation_date",
}

// zoneMetaKeys name the IANA zone of the site's times, when a page says it.
var zoneMetaKeys = []string{"article:timezone", "timezone", "time_zone", "tz"}

// pubTime is the publication time published finds.
type pubTime struct {
	// t is the instant in the offset the page states, or, when local, the printed
	// wall clock in UTC; zero when the page gives no date that can stand.
	t time.Time
	// zone is the IANA name of the zone behind t's offset, "" when unknown.
	zone string
	// day is the publication day ("2006-01-02"), also when t is zero.
	day string
	// local is true when the page gives a date (dateOnly) or a wall clock but no
	// offset; dateOnly is true when it gives no time of day.
	local, dateOnly bool
}

// published finds the publication time. It returns a time whose Location has
// the offset the page states and, when the page names its IANA zone and that
// zone has this offset at that time, the zone's name. When no date of the page
// carries an offset (and the page names no zone to give one), the best date that
// does not (a metadata date, a <time> element's, a date line the page marks as
// such) is returned as a local time: its wall clock with local set, and dateOnly
// when it has no time of day. A date found where any date of the page could be
// (stamp.weak) is never a local time: only its day is returned.
//
// The metadata comes first; when it gives no time of day with an offset, a date
// printed at the top of the article (bodyStamps; title picks the headline) may, and
// failing both go-htmldate may (useHTMLDate).
func published(doc *html.Node, m pageMeta, pageURL, title string, useHTMLDate bool) pubTime {
	var cands []stamp
	add := func(s string, weak bool) {
		if st, ok := parseStamp(s); ok {
			st.weak = weak
			cands = append(cands, st)
		}
	}
	for _, v := range m.ldValues("datePublished") {
		add(v, false)
	}
	for _, k := range publishedMetaKeys {
		if v, ok := m.meta[k]; ok {
			add(v, false)
		}
	}
	for _, v := range m.ldValues("dateCreated") {
		add(v, false)
	}
	for _, tt := range m.times {
		if tt.published {
			add(tt.datetime, false)
		}
	}
	for _, tt := range m.times {
		if !tt.published {
			add(tt.datetime, tt.aside)
		}
	}

	loc := namedZone(m)
	if p := choose(cands, loc); !p.t.IsZero() && !p.local {
		return p
	}
	pub, upd := bodyStamps(doc, title)
	printed := pub
	if len(pub) == 0 && len(cands) == 0 {
		// An update says when the article was last changed; it stands in for the
		// publication only when nothing else says when that was.
		printed = upd
	}
	for _, st := range printed {
		// With a day from the metadata, a printed date may give its time, not another day.
		if len(cands) == 0 || st.day() == cands[0].day() {
			// A date printed where any date could be is the article's when
			// an update line at the top gives the same day ("Thursday 14 May
			// 2026", then "Updated 10:32 BST").
			if st.weak && slices.ContainsFunc(upd, func(u stamp) bool { return u.day() == st.day() }) {
				st.weak = false
			}
			cands = append(cands, st)
		}
	}
	if len(cands) == 0 && useHTMLDate {
		if st, ok := fromHTMLDate(doc, pageURL); ok {
			cands = append(cands, st)
		}
	}
	return choose(cands, loc)
}

// choose picks the publication time among the candidates, most trusted first;
// loc is the zone the page names, nil if none. A time with an offset (or a wall
// clock loc gives one) comes first; failing one, the first candidate that is not
// weak is a local time, given its time of day by the first that has one on the
// same day.
func choose(cands []stamp, loc *time.Location) pubTime {
	if len(cands) == 0 {
		return pubTime{}
	}
	lead := cands[0]
	for _, c := range cands {
		if !c.hasTime {
			continue
		}
		// A later source may give the time of day the leading one lacks, but only
		// for the same day: otherwise it is some other date of the page.
		if c.hasOffset && (lead.hasTime || c.day() == lead.day()) {
			if loc == nil && c.zone != "" {
				if l, err := time.LoadLocation(c.zone); err == nil {
					return withZone(c.t, l)
				}
			}
			return withZone(c.t, loc)
		}
		if !c.hasOffset && loc != nil && (lead.hasTime || c.day() == lead.day()) {
			w := c.t
			return withZone(time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc), loc)
		}
	}
	return chooseLocal(cands)
}

// chooseLocal picks the local time among candidates none of which has an offset:
// the first that is not weak, with the time of day of the first on its day that
// has one. With only weak candidates it gives the first one's day alone.
func chooseLocal(cands []stamp) pubTime {
	i := slices.IndexFunc(cands, func(c stamp) bool { return !c.weak })
	if i < 0 {
		return pubTime{day: cands[0].day()}
	}
	lead := cands[i]
	for _, c := range cands[i:] {
		if !c.weak && c.hasTime && c.day() == lead.day() {
			w := c.t
			return pubTime{t: time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC),
				day: lead.day(), local: true}
		}
	}
	y, mo, d := lead.t.Date()
	return pubTime{t: time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), day: lead.day(), local: true, dateOnly: true}
}

// withZone puts t in the named zone when that zone has t's offset at t.
func withZone(t time.Time, loc *time.Location) pubTime {
	if loc != nil {
		_, off := t.Zone()
		if lt := t.In(loc); func() bool { _, o := lt.Zone(); return o == off }() {
			return pubTime{t: lt, zone: loc.String(), day: t.Format(time.DateOnly)}
		}
	}
	return pubTime{t: t, day: t.Format(time.DateOnly)}
}

func namedZone(m pageMeta) *time.Location {
	for _, k := range zoneMetaKeys {
		v := m.meta[k]
		if !strings.Contains(v, "/") || strings.ContainsAny(v, " .") {
			continue
		}
		if loc, err := time.LoadLocation(v); err == nil {
			return loc
		}
	}
	return nil
}

// fromHTMLDate asks go-htmldate, which also reads the visible text. A time it
// found without a zone is wall clock in an unknown offset, so only its day counts.
func fromHTMLDate(doc *html.Node, pageURL string) (stamp, bool) {
	res, err := htmldate.FromDocument(doc, htmldate.Options{
		ExtractTime:         true,
		UseOriginalDate:     true,
		DeferUrlExtractor:   true,
		SkipExtensiveSearch: true,
		URL:                 pageURL,
	})
	if err != nil || res.IsZero() {
		return stamp{}, false
	}
	st := stamp{t: res.DateTime, hasTime: res.HasTime && res.HasTimezone, hasOffset: res.HasTime && res.HasTimezone, weak: true}
	return st, true
}

var rxISO = regexp.MustCompile(`(?i)^(\d{4})-?(\d{2})-?(\d{2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT|UT)?$`)

// otherLayouts are the non-ISO forms met in meta tags.
var otherLayouts = []struct {
	layout    string
	hasOffset bool
}{
	{time.RFC1123Z, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true},
	{"2 Jan 2006 15:04:05 -0700", true},
	{"Mon Jan 2 15:04:05 -0700 2006", true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true},
	{"Mon, 02 Jan 2006 15:04:05 MST", true},
	{"2006/01/02 15:04:05 -0700", true},
	{"2006/01/02 15:04:05", false},
	{"2006/01/02", false},
	{"January 2, 2006", false},
	{"Jan 2, 2006", false},
}

// parseStamp reads a machine-written timestamp: ISO 8601 in its common
// variants, or one of otherLayouts. A midnight in UTC is how many sites write a
// bare day, so it counts as a day only.
func parseStamp(s string) (stamp, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return stamp{}, false
	}
	if m := rxISO.FindStringSubmatch(s); m != nil {
		return isoStamp(m)
	}
	for _, l := range otherLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		st := stamp{t: t, hasTime: strings.Contains(l.layout, "15"), hasOffset: l.hasOffset}
		if strings.HasSuffix(l.layout, "MST") {
			// Go accepts any abbreviation here, with a zero offset when it
			// does not know it; only UTC and GMT say what they mean.
			name, _ := t.Zone()
			st.hasOffset = name == "UTC" || name == "GMT"
			if st.hasOffset {
				st.t = t.UTC()
			}
		}
		return validStamp(st)
	}
	return stamp{}, false
}

func isoStamp(m []string) (stamp, bool) {
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	y, mo, d := num(m[1]), num(m[2]), num(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return stamp{}, false
	}
	st := stamp{}
	var h, mi, sec, ns int
	if m[4] != "" {
		h, mi, sec = num(m[4]), num(m[5]), num(m[6])
		if h > 23 || mi > 59 || sec > 60 {
			return stamp{}, false
		}
		if m[7] != "" {
			frac := (m[7] + "000000000")[:9]
			ns = num(frac)
		}
		st.hasTime = true
	}
	loc := time.UTC
	if z := strings.ToUpper(m[8]); z != "" {
		st.hasOffset = true
		if z[0] == '+' || z[0] == '-' {
			digits := strings.ReplaceAll(z[1:], ":", "")
			oh, om := num(digits[:2]), 0
			if len(digits) >= 4 {
				om = num(digits[2:4])
			}
			if oh > 14 || om > 59 {
				return stamp{}, false
			}
			off := oh*3600 + om*60
			if z[0] == '-' {
				off = -off
			}
			if off != 0 {
				loc = time.FixedZone("", off)
			}
		}
	}
	st.t = time.Date(y, time.Month(mo), d, h, mi, sec, ns, loc)
	if st.t.Day() != d {
		return stamp{}, false // 31 February
	}
	if st.hasTime && h == 0 && mi == 0 && sec == 0 && ns == 0 && loc == time.UTC {
		st.hasTime, st.hasOffset = false, false
	}
	if !st.hasTime {
		st.hasOffset = false
	}
	return validStamp(st)
}

func validStamp(st stamp) (stamp, bool) {
	if y := st.t.Year(); y < 1990 || y > 2200 {
		return stamp{}, false
	}
	return st, true
}
