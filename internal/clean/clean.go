package clean

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/dates"
	"github.com/whosaid/whosaid/internal/quote"
)

// Text cleans scraped plain text into a draft article. Blocks are separated by
// blank lines or single newlines (a hard-wrapped line that goes on in lower case
// stays in its block). Timestamp lines give Published and Zone, byline lines give
// Byline, boilerplate lines go, the first line is the title when it reads as a
// headline, and the rest goes through Blocks. A kept paragraph's characters are
// never changed except for trimming, or splitting a glued caption off its end.
func Text(raw string) article.Draft { return TextTitled(raw, "") }

// TextTitled is Text for a text whose headline the source gives apart (a JSON
// Lines record's title): the first paragraph is the headline only when it is
// that one, else it is the article's first paragraph; the title is the one given.
func TextTitled(raw, title string) article.Draft {
	var d article.Draft
	var m meta
	var blocks []article.DraftBlock
	list, item := false, false // after a heading of links to other stories ("RELATED:"), and after one of them
	us := units(raw)
	skip := 0 // units up to this one are a byline block's names
	for k, u := range us {
		if k < skip {
			continue
		}
		if !m.body && (len(blocks) == 1 || len(blocks) == 0 && strings.TrimSpace(title) != "") {
			if n := m.topByline(us[k:]); n > 0 {
				skip = k + n
				continue
			}
		}
		// (Headlines of other stories come in a run of two or more, or
		// bulleted: one line after "Read more" may be the text's own heading.)
		if list && listItem(u, item || k+1 < len(us) && listItem(us[k+1], true)) {
			item = true
			continue
		}
		list, item = reListHeading.MatchString(u), false
		if m.absorb(u) || isBoilerplate(u) {
			continue
		}
		blocks = append(blocks, article.DraftBlock{Kind: article.Paragraph, Text: u})
		m.body = len(blocks) >= 2
	}
	given := strings.TrimSpace(title)
	if given == "" {
		given = m.title
	}
	if given != "" && len(blocks) > 0 && key(blocks[0].Text) != key(given) {
		// The text's first paragraph is no headline: only copies of the given one go.
		blocks = append([]article.DraftBlock{{Kind: article.Paragraph, Text: given}}, blocks...)
	}
	if len(blocks) >= 2 && (given != "" || headlineLike(blocks[0].Text)) {
		d.Title = blocks[0].Text
		if given != "" {
			d.Title = given
		}
		tk := key(d.Title)
		kept := blocks[:0]
		for i, b := range blocks[1:] {
			if len(b.Text) <= 2*len(d.Title)+8 && (key(b.Text) == tk || i == 0 && truncationOf(b.Text, tk)) {
				continue
			}
			kept = append(kept, b)
		}
		blocks = kept
	}
	d.Blocks = refine(blocks, nil)
	d.Byline, d.URL = m.byline, m.url
	if st, ok := m.published(); ok {
		d.Published, d.Zone = st.Time, st.Zone
		d.Local, d.DateOnly = !st.HasOffset, !st.HasTime
	}
	return d
}

// Blocks cleans extracted blocks: drops repeated blocks, boilerplate and
// timestamp or byline lines, splits glued captions off sentences, and marks
// headings and captions. Blocks already marked as headings or captions keep
// their kind. It never drops a block for being long or unusual: what it drops is
// a repeat, or a short line that matches a boilerplate, timestamp or byline form.
func Blocks(blocks []article.DraftBlock) []article.DraftBlock {
	var m meta
	return refine(blocks, &m)
}

// Refine is Blocks for a whole draft: it also fills Byline, Published and Zone
// from the lines it drops when the draft does not have them yet.
func Refine(d article.Draft) article.Draft {
	var m meta
	d.Blocks = refine(d.Blocks, &m)
	if d.Byline == "" {
		d.Byline = m.byline
	}
	if st, ok := m.published(); ok && d.Published.IsZero() {
		d.Published, d.Zone = st.Time, st.Zone
		d.Local, d.DateOnly = !st.HasOffset, !st.HasTime
	}
	return d
}

