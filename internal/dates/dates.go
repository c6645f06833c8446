package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Stamp is a point in time as a news site printed it.
type Stamp struct {
	// Time is the instant, in the stated zone; in UTC when HasOffset is false,
	// with the printed wall clock.
	Time time.Time
	// Zone is the IANA name of the zone behind the offset ("Asia/Jerusalem"),
	// "" for a fixed offset ("GMT+3") or when no zone was printed.
	Zone string
	// HasTime is false for a date alone (the time is then midnight).
	HasTime bool
	// HasOffset is true when the string stated a zone or an offset.
	HasOffset bool
	// Updated is true when the string said the time is an update
	// ("Updated", "Last modified") rather than the publication.
	Updated bool
	// Ambiguous is true when the date was printed with slashes, both of its
	// first two numbers could be the month and no zone settled it (03/06/2025,
	// "03/06/2025 18:40 UTC"): it was read month-first, as American sites write
	// it, and DayFirst gives the other reading for a caller that knows the
	// article comes from a country that writes the day first.
	Ambiguous bool
	// dayFirst is the other reading of an ambiguous date.
	dayFirst *parsed
}

// maxLen bounds what is worth reading as one timestamp.
const maxLen = 160

const monthAlt = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`

var (
	reISO = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?`)
	// Numeric dates: which of the first two numbers is the day is decided in code.
	reNum  = regexp.MustCompile(`^(\d{1,4})([-./])(\d{1,2})([-./])(\d{2,4})\b`)
	reDMY  = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(` + monthAlt + `)\.?,?[\s-]+(\d{4})\b`)
	reMDY  = regexp.MustCompile(`^(` + monthAlt + `)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reTime = regexp.MustCompile(`^(\d{1,2})(?:([:.h])(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(am|pm)?\b`)
	// An offset, with a GMT/UTC prefix ("GMT+3", "UTC-05:00") or bare after a time ("+0200").
	reOffset = regexp.MustCompile(`^(utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b`)
	reCity   = regexp.MustCompile(`^([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,3}?)\s+(?:timing|time)\b`)
	reWord   = regexp.MustCompile(`^[a-z]+`)
	reDay    = regexp.MustCompile(`^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\b\.?`)
)

// fillers are words that may surround a timestamp on its line.
var fillers = map[string]bool{
	"published": true, "posted": true, "created": true, "date": true, "on": true, "at": true,
	"first": true, "time": true, "local": true, "hrs": true, "issued": true, "dated": true,
	"publication": true, "of": true,
}

// updateWords mark the time that follows as an update.
var updateWords = map[string]bool{"updated": true, "modified": true, "last": true, "edited": true, "revised": true}

// months maps the lower-case names and their abbreviations to month numbers.
var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

type parsed struct {
	y, d             int
	mo               time.Month
	hasDate          bool
	h, mi, sec, ns   int
	hasTime          bool
	loc              *time.Location
	zone             string
	offset           int
	literal          bool // offset stated, not derived from zone rules
	hasZone, updated bool
	// monthFirst: a date like 06/07/2026 read month-first, which a zone of
	// a country that writes the day first turns around.
	monthFirst bool
}

