package quote

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/text"
)

// attribute gives each found report its speaker, resolving names, pronouns and
// descriptions to the entities of the article, and lists those entities. sents[p]
// holds the sentence index of each token of paragraph p. The names found go in runs,
// returned for reuse. lc and midCap are empty maps it fills, lent for reuse.
// lex says what the training text knows of words, and where the article's
// transcript labels are.
func attribute(a *article.Article, ps []Paragraph, sents [][]int32, fs []found, runs []nameRun, lc lowerCache, midCap map[string]bool, lex words) ([]article.Quote, []article.Entity, []nameRun) {
	common := lex.common
	first := make([]int, len(ps)+1)
	// The starts of the sub-headings and captions, which are few: a paragraph is one
	// when it starts where one does.
	var hbuf, cbuf [8]int
	heads, captions := hbuf[:0], cbuf[:0]
	for _, b := range a.Blocks {
		switch b.Kind {
		case article.Heading:
			heads = append(heads, b.Start)
		case article.Caption:
			captions = append(captions, b.Start)
		}
	}
	heading := func(off int) bool { return slices.Contains(heads, off) }
	// Lines in title case (headings the extraction did not mark, captions, a
	// comment's header) capitalise every word: their runs name nobody new.
	shouty := make([]bool, len(ps))
	for pi, p := range ps {
		shouty[pi] = p.Title || heading(p.Offset) || titleCase(p.Toks)
	}
	for pi, p := range ps {
		if shouty[pi] {
			continue
		}
		st := sents[pi]
		dl := datelineEnd(p.Toks)
		for i := range p.Toks {
			// (A capital after a quotation mark may start what was said, and one
			// after a dateline starts the report.)
			if t := &p.Toks[i]; i > 0 && st[i] == st[i-1] && !p.Toks[i-1].IsQuote() && i != dl && t.Kind == text.Word && capitalised(t.Text) {
				if w := stripPossessive(t.Text); !inSet(midCap, w) {
					midCap[lc.of(w)] = true
				}
			}
		}
	}
	for pi, p := range ps {
		first[pi] = len(runs)
		st := sents[pi]
		turn := -1
		if lex.turns != nil {
			turn = lex.turns[pi]
		}
		// (The report's first word after a dateline opens a sentence too:
		// "ATLANTA — Bus drivers voted".)
		dl := datelineEnd(p.Toks)
		runs = findNames(runs, pi, p, func(i int) bool { return i == 0 || st[i] != st[i-1] || i == dl }, midCap, common, turn, dl)
		if shouty[pi] {
			for i := first[pi]; i < len(runs); i++ {
				runs[i].weak = true
			}
		} else if slices.Contains(captions, p.Offset) {
			// A caption's credit names a photographer and an outlet, nobody
			// new: "… (Photo: Tom Reyes/Millbrook Ledger)".
			c := creditStart(p.Toks)
			for i := first[pi]; i < len(runs); i++ {
				runs[i].weak = runs[i].a >= c
			}
		}
	}
	first[len(ps)] = len(runs)
	dropOpeners(runs, ps, common, lex.cue)
	var table entityTable
	of := table.build(runs, ps, lc, common)
	markPlaces(runs, of, ps, common)
	ownersApart(runs, of, ps, first, common)
	addressApart(table.ents, runs, of, ps)
	for i, e := range of {
		if e != nil && !runs[i].quoted {
			e.outside = true
		}
	}
	res := &resolver{runs: runs, of: of, first: first, sents: sents, recent: make([]*ent, 0, len(fs)), cue: lex.cue, people: lex.people}

	qs := make([]article.Quote, 0, len(fs))
	// What the quotes point to, one allocation for them all.
	bits := make([]speakerBits, len(fs))
	var prevEnt *ent
	qEnt := make([]*ent, 0, len(fs)) // the entity of each quote
	qPara := make([]int, 0, len(fs)) // and its paragraph
	var carried []int                // the quotes that carry on a speaker
	var prevName *string
	var author *ent // the byline's one author, once "I" asks for them
	for _, f := range fs {
		if f.content == "" {
			continue
		}
		// A sub-heading holds a report only when it quotes someone outright.
		if p := ps[f.para]; !p.Title && heading(p.Offset) && f.kind != article.Direct {
			continue
		}
		q := article.Quote{ID: numbered("q", qIDs[:], len(qs)+1), Kind: f.kind, Content: f.content, Spans: f.spans, Cue: f.cue, Confidence: f.conf}
		if f.title {
			q.Where = "title"
			q.Spans = []article.Span{}
		}
		var e *ent
		b := &bits[len(qs)]
		switch {
		case f.hasMent:
			b.mention = f.mention
			q.Speaker.Mention = &b.mention
			if !f.title {
				b.start, b.end = f.mStart, f.mEnd
				q.Speaker.Start, q.Speaker.End = &b.start, &b.end
			}
			e = res.resolve(ps, f.srcPara, f.srcA, f.srcB)
			if e == nil && !f.title && f.srcB == f.srcA+1 && ps[f.srcPara].Toks[f.srcA].Text == "I" && lex.turns == nil &&
				!labelled(ps[f.srcPara].Toks) && !answers(ps, f.srcPara) && !res.quotedIn(ps, f.srcPara)[f.srcA] {
				// "I argued, in this newspaper, that …": the author's own
				// words, outside any quotation, when the byline names one.
				if author == nil {
					if author = bylineAuthor(a.Byline, table.ents); author != nil && !slices.Contains(table.ents, author) {
						table.ents = append(table.ents, author)
					}
				}
				if author != nil {
					e = author
				}
			}
			if (e == nil || !e.person()) && !f.title {
				res.sawUnnamed(f.srcPara, ps[f.srcPara].Toks, f.srcA, f.srcB)
			}
			if e != nil && f.label && inCapitals(e.name) && !shortWord(e.name) {
				// Known by a transcript's label alone: "WALLACE" is Wallace
				// (but "NPR", "NATO" stay as they are).
				e.name = capitalise(e.name)
			}
			if e != nil && !f.title {
				e.addMention(article.Mention{Start: f.mStart, End: f.mEnd, Text: f.mention})
			}
		case f.carried:
			carried = append(carried, len(qs))
			e = prevEnt
			if e == nil && prevName != nil {
				q.Speaker.Name = prevName
			}
			if e == nil && prevName == nil && opensQuote(ps[f.para], q) {
				e = res.introduced(ps, f.para)
			}
		}
		if e != nil {
			e.speaker = true
			b.name = e.name
			q.Speaker.Name = &b.name
			if e != author {
				res.saw(e) // (the author is "I", not whom "she" stands for)
			}
		}
		prevEnt, prevName = e, q.Speaker.Name
		qs = append(qs, q)
		qEnt = append(qEnt, e)
		qPara = append(qPara, f.para)
	}
	// A quote running over paragraphs (each opening with a mark, none closed
	// but the last) is the speaker's whom its last paragraph names, not the
	// one quoted before it.
	for k := len(carried) - 1; k >= 0; k-- {
		i := carried[k]
		if j := i + 1; j < len(qs) && qPara[j] == qPara[i]+1 && qs[j].Speaker.Name != nil && qs[j].Kind != article.Indirect &&
			openAtEnd(ps[qPara[i]].Toks) && opensQuote(ps[qPara[j]], qs[j]) {
			qs[i].Speaker.Name, qEnt[i] = qs[j].Speaker.Name, qEnt[j]
		}
	}
	// Speech reported inside the quotes, each a quote of its own after them all.
	n := len(qs)
	var xbits []*speakerBits // what the embedded ones point to
	for i := 0; i < n; i++ {
		if qs[i].Where == "title" || qs[i].Kind == article.Indirect {
			continue
		}
		for _, r := range embeddedIn(res, ps, qPara[i], &qs[i]) {
			b := &speakerBits{}
			q := embeddedQuote(ps, r, numbered("q", qIDs[:], len(qs)+1), qs[i].ID, b)
			xbits = append(xbits, b)
			r.e.speaker = true
			r.e.addMention(article.Mention{Start: b.start, End: b.end, Text: b.mention})
			qs = append(qs, q)
			qEnt = append(qEnt, r.e)
		}
	}
	// Number the entities worth listing, and point the quotes at them.
	ids := map[*ent]string{}
	var ents []article.Entity
	for _, e := range table.ents {
		if len(e.mentions) == 0 || !(e.speaker || e.org || e.place || e.gender != "" || len(e.titles) > 0 || len(e.words) > 1) {
			continue
		}
		id := numbered("e", eIDs[:], len(ents)+1)
		ids[e] = id
		typ := "PERSON"
		switch {
		case e.place && featureName(e.words) && !e.org && placeOf(e.name) == 0: // (not "Cape Town", a city)
			typ = "LOC"
		case e.place:
			typ = "GPE"
		case e.org:
			typ = "ORG"
		}
		sortBy(e.mentions, func(x, y article.Mention) bool { return x.Start < y.Start })
		var gender string
		if typ == "PERSON" {
			gender = genderOf(e)
		}
		ents = append(ents, article.Entity{ID: id, Name: e.name, Type: typ, Mentions: e.mentions, Gender: gender})
	}
	for i := range qs {
		if id, ok := ids[qEnt[i]]; ok {
			var b *speakerBits
			if i < n {
				b = &bits[i]
			} else {
				b = xbits[i-n]
			}
			b.entity = id
			qs[i].Speaker.Entity = &b.entity
		}
	}
	if ents == nil {
		ents = []article.Entity{}
	}
	return qs, ents, runs
}