// refine is Blocks with what the dropped lines said going to m; a nil m means
// the lines were already sifted.
func refine(in []article.DraftBlock, m *meta) []article.DraftBlock {
	var out []article.DraftBlock
	for _, b := range in {
		t := trim(b.Text)
		if t == "" {
			continue
		}
		kind := b.Kind
		if kind == "" {
			kind = article.Paragraph
		}
		if kind == article.Paragraph {
			if m != nil && (m.absorb(t) || isBoilerplate(t)) {
				continue // Text has done this line by line
			}
			if head, tail, ok := splitCaption(t); ok {
				out = append(out, article.DraftBlock{Kind: article.Paragraph, Text: head},
					article.DraftBlock{Kind: article.Caption, Text: tail})
				continue
			}
			if isCaptionLine(t) || isCreditedCaption(t) {
				kind = article.Caption
			}
		}
		out = append(out, article.DraftBlock{Kind: kind, Text: t})
	}
	out = dedupe(out)
	markHeadings(out)
	return out
}

// units splits raw text into trimmed block texts. A line break inside a
// paragraph separates blocks unless the line runs on in lower case (a hard wrap);
// such a block keeps its line breaks so its bytes match the input.
func units(raw string) []string {
	raw = strings.TrimPrefix(raw, "\ufeff")
	if strings.Contains(raw, "\r") {
		raw = strings.ReplaceAll(raw, "\r\n", "\n")
		raw = strings.ReplaceAll(raw, "\r", "\n")
	}
	var out []string
	start, end := -1, -1 // the open unit, as a byte range of raw
	lastLine := ""
	flush := func() {
		if start >= 0 {
			out = append(out, raw[start:end])
		}
		start, end = -1, -1
	}
	pos := 0
	for pos <= len(raw) {
		nl := strings.IndexByte(raw[pos:], '\n')
		lineEnd := len(raw)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		line := raw[pos:lineEnd]
		t := trim(line)
		switch {
		case t == "":
			flush()
		default:
			off := pos + strings.Index(line, t)
			if start >= 0 && softWrap(lastLine, t) {
				end = off + len(t)
			} else {
				flush()
				start, end = off, off+len(t)
			}
			lastLine = t
		}
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	flush()
	return out
}

// softWrap reports whether next continues prev's sentence: prev stops on a
// lower-case word, a comma or a dash, and next starts in lower case.
func softWrap(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(first) {
		return false
	}
	return unicode.IsLower(last) || strings.ContainsRune(",\u2013\u2014-", last)
}

// trim removes surrounding white space, including no-break and zero-width spaces.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060'
	})
}

// headlineLike reports whether a first line reads as a headline rather than the
// first paragraph of a body: short, and not a run-on sentence.
func headlineLike(s string) bool {
	if strings.Contains(s, "\n") {
		return false
	}
	n := utf8.RuneCountInString(s)
	words := len(strings.Fields(s))
	if n > 220 || words > 32 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) && words > 12 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if last == ':' || last == ',' {
		return false
	}
	if !strings.ContainsRune(".!?…", last) {
		return true
	}
	return words <= 18 || titleCase(s) >= 0.6
}

// titleCase is the share of words of four letters or more that start with a
// capital letter.
func titleCase(s string) float64 {
	long, caps := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "\"'“‘«(")
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	if long == 0 {
		return 0
	}
	return float64(caps) / float64(long)
}

// meta collects what the dropped lines said.
type meta struct {
	stamps []dates.Stamp
	byline string
	// url is the address a scraper's header gives ("URL: https://…"), title
	// the headline it labels ("Title: …"): lines before the body only.
	url, title string
	// body is set once the article's first paragraph after its headline is
	// kept: a name and a date there is the text's ("Memorial Service
	// Saturday, June 14, 2025"), not the outlet's time line.
	body bool
}