// Parse reads s as a timestamp in one of the forms news sites print, e.g.
// "22-11-2024 02:01 PM Jerusalem Timing", "Published: Monday 3 March 2025 09:12 CET",
// "Jan. 9, 2025 7:45 p.m. ET", "2025-03-04T10:00:00Z", "Posted 10:15am, 5 Mar 2025",
// "5 March 2025 | 10:15 GMT+3". Every word of s must belong to the timestamp or be
// a label word ("Published", "Updated", "on", "at"); a date (day, month, year) is
// required, a time and a zone are optional.
//
// Numeric dates: yyyy-mm-dd is read as such; otherwise a first number above 12 is
// the day and a second above 12 is the day; when both could be months, "-" and "."
// separators are read day-first (22-11-2024, 03.04.2025) and "/" month-first
// (04/03/2025 is April 3), as most sites that print slashes are American, unless
// a zone of a country that writes the day first follows (06/07/2026 14:05 BST is
// 6 July; see DayFirstZone). A slash date read month-first that could be either
// is marked Ambiguous: the caller that knows more of the article (its address,
// its other dates) may take Stamp.DayFirst instead.
//
// Zones: a city label ("Beirut time") or a generic abbreviation (ET, PT) takes the
// offset from the zone's rules at that date, daylight saving included; a wall time
// repeated when clocks go back is the earlier instant, one skipped when they go
// forward is read with the offset before the change. A specific abbreviation (EST,
// BST, CEST) or an offset (GMT+3, +02:00) states the offset itself; Zone then names
// the abbreviation's zone only when that zone had that offset at that instant.
// Canada's "NT"/"Newfoundland time" and "Atlantic time" are generic labels; "AT"
// is Atlantic time only in capitals right after a clock and ending the stamp.
func Parse(s string) (Stamp, bool) {
	if len(s) > maxLen || !strings.ContainsAny(s, "0123456789") || !utf8.ValidString(s) {
		return Stamp{}, false
	}
	p, ok := scan(normalize(atlanticAT(s)))
	if !ok {
		return Stamp{}, false
	}
	return p.stamp()
}

// reClockAT is a clock time followed by "AT" or "NT" in capitals: Atlantic
// or Newfoundland time ("9:10 a.m. AT"), not the word "at" nor an "nt" in
// lower case: read only when printed in capitals right after a time and
// ending the stamp or its part.
var reClockAT = regexp.MustCompile(`(?:\d[:.h]\d{2}|(?:^|[^\pL])[AaPp]\.?[Mm]\.?)\s+[AN]T\b`)

// atlanticAT spells an "AT" or "NT" zone label out as "Atlantic" or
// "Newfoundland", so that the lower case "at" stays a label word ("Nov. 6,
// 2026 at 8:30 a.m.").
func atlanticAT(s string) string {
	if !strings.Contains(s, "AT") && !strings.Contains(s, "NT") {
		return s
	}
	locs := reClockAT.FindAllStringIndex(s, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		end := locs[i][1]
		if !stampEnds(s[end:]) {
			continue // "9:10 a.m. AT the legislature", "4 p.m. AT Nov. 5"
		}
		name := "Atlantic"
		if s[end-2] == 'N' {
			name = "Newfoundland"
		}
		s = s[:end-2] + name + s[end:]
	}
	return s
}

// stampEnds reports whether the text after a zone label leaves it at the end
// of its stamp: nothing, "time", or a separator.
func stampEnds(rest string) bool {
	rest = strings.ToLower(strings.TrimLeft(rest, " \u00a0"))
	return rest == "" || strings.HasPrefix(rest, "time") || strings.IndexAny(rest, "|,;)]-\u2013\u2014\u2022\u00b7") == 0
}

// Line reports whether a line of scraped text is a timestamp line and returns
// its stamp. It is Parse after trimming the line.
func Line(line string) (Stamp, bool) {
	return Parse(strings.TrimSpace(line))
}

// Find looks for a timestamp inside a short string that holds other words too
// ("By Jane Doe | March 5, 2025, 10:15 AM EST | 4 min read") and returns the
// longest one that starts first, with its byte range in s.
func Find(s string) (st Stamp, start, end int, ok bool) {
	if len(s) > 4*maxLen {
		return Stamp{}, 0, 0, false
	}
	var starts, ends []int
	prev := ' '
	for i, r := range s {
		if isSpace(prev) && !isSpace(r) {
			starts = append(starts, i)
		}
		if !isSpace(prev) && isSpace(r) && i > 0 {
			ends = append(ends, i)
		}
		prev = r
	}
	if !isSpace(prev) {
		ends = append(ends, len(s))
	}
	if !strings.ContainsAny(s, "0123456789") {
		return Stamp{}, 0, 0, false
	}
	for _, a := range starts {
		if !canStart(s[a:]) {
			continue
		}
		for j := len(ends) - 1; j >= 0; j-- {
			b := ends[j]
			if b <= a || b-a > maxLen {
				continue
			}
			if strings.HasSuffix(s[a:b], " AT") && !stampEnds(s[b:]) {
				continue // "8:40 a.m. AT the wharf": read "8:40 a.m." alone
			}
			if zoneWordCut(s[a:b], s[b:]) {
				continue // "10:00 Atlantic City": read "10:00" alone
			}
			if st, ok := Parse(s[a:b]); ok {
				w := s[a:b]
				trimmed := strings.TrimLeft(w, seps)
				a += len(w) - len(trimmed)
				b -= len(trimmed) - len(strings.TrimRight(trimmed, seps))
				return st, a, b, true
			}
		}
	}
	return Stamp{}, 0, 0, false
}