// ownersApart types as a body the owner of a person's role, when nothing says
// the owner is a person: "Sinn Féin's Mary Lou Brennan", "Vukani Power chief
// executive Refilwe Maseko" (not "Kenya's William Ruto", a place, nor "Hillary
// Clinton spokesman Brian Fallon", whose first name makes Clinton a person, nor
// an owner of one word, one the article calls by its last word alone, as it
// does a person: "Sanders campaign spokesman Michael Briggs", one whose last
// word is no common word nor a body's: "Raila Odinga's spokesman", nor an
// adjective: "Republican Presidential candidate").
func ownersApart(runs []nameRun, of []*ent, ps []Paragraph, first []int, common func(string) bool) {
	for pi, p := range ps {
		for i := first[pi]; i+1 < first[pi+1]; i++ {
			o, e := of[i], of[i+1]
			if o == nil || e == nil || o == e || !o.person() || o.gender != "" || len(o.titles) > 0 || o.titled != "" ||
				!e.person() || len(e.words) < 2 || runs[i].b-runs[i].a < 2 || calledBySurname(o) || adjectival(o.words[len(o.words)-1]) {
				continue
			}
			switch roleBetween(p.Toks, runs[i].b, runs[i+1].ta) {
			case betweenRole:
				o.org = bodyLast(o.words[len(o.words)-1], common)
			case betweenPossessive:
				o.org = o.org || e.gender != ""
			}
		}
	}
}