func (m *meta) published() (dates.Stamp, bool) {
	for _, st := range m.stamps {
		if !st.Updated {
			return st, true
		}
	}
	if len(m.stamps) > 0 {
		return m.stamps[0], true
	}
	return dates.Stamp{}, false
}

// absorb takes a timestamp or byline line (or a line of both) and reports
// whether it did.
func (m *meta) absorb(line string) bool {
	if utf8.RuneCountInString(line) > 160 || strings.Contains(line, "\n") {
		return false
	}
	if st, ok := dates.Line(line); ok {
		m.stamps = append(m.stamps, st)
		return true
	}
	if !m.body {
		if label, v, ok := strings.Cut(line, ":"); ok && len(label) <= 10 {
			v = strings.TrimSpace(v)
			switch strings.ToLower(strings.TrimSpace(label)) {
			case "url", "link", "source", "canonical":
				if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(v, " \t") {
					if m.url == "" {
						m.url = v
					}
					return true
				}
			case "title", "headline":
				if v != "" && m.title == "" {
					m.title = v
					return true
				}
			}
		}
	}
	if reDeskByline.MatchString(line) {
		return true
	}
	if reLabelClock.MatchString(line) {
		return true // "Updated 3:42 p.m. ET": a time with no day says nothing here
	}
	if !strings.ContainsFunc(line, unicode.IsDigit) || !mixedLine(line) && (m.body || !nameThenStamp(line)) {
		if name, ok := byline(line); ok {
			m.setByline(name)
			return true
		}
		return false
	}
	st, a, b, ok := dates.Find(line)
	if !ok {
		if name, ok := byline(line); ok {
			m.setByline(name)
			return true
		}
		return false
	}
	rest := strings.Trim(line[:a], lineSeps) + " | " + strings.Trim(line[b:], lineSeps)
	rest = trim(rest)
	var name string
	parts := strings.FieldsFunc(rest, func(r rune) bool { return r == '|' || r == '\u00b7' || r == '\u2022' })
	for i, seg := range parts {
		seg = strings.Trim(trim(seg), lineSeps)
		switch {
		case seg == "" || reReadTime.MatchString(seg) || reRole.MatchString(seg) || strings.HasPrefix(line, seg) && dateline(seg):
		case reLabel.MatchString(seg) || reLabelClock.MatchString(seg):
			// "Published March 11, 2025 | Updated 3:42 p.m. ET"
		case i == 0 && len(parts) > 1 && strings.HasPrefix(line, seg) && !mixedLine(seg) && reNamesOnly.MatchString(seg) && !reNotName.MatchString(seg):
			// "Jo Lane · The Sentinel · Posted: …": the people, then the outlet.
			if name != "" {
				return false
			}
			name = seg
		case !strings.HasPrefix(strings.ToLower(seg), "by ") && outletName(seg):
			// The outlet's name beside the byline or the time ("The Sentinel").
		case reByOutlet.MatchString(seg) && outletName(seg[3:]):
			// "By The Sentinel · Posted …": the outlet's credit, no one's byline.
		default:
			n, ok := byline(seg)
			if !ok || name != "" {
				return false
			}
			name = n
		}
	}
	m.stamps = append(m.stamps, st)
	if name != "" {
		m.setByline(name)
	}
	return true
}

// maxNameLines bounds the lines of names, roles and outlet above a time line.
const maxNameLines = 3

// topByline reports how many lines at the start of us are a byline block
// printed over the article's time line, one item a line: the people, a role,
// a desk or the outlet ("Jo Lane and Ana Ruiz", "Harbour Desk", "The Sentinel",
// then "Published March 4, 2026"). The lines count only when a time or byline
// line follows them; the first, when it names people, is the byline.
func (m *meta) topByline(us []string) int {
	n := 0
	for n < len(us) && n < maxNameLines && bylineItem(us[n]) {
		n++
	}
	if n == 0 || n == len(us) {
		return 0
	}
	probe := meta{}
	if !probe.absorb(us[n]) || len(probe.stamps) == 0 && probe.byline == "" {
		return 0
	}
	if sm := reNamesRole.FindStringSubmatch(us[0]); sm != nil {
		m.setByline(sm[1])
	} else if reNamesOnly.MatchString(us[0]) && peopleNamed(us[0]) {
		m.setByline(us[0])
	}
	return n
}