// zoneWords are zone labels that are ordinary words too: the name of a
// place or thing when a capitalised word follows ("Atlantic City", "Pacific
// Coast Highway", "Central Park").
var zoneWords = map[string]bool{"atlantic": true, "newfoundland": true, "eastern": true, "central": true,
	"mountain": true, "pacific": true}

// zoneWordCut reports whether a candidate stamp w ends on a zone word that
// the text after it (rest) carries on as a name.
func zoneWordCut(w, rest string) bool {
	last := w[strings.LastIndexByte(w, ' ')+1:]
	if !zoneWords[strings.ToLower(last)] {
		return false
	}
	if l := strings.ToLower(last); (l == "atlantic" || l == "newfoundland") && !stampEnds(rest) {
		return true // "10:00 Newfoundland ferry": these two need "time" or the stamp's end
	}
	next := strings.TrimLeft(rest, " \u00a0")
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r)
}

// canStart reports whether a timestamp may begin at the start of s: with a
// digit, or with a month, weekday or label word.
func canStart(s string) bool {
	if s[0] >= '0' && s[0] <= '9' {
		return true
	}
	w := reWord.FindString(strings.ToLower(s[:min(len(s), 16)]))
	if w == "" {
		return false
	}
	_, month := months[w]
	return month || fillers[w] || updateWords[w] || reDay.MatchString(w)
}

// seps are the characters that separate a timestamp from the words around it.
const seps = " |,;:-\u2013\u2014\u2022\u00b7()[]"

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// normalize lower-cases s and folds the spellings that would make the patterns
// long: "p.m." to "pm", dashes and the minus sign to "-", odd spaces to " ".
func normalize(s string) string {
	return folder.Replace(strings.ToLower(s))
}

var folder = strings.NewReplacer("a.m.", "am", "p.m.", "pm", "\u2212", "-", "\u2013", "-", "\u2014", "-",
	"\u00a0", " ", "\u202f", " ", "\u2009", " ", "\t", " ", "\u2022", "|", "\u00b7", "|")

func scan(s string) (parsed, bool) {
	var p parsed
	for i := 0; i < len(s); {
		rest := s[i:]
		c := rest[0]
		if strings.ContainsRune(" ,|;()[]:/'\"", rune(c)) || (c == '-' && !p.hasTime) || c == '.' {
			i++
			continue
		}
		if n, ok := p.date(rest); ok {
			i += n
			continue
		}
		if n, ok := p.clock(rest); ok {
			i += n
			continue
		}
		if p.hasTime && !p.hasZone {
			if n, ok := p.zoneAt(rest); ok {
				i += n
				continue
			}
		}
		if c == '-' {
			i++
			continue
		}
		if m := reDay.FindString(rest); m != "" && wordEnd(rest, len(m)) {
			i += len(m)
			continue
		}
		w := reWord.FindString(rest)
		if w == "" {
			return p, false
		}
		switch {
		case fillers[w]:
		case updateWords[w]:
			if p.hasDate {
				// A second, updated time follows the first: the line is a
				// timestamp line when that part reads as one too.
				if _, ok := scan(s[i:]); !ok {
					return p, false
				}
				return p, p.hasDate
			}
			p.updated = true
		default:
			return p, false
		}
		i += len(w)
	}
	return p, p.hasDate
}

func wordEnd(s string, n int) bool {
	return n >= len(s) || !(s[n] >= 'a' && s[n] <= 'z' || s[n] >= '0' && s[n] <= '9')
}