// bodyLast reports whether w, a name's last word in lower case, is one a
// body's name ends in: a word the training text writes in lower case ("Vukani
// Power", "Federal Reserve", "Chicago Bears") or a body's own ("… Group"); a
// person's surname is neither ("Raila Odinga's spokesman").
func bodyLast(w string, common func(string) bool) bool {
	return inSetF(orgWords, orgWordsF, w) || common != nil && common(w)
}

// adjectival reports whether w, a name's last word in lower case, is shaped
// as an adjective ("Republican Presidential", "Mexican-American"), not a body's.
func adjectival(w string) bool {
	for _, suf := range []string{"an", "ic", "al", "ese", "ish"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// calledBySurname reports whether a mention of e is its last word alone.
func calledBySurname(e *ent) bool {
	last := e.words[len(e.words)-1]
	for _, m := range e.mentions {
		if strings.EqualFold(stripPossessive(m.Text), last) {
			return true
		}
	}
	return false
}

// creditStart returns where the photo credit closing a caption's tokens
// starts: its bracket ("(Photo: …)"), or the words after the caption's last
// sentence when they hold a slash ("… dusk. Ana Ruiz / Port Gazette"); else
// len(toks).
func creditStart(toks []text.Token) int {
	n := len(toks)
	if n > 0 && toks[n-1].Text == ")" {
		for k := n - 2; k >= 0 && n-k <= 16; k-- {
			if toks[k].Text == "(" {
				return k
			}
		}
	}
	for k := n - 1; k >= 0 && n-k <= 12; k-- {
		if toks[k].Text != "/" {
			continue
		}
		for j := k - 1; j >= 0; j-- {
			if t := toks[j].Text; t == "." || t == "!" || t == "?" {
				return j + 1
			}
		}
		return n
	}
	return n
}

// addressApart names two people the article knows by the same name alone
// and tells apart only by their titles of address ("Ms Roe", "Mr Roe") with
// those titles, as the article first wrote each.
func addressApart(ents []*ent, runs []nameRun, of []*ent, ps []Paragraph) {
	var firstTitle map[*ent]string // made only when two need telling apart
	for i, e := range ents {
		if len(e.titled) != 1 || e.org || e.place {
			continue
		}
		for _, o := range ents[i+1:] {
			if o.name == e.name && len(o.titled) == 1 && o.titled != e.titled && !o.org && !o.place {
				if firstTitle == nil {
					firstTitle = firstTitles(runs, of, ps)
				}
				if te, to := address(e, firstTitle), address(o, firstTitle); te != "" && to != "" {
					e.name, o.name = te+" "+e.name, to+" "+o.name
				}
				break
			}
		}
	}
}

// firstTitles returns, for each entity, the first title of address its runs
// open with, as written ("Mrs.", "Ms").
func firstTitles(runs []nameRun, of []*ent, ps []Paragraph) map[*ent]string {
	out := map[*ent]string{}
	for i, r := range runs {
		e := of[i]
		if e == nil || r.ta >= r.a || out[e] != "" {
			continue
		}
		w := ps[r.para].Toks[r.ta].Text
		if g, ok := lookupF(personTitles, personTitlesF, w); ok && g != "" && g == e.titled {
			out[e] = w
		}
	}
	return out
}

// address returns the title of address of e's gender that it was named with:
// the first its runs wrote (first), else the first in order of the alphabet.
func address(e *ent, first map[*ent]string) string {
	if w := first[e]; w != "" {
		return w
	}
	best := ""
	for t := range e.titles {
		if g, ok := lookupF(personTitles, personTitlesF, t); ok && g == e.titled && (best == "" || t < best) {
			best = t
		}
	}
	if best == "" {
		return ""
	}
	return capitalise(best)
}

// opensQuote reports whether paragraph p opens with a quotation mark and q
// is the quote that starts there.
func opensQuote(p Paragraph, q article.Quote) bool {
	return len(p.Toks) > 1 && p.Toks[0].Kind == text.OpenQuote && len(q.Spans) > 0 && q.Spans[0].Start <= p.Offset+p.Toks[1].Start
}

// openAtEnd reports whether quotation marks are open at the end of a
// paragraph's tokens: the quote goes on in the next paragraph.
func openAtEnd(toks []text.Token) bool {
	d, marks := 0, newQuoteDepth(toks)
	for i := range toks {
		d = marks.step(i, &toks[i])
	}
	return d > 0
}

// The first ids of quotes and entities, made once.
var qIDs, eIDs = idsOf("q"), idsOf("e")

func idsOf(p string) (ids [64]string) {
	for i := range ids {
		ids[i] = p + strconv.Itoa(i)
	}
	return ids
}

// numbered returns p followed by i, from made if it is there.
func numbered(p string, made []string, i int) string {
	if i < len(made) {
		return made[i]
	}
	return p + strconv.Itoa(i)
}

// introduced returns the person the paragraph before paragraph pi has speak,
// when a quotation opens pi with no cue and none was before it: "The
// survivor, Jonah Pike, spoke to reporters on Tuesday." then "“The wave hit us
// at dawn. …". That paragraph holds no quotation mark, and the person opens
// its last sentence (see subject), a verb of speaking close after.
func (r *resolver) introduced(ps []Paragraph, pi int) *ent {
	if pi == 0 {
		return nil
	}
	toks := ps[pi-1].Toks
	speaks := false
	for _, t := range toks {
		if t.IsQuote() {
			return nil
		}
		speaks = speaks || t.Kind == text.Word && inSet(introVerbs, t.Text)
	}
	if !speaks {
		return nil
	}
	var found *ent
	for i := r.first[pi-1]; i < r.first[pi]; i++ {
		nr := r.runs[i]
		e := r.of[i]
		if e == nil || !e.person() || !subject(toks, r.sents[pi-1], nr) {
			continue
		}
		// Its verb of speaking follows it closely ("Jonah Pike, 34, spoke"),
		// and no subordinator opens its sentence ("After Mayor Ann Lee
		// spoke, her rival …").
		s0 := nr.ta
		for s0 > 0 && r.sents[pi-1][s0-1] == r.sents[pi-1][nr.ta] {
			s0--
		}
		if inSet(clauseOpeners, lower(toks[s0].Text)) || r.sents[pi-1][nr.ta] != r.sents[pi-1][len(toks)-1] {
			continue // (and the paragraph's last sentence speaks: not "Tom Lee told the crowd … Supporters chanted his name.")
		}
		for k := nr.b; k < len(toks) && k-nr.b <= 6; k++ {
			if toks[k].Kind == text.Word && inSet(introVerbs, toks[k].Text) {
				found = e
				break
			}
		}
	}
	return found
}

// introVerbs tell that someone speaks, before what they said.
var introVerbs = map[string]bool{"spoke": true, "speaks": true, "told": true, "recalled": true, "explained": true,
	"described": true, "addressed": true, "remembered": true, "recounted": true, "testified": true, "said": true, "says": true}

// labelled reports whether a paragraph opens on a speaker's label, a word or
// two and a colon ("Q:", "MAYOR REYES:"): an interview's turn, whose "I" is
// the one answering.
func labelled(toks []text.Token) bool {
	for k := 0; k < len(toks) && k < 4; k++ {
		if toks[k].Text == ":" {
			return true
		}
	}
	// "Q. Did you …", "A. I told them …"
	return len(toks) > 2 && (toks[0].Text == "Q" || toks[0].Text == "A" || toks[0].Text == "Q." || toks[0].Text == "A.") &&
		(toks[1].Text == "." || strings.HasSuffix(toks[0].Text, "."))
}

// answers reports whether paragraph pi answers a question: the one before
// it ends on a question mark, as an interview's do.
func answers(ps []Paragraph, pi int) bool {
	if pi == 0 {
		return false
	}
	toks := ps[pi-1].Toks
	for k := len(toks) - 1; k >= 0; k-- {
		if !toks[k].IsQuote() {
			return toks[k].Text == "?"
		}
	}
	return false
}

// bylineAuthor returns the one person a byline names ("By Harriet Vale",
// "Harriet Vale, Staff Writer"): two to four capitalised words, the first a
// first name; nil for none, for several ("Ann Roe and Tom Hale"), or for an
// agency or a desk ("Associated Press", "Staff Reporter").
func bylineAuthor(byline string, ents []*ent) *ent {
	s := strings.TrimSpace(byline)
	for _, p := range []string{"By ", "by ", "BY "} {
		s = strings.TrimPrefix(s, p)
	}
	if i := strings.IndexAny(s, ",|/·•(–—"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	ws := strings.Fields(s)
	for len(ws) > 2 && isTitle(ws[0]) {
		ws = ws[1:] // "By Dr. Harriet Vale"
	}
	if len(ws) < 2 || len(ws) > 4 || firstNameGender(foldName(ws[0])) == "" {
		return nil
	}
	words := make([]string, len(ws))
	for i, w := range ws {
		if !capitalised(w) && !inSet(particles, w) || inSet(conjunctions, w) || inSetF(orgWords, orgWordsF, w) || isTitle(w) {
			return nil
		}
		words[i] = lower(w)
	}
	name := strings.Join(ws, " ")
	for _, e := range ents {
		if e.name == name && e.person() {
			return e // the byline's line in the text, or a mention
		}
	}
	return &ent{name: name, words: words, gender: firstNameGender(foldName(ws[0])), outside: true}
}

// speakerBits holds the values a quote's speaker points to.
type speakerBits struct {
	mention, name, entity string
	start, end            int
}

func (e *ent) addMention(m article.Mention) {
	k := [2]int{m.Start, m.End}
	// Few mentions are looked through; many, by a map.
	if e.seen == nil && len(e.mentions) < 16 {
		for _, x := range e.mentions {
			if x.Start == m.Start && x.End == m.End {
				return
			}
		}
		e.mentions = append(e.mentions, m)
		return
	}
	if e.seen == nil {
		e.seen = map[[2]int]bool{}
		for _, x := range e.mentions {
			e.seen[[2]int{x.Start, x.End}] = true
		}
	}
	if e.seen[k] {
		return
	}
	e.seen[k] = true
	e.mentions = append(e.mentions, m)
}

// titleCase reports a line of four words or more, nearly all of them capitalised,
// with no quotation mark and no full stop at its end: a heading, not a sentence.
func titleCase(toks []text.Token) bool {
	if n := len(toks); n == 0 || toks[n-1].Text == "." {
		return false
	}
	words, lower := 0, 0
	for i := range toks {
		if toks[i].IsQuote() {
			return false
		}
		if toks[i].Kind != text.Word {
			continue
		}
		words++
		if c := toks[i].Text[0]; 'a' <= c && c <= 'z' || c >= utf8.RuneSelf && !capitalised(toks[i].Text) {
			// Prose has many: stop as soon as there are too many for any length.
			if lower++; lower*5 > len(toks) {
				return false
			}
		}
	}
	return words >= 4 && lower*10 <= words*2
}

// shortWord reports whether a name has a word of four letters or fewer: in
// capitals, likely an acronym.
func shortWord(name string) bool {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if utf8.RuneCountInString(w) <= 4 {
			return true
		}
	}
	return false
}

// capitalise writes a name given in capitals as names are written: each word's
// first letter a capital, the rest small, and the letter after a one-letter
// prefix and an apostrophe, or after "Mc", a capital too ("O'BRIEN-WARD" →
// "O'Brien-Ward", "MCCAIN" → "McCain").
func capitalise(name string) string {
	rs := []rune(strings.ToLower(name))
	start := true
	from := 0 // where the word began
	for i, r := range rs {
		switch {
		case r == ' ' || r == '-':
			start = true
		case r == '\'' || r == '’':
			start = i == 1 || i >= 2 && (rs[i-2] == ' ' || rs[i-2] == '-')
		case start:
			rs[i] = unicode.ToUpper(r)
			start, from = false, i
		case i == from+2 && rs[from] == 'M' && rs[from+1] == 'c' && i+1 < len(rs) && rs[i+1] != ' ' && rs[i+1] != '-':
			rs[i] = unicode.ToUpper(r)
		}
	}
	return string(rs)
}

// genderOf returns a person's gender as the output names it: the one the
// person's titles or first name tell (sex), when the gendered pronouns that
// stand for them say no other; else the one they all say ("she said" and
// "her", no "he"). A singular "they" standing for the person, or pronouns
// that disagree, leave it unknown: a first name is a guess, and the article's
// own words overrule it.
func genderOf(e *ent) string {
	g := e.sex()
	said := ""
	for _, m := range e.mentions {
		var p string
		switch strings.ToLower(m.Text) {
		case "she", "her", "hers", "herself":
			p = "f"
		case "he", "him", "his", "himself":
			p = "m"
		case "they", "them", "their", "themself", "themselves":
			return ""
		default:
			continue
		}
		if said != "" && said != p {
			return ""
		}
		said = p
	}
	switch {
	case g == "":
		g = said
	case said != "" && said != g:
		return ""
	}
	switch g {
	case "f":
		return "female"
	case "m":
		return "male"
	}
	return ""
}