// peopleNamed reports whether a line of capitalised words names people, not
// a section or a desk ("Atlantic Canada", "City Hall"): two or more joined
// by "and" or "&", or a first name nearly everyone given it shares first.
func peopleNamed(line string) bool {
	if strings.Contains(line, " and ") || strings.Contains(line, " & ") {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	return quote.FirstNameGender(strings.TrimRight(first, ".,")) != ""
}

// bylineItem reports whether a line is shaped like one item of a byline block:
// a few capitalised words with no sentence in them ("Jo Lane and Ana Ruiz",
// "Jo Lane Harbour Reporter", "City Hall", "La Gazette").
func bylineItem(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool { return r == '\n' || unicode.IsDigit(r) }) ||
		utf8.RuneCountInString(s) > 60 || reNotName.MatchString(s) || mixedLine(s) {
		return false
	}
	return outletName(s) || reNamesOnly.MatchString(s) || reNamesRole.MatchString(s)
}

var (
	// reLabel is a word that labels a time line's parts.
	reLabel = regexp.MustCompile(`(?i)^(?:published|updated|last updated|posted|modified|date|dated|first published)(?: on| at)?:?$`)
	// reLabelClock is a time of day with its label and no day: "Updated 3:42
	// p.m. ET", "Posted at 10:15 BST".
	reLabelClock = regexp.MustCompile(`(?i)^(?:published|updated|last updated|posted|modified)(?: on| at)?:?\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[a-z]{1,5}\)?)?\.?$`)
)

// mixedLine reports whether a line may hold a timestamp among other words:
// it has parts separated by bars or bullets, or starts with a label word.
func mixedLine(line string) bool {
	if strings.ContainsAny(line, "|\u2022\u00b7") {
		return true
	}
	if city, _, ok := strings.Cut(line, ","); ok && dateline(city) {
		return true // "LONDON, 14 May 2025, 11:05 BST"
	}
	if reReadTimeTail.MatchString(line) {
		return true // "Thu., Nov. 5, 2026 timer 4 min. read"
	}
	first, _, _ := strings.Cut(strings.ToLower(line), " ")
	switch strings.TrimRight(first, ":") {
	case "by", "posted", "published", "updated", "written", "last", "first", "date", "dated":
		return true
	}
	return false
}

// nameThenStamp reports whether a line is a short name followed by a
// timestamp, as pages print the outlet or the place before the time ("The
// Sentinel, Tuesday 3 June 2025 18:40 BST").
func nameThenStamp(line string) bool {
	_, a, b, ok := dates.Find(line)
	if !ok || strings.TrimSpace(line[b:]) != "" {
		return false
	}
	return outletName(strings.Trim(line[:a], lineSeps))
}

// outletName reports whether s reads as the name of an outlet or a place in a
// byline or time line: one to five words, each capitalised or a short joining
// word ("of", "the", "and"), none ending a sentence.
func outletName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || strings.ContainsAny(s, ".!?:;\"“”") && !strings.HasSuffix(s, ".com") {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r) && i > 0:
		case i > 0 && i < len(words)-1 && (w == "of" || w == "the" || w == "and" || w == "&" || w == "de" || w == "for"):
		default:
			return false
		}
	}
	return true
}

// dateline reports whether s is a place as datelines print it, in capitals:
// "LONDON", "NEW YORK", "ST. PETERSBURG".
func dateline(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == ' ' || r == '.' || r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters >= 2 && utf8.RuneCountInString(s) <= 30
}

func (m *meta) setByline(name string) {
	if m.byline == "" {
		m.byline = name
	}
}

// lineSeps separate the parts of a byline-and-date line.
const lineSeps = " |,;-\u2013\u2014\u2022\u00b7"