// date consumes a date at the start of s.
func (p *parsed) date(s string) (int, bool) {
	if p.hasDate || s[0] < '0' || s[0] > 'z' {
		return 0, false
	}
	digit := s[0] >= '0' && s[0] <= '9'
	if !digit {
		if m := reMDY.FindStringSubmatch(s); m != nil {
			if !p.setDate(atoi(m[3]), int(months[m[1]]), atoi(m[2])) {
				return 0, false
			}
			return len(m[0]), true
		}
		return 0, false
	}
	if m := reISO.FindStringSubmatch(s); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if !p.setDate(y, mo, d) {
			return 0, false
		}
		if m[4] != "" {
			if !p.setTime(atoi(m[4]), atoi(m[5]), atoi(m[6]), frac(m[7]), "") {
				return 0, false
			}
		}
		return len(m[0]), true
	}
	if m := reNum.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, b, c := atoi(m[1]), atoi(m[3]), atoi(m[5])
		var y, mo, d int
		switch {
		case len(m[1]) == 4:
			y, mo, d = a, b, c
		case len(m[5]) == 3 || len(m[1]) == 3:
			return 0, false
		case a > 12:
			d, mo, y = a, b, c
		case b > 12:
			mo, d, y = a, b, c
		case m[2] == "/":
			mo, d, y = a, b, c
			p.monthFirst = a != b
		default:
			d, mo, y = a, b, c
		}
		if y < 100 && len(m[5]) == 2 {
			y += 2000
			if y > 2069 {
				y -= 100
			}
		}
		if !p.setDate(y, mo, d) {
			return 0, false
		}
		return len(m[0]), true
	}
	if m := reDMY.FindStringSubmatch(s); m != nil {
		if !p.setDate(atoi(m[3]), int(months[m[2]]), atoi(m[1])) {
			return 0, false
		}
		return len(m[0]), true
	}
	return 0, false
}

func (p *parsed) setDate(y, mo, d int) bool {
	if y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return false
	}
	if time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return false // 31 April
	}
	p.y, p.mo, p.d, p.hasDate = y, time.Month(mo), d, true
	return true
}

// clock consumes a time of day at the start of s.
func (p *parsed) clock(s string) (int, bool) {
	if p.hasTime || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	m := reTime.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	sep, ampm := m[2], m[6]
	if ampm == "" && (sep == "" || sep == ".") && !(sep == "." && p.hasDate && zoneNext(s[len(m[0]):])) {
		return 0, false // a bare number, or 10.15 that may be anything (but "14 May 2025 11.05 BST")
	}
	if !p.setTime(atoi(m[1]), atoi(m[3]), atoi(m[4]), frac(m[5]), ampm) {
		return 0, false
	}
	return len(m[0]), true
}

// zoneNext reports whether s, after spaces, opens with a time zone's
// abbreviation ("bst") or a GMT/UTC offset.
func zoneNext(s string) bool {
	s = strings.TrimLeft(s, " ")
	if m := reOffset.FindStringSubmatch(s); m != nil && m[1] != "" {
		return true
	}
	_, ok := abbrevs[reWord.FindString(s)]
	return ok
}

func (p *parsed) setTime(h, mi, sec, ns int, ampm string) bool {
	switch ampm {
	case "am", "pm":
		if h < 1 || h > 12 {
			if h > 12 && h < 24 {
				break // "14:05 PM": the 24-hour clock wins
			}
			return false
		}
		if h == 12 {
			h = 0
		}
		if ampm == "pm" {
			h += 12
		}
	}
	if h > 23 || mi > 59 || sec > 60 {
		return false
	}
	if sec == 60 {
		sec = 59 // a leap second: time.Time has none
	}
	p.h, p.mi, p.sec, p.ns, p.hasTime = h, mi, sec, ns, true
	return true
}

// zoneAt consumes a zone label or an offset at the start of s.
func (p *parsed) zoneAt(s string) (int, bool) {
	if m := reOffset.FindStringSubmatch(s); m != nil && (m[1] != "" || len(m[3]) == 2 && m[4] != "") {
		h, mi := atoi(m[3]), atoi(m[4])
		if h > 14 || mi > 59 {
			return 0, false
		}
		off := h*3600 + mi*60
		if m[2] == "-" {
			off = -off
		}
		p.offset, p.literal, p.hasZone = off, true, true
		return len(m[0]), true
	}
	if m := reCity.FindStringSubmatch(s); m != nil {
		city := m[1]
		if city == "local" {
			p.hasZone = true // "local time" says nothing
			return len(m[0]), true
		}
		if z, ok := cityZone(city); ok {
			p.zone, p.hasZone = z, true
			return len(m[0]), true
		}
		if !strings.Contains(city, " ") {
			// A one-word city we do not know: still a timestamp, with no offset.
			p.hasZone = true
			return len(m[0]), true
		}
	}
	w := reWord.FindString(s)
	if w == "" {
		return 0, false
	}
	a, ok := abbrevs[w]
	if !ok {
		return 0, false
	}
	// "Atlantic" and "Newfoundland" are a zone only as one: followed by
	// "time" or ending the stamp ("10:00 Atlantic City" is no zone).
	if (w == "atlantic" || w == "newfoundland") && !stampEnds(s[len(w):]) {
		return 0, false
	}
	p.zone, p.hasZone = a.zone, true
	if a.specific {
		p.offset, p.literal = a.offset, true
	}
	n := len(w)
	// "Eastern time", "ET time".
	if rest := strings.TrimLeft(s[n:], " "); strings.HasPrefix(rest, "time") && wordEnd(rest, 4) {
		n = len(s) - len(rest) + 4
	}
	return n, true
}

func (p parsed) stamp() (Stamp, bool) {
	st := Stamp{HasTime: p.hasTime, Updated: p.updated}
	if p.monthFirst {
		alt := p
		alt.d, alt.mo, alt.monthFirst = int(p.mo), time.Month(p.d), false
		if DayFirstZone(p.zone) {
			// "06/07/2026 14:05 BST" is 6 July.
			p = alt
		} else {
			st.Ambiguous, st.dayFirst = true, &alt
		}
	}
	switch {
	case p.literal:
		fixed := time.FixedZone(offsetName(p.offset), p.offset)
		t := time.Date(p.y, p.mo, p.d, p.h, p.mi, p.sec, p.ns, fixed)
		st.Time, st.HasOffset = t, true
		if p.zone != "" {
			if loc, err := load(p.zone); err == nil {
				if _, off := t.In(loc).Zone(); off == p.offset {
					st.Time, st.Zone = t.In(loc), p.zone
				}
			}
		} else if p.offset == 0 {
			st.Time = t.UTC()
		}
	case p.zone != "":
		loc, err := load(p.zone)
		if err != nil {
			return Stamp{}, false
		}
		st.Time = wallIn(p.y, p.mo, p.d, p.h, p.mi, p.sec, p.ns, loc)
		st.Zone, st.HasOffset = p.zone, true
	default:
		st.Time = time.Date(p.y, p.mo, p.d, p.h, p.mi, p.sec, p.ns, time.UTC)
	}
	return st, true
}

// DayFirstZone reports whether the people of an IANA zone write dates day first:
// Europe, Africa, Australia, New Zealand and most of Asia. Not UTC, which American
// sites print too, nor the Americas or Manila.
func DayFirstZone(zone string) bool {
	for _, p := range []string{"Europe/", "Africa/", "Australia/", "Asia/"} {
		if strings.HasPrefix(zone, p) {
			return zone != "Asia/Manila"
		}
	}
	return zone == "Pacific/Auckland" || zone == "Pacific/Chatham"
}

// DayFirst returns the day-first reading of an Ambiguous stamp (03/06/2025 as
// 3 June), with the same clock, zone and labels; ok is false for any other stamp.
func (st Stamp) DayFirst() (Stamp, bool) {
	if st.dayFirst == nil {
		return st, false
	}
	return st.dayFirst.stamp()
}

func offsetName(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return "UTC" + sign + pad2(off/3600) + ":" + pad2(off%3600/60)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// frac turns the digits after a decimal point into nanoseconds.
func frac(s string) int {
	if s == "" {
		return 0
	}
	for len(s) < 9 {
		s += "0"
	}
	return atoi(s[:9])
}
