package quote

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/text"
)

//go:embed model.bin
var builtinModel []byte

// Engine finds quotations. It is safe for concurrent use.
type Engine struct {
	m    *Model
	rows []qrow // m.packed()
	pool sync.Pool
	lex  words // what m says of words, for attribute
	// rawMargins: a quote's confidence is its margin itself (calibrate's use).
	rawMargins bool
}

// confidence is the confidence of a quote found with this margin.
func (e *Engine) confidence(margin float32) float64 {
	if e.rawMargins {
		return float64(margin)
	}
	return e.m.calib.confidence(margin)
}

// scratch is per-goroutine working memory, reused across articles.
type scratch struct {
	info []tokInfo
	sc   [][numTags]int32 // emission scores, for viterbiQ
	acc  []qsum
	back [][numTags]uint8
	tags []int
	wc   wordCache // the rows of the words seen lately
	// sents holds the sentence index of each token of an article; psent slices it
	// per paragraph.
	sents []int32
	psent [][]int32
	toks  []text.Token // the tokens of an article's paragraphs
	// The spans and reports of a paragraph.
	src, cue, con []tspan
	link          linkBuf
	found         []found   // the reports of an article
	runs          []nameRun // the names of an article
	// The lower-cased words of an article and its capitalised words within sentences,
	// for attribute; empty between articles.
	lc     lowerCache
	midCap map[string]bool
}

var (
	builtinOnce sync.Once
	builtin     *Model
	builtinErr  error
)

// New returns an engine with the built-in model (trained by `whosaid train`).
func New() *Engine {
	builtinOnce.Do(func() { builtin, builtinErr = LoadModel(builtinModel) })
	if builtinErr != nil {
		panic(fmt.Sprintf("quote: the built-in model is broken: %v", builtinErr))
	}
	return NewWithModel(builtin)
}

// NewWithModel returns an engine with the given model.
func NewWithModel(m *Model) *Engine {
	e := &Engine{m: m, rows: m.packed(), pool: sync.Pool{New: func() any { return &scratch{} }}}
	e.lex = words{common: m.isCommon, cue: m.isCue, people: m.isPeople}
	return e
}

// Annotate fills a.Quotes and a.Entities.
func (e *Engine) Annotate(a *article.Article) {
	blocks := make([][2]int, 0, len(a.Blocks))
	for _, b := range a.Blocks {
		blocks = append(blocks, [2]int{b.Start, b.End})
	}
	s := e.pool.Get().(*scratch)
	defer e.pool.Put(s)
	var ps []Paragraph
	if s.toks == nil {
		s.toks = make([]text.Token, 0, len(a.Text)/5+16)
	}
	ps, s.toks = splitParagraphsBuf(a.Title, a.Text, blocks, s.toks[:0])
	// The sentence index of every token, per paragraph, kept for attribute.
	total := 0
	for _, p := range ps {
		total += len(p.Toks)
	}
	if cap(s.sents) < total {
		s.sents = make([]int32, total)
	}
	s.psent = s.psent[:0]
	var out outBuf
	tr := transcriptLabels(ps, e.m.isCommon)
	lastLabel := "" // the last turn's label's last word, lower-cased
	// The blocks' kinds by paragraph: the title, when there is one, comes first.
	kindAt := func(pi int) string {
		if a.Title != "" {
			pi--
		}
		if pi < 0 || pi >= len(a.Blocks) {
			return ""
		}
		return a.Blocks[pi].Kind
	}
	// The cue and source that end the last paragraph on a colon, with no content:
	// the next paragraph's quote is theirs.
	var opener found
	opener.para = -1
	found := s.found[:0]
	off := 0
	for pi, p := range ps {
		n := len(p.Toks)
		sent := s.sents[off : off+n : off+n]
		off += n
		s.psent = append(s.psent, sent)
		if n == 0 {
			continue
		}
		tags := e.tagParagraph(s, p)
		info := s.info[:n]
		for i := range info {
			sent[i] = info[i].sent
		}
		s.src, s.cue, s.con = spansOf(tags, sent, s.src[:0], s.cue[:0], s.con[:0])
		reports := link(pi, p.Toks, info, s.src, s.cue, s.con, &s.link)
		if r, ok := dashAttribution(pi, p.Toks, info); ok {
			reports = []report{r}
		}
		// "Name: what they said" is one quote; the tagger, reading a Title-Case
		// line, is less sure of it than the convention.
		if p.Title {
			if r, ok := colonHeadline(pi, p.Toks, info, a.Text); ok {
				reports = []report{r}
			} else {
				reports = dropTopicColon(p.Toks, reports)
			}
		} else if tr.at != nil {
			if c := tr.at[pi]; c > 0 {
				reports = []report{speakerLabel(pi, p.Toks, info, c)}
				lastLabel = strings.ToLower(p.Toks[c-1].Text)
			} else if tr.exchange && lastLabel != "" && pi < tr.last && firstPerson(p.Toks, reports) && goesOn(p, kindAt(pi), lastLabel) {
				// A paragraph of prose between two turns, reporting nothing
				// itself or only what the speaker did ("We have talked to the
				// builders …"): the answer goes on.
				reports = []report{{para: pi, content: []tspan{{a: 0, b: n, sa: 0, sb: int(info[n-1].sent)}}, carried: true, label: true}}
			}
		}
		introduced := opener.para == pi-1
		opener.para = -1
		for _, r := range reports {
			if loneWord(p.Toks, r) {
				continue
			}
			f := makeFound(p, info, r, &out)
			if r.opens {
				// The headline's offsets count in the title, not in the text.
				if !p.Title {
					opener = f
				}
				continue
			}
			if r.carried && introduced && r.content[0].a <= 1 {
				// “Caddell continued:” and then the quote paragraph. With no
				// source there ("Continued:"), the quote keeps the speaker it
				// carries on.
				f.cue = opener.cue
				if opener.hasMent {
					f.carried = false
					f.hasMent = true
					f.mention, f.mStart, f.mEnd = opener.mention, opener.mStart, opener.mEnd
					f.srcA, f.srcB, f.srcPara = opener.srcA, opener.srcB, opener.srcPara
				}
				introduced = false
			}
			f.conf = e.confidence(e.margin(s.sc[:n], tags, r))
			if r.label {
				// The tagger's margin says nothing of a transcript's turns, and
				// the convention is plain. Like embedded quotes', this confidence
				// is set, not fitted: each of the few turns in PolNeAR dev is real.
				// (NaN tells calibrate's held-out annotation it is no sample.)
				f.conf = labelConfidence
				if e.rawMargins {
					f.conf = math.NaN()
				}
			}
			found = append(found, f)
		}
	}
	if s.lc == nil {
		s.lc = make(lowerCache, 64)
		s.midCap = make(map[string]bool, 64)
	} else if len(s.lc)+len(s.midCap) > 0 { // left by a panic
		clear(s.lc)
		clear(s.midCap)
	}
	found = dropEchoes(found)
	lex := e.lex
	lex.turns = tr.at
	a.Quotes, a.Entities, s.runs = attribute(a, ps, s.psent, found, s.runs[:0], s.lc, s.midCap, lex)
	// Nothing of this article is kept past it.
	clear(s.lc)
	clear(s.midCap)
	clear(s.runs)
	clear(found)
	s.found = found[:0]
}

// tagParagraph labels one paragraph; the tags and s.info are valid until the next call.
func (e *Engine) tagParagraph(s *scratch, p Paragraph) []int {
	n := len(p.Toks)
	if cap(s.info) < n {
		s.info = make([]tokInfo, n)
	}
	info := s.info[:n]
	e.m.prepare(p.Toks, info)
	return e.tagInfo(s, p.Toks, info)
}

// tagInfo labels tokens whose info is prepared. A token's base features are looked
// up once for both stages (those of single words from s.wc, which the paragraphs and
// articles of s share); the second stage then adds only its features of the first
// stage's tags.
func (e *Engine) tagInfo(s *scratch, toks []text.Token, info []tokInfo) []int {
	n := len(toks)
	if cap(s.tags) < n {
		s.tags = make([]int, n)
	}
	tags := s.tags[:n]
	if cap(s.sc) < n {
		s.sc = make([][numTags]int32, n)
	}
	sc := s.sc[:n]
	s.back = growB(s.back, n)
	m, m2 := e.m, e.m.second
	d := m.dir
	if cap(s.acc) < n {
		s.acc = make([]qsum, n)
	}
	acc := s.acc[:n] // the sums of the base features, their second stage's kept for it
	d.wordSums(&s.wc, info, acc)
	for i := range toks {
		q := d.restSum(acc[i], toks, info, i)
		sc[i] = scoresOf(q.a0, q.a1)
		acc[i] = q
	}
	viterbiQ(&m.qtrans[0], sc, tags, s.back)
	if m2 == nil {
		return tags
	}
	for i := range info {
		info[i].p1 = uint8(tags[i])
	}
	prepareStacked(info)
	for i := range toks {
		q := d.stackedSum(qsum{b0: acc[i].b0, b1: acc[i].b1}, toks, info, i)
		sc[i] = scoresOf(q.b0, q.b1)
	}
	viterbiQ(&m.qtrans[1], sc, tags, s.back)
	return tags
}

// labelConfidence is the confidence of a transcript's turn.
const labelConfidence = 0.9

// scoresOf turns the lane sums of a token's rows into its tag scores for viterbiQ,
// O's being 0.
func scoresOf(x, y uint64) [numTags]int32 {
	l1, l2, l3 := unpack3(x)
	l4, l5, l6 := unpack3(y)
	const k = subQuantaBits
	return [numTags]int32{0, int32(l1 << k), int32(l2 << k), int32(l3 << k), int32(l4 << k), int32(l5 << k), int32(l6 << k)}
}

// found is a report with its strings and article offsets.
type found struct {
	kind    string
	content string
	spans   []article.Span
	cue     *article.Cue
	mention string
	mStart  int
	mEnd    int
	carried bool
	para    int
	hasMent bool
	srcA    int
	srcB    int
	srcPara int // the paragraph of srcA and srcB (para, or the one before it), when hasMent
	title   bool
	label   bool    // a transcript's turn, its source a label
	conf    float64 // the confidence the quote gets
}

// toClosingMark widens a direct quote's piece that stops a word or three short
// of its closing quotation mark ("We cannot lose another | summer”") to it.
func toClosingMark(toks []text.Token, info []tokInfo, c tspan) tspan {
	end, words := c.b, 0 // after the last word passed, and how many
	for b := c.b; b < len(toks) && info[b].inQ; b++ {
		switch t := toks[b]; {
		case t.Kind == text.CloseQuote || t.Kind == text.AmbigQuote:
			c.b = end // the words, not the marks after them (",”")
			return c
		case t.IsQuote():
			return c
		case t.Kind == text.Word || t.Kind == text.Number:
			if words++; words > 3 {
				return c
			}
			end = b + 1
		}
	}
	return c
}

// dropEchoes removes the quotes that only say again, with no cue, the words (four
// or more: "No." may well be said twice) of another the article attributes: a
// pull quote set apart in the page ("We have no other choice" after “We have no
// other choice,” Mr Lewis said).
func dropEchoes(fs []found) []found {
	bare := false
	for i := range fs {
		bare = bare || fs[i].cue == nil && fs[i].carried && !fs[i].label
	}
	if !bare {
		return fs
	}
	said := make(map[string]bool)
	for i := range fs {
		if fs[i].cue != nil {
			said[echoKey(fs[i].content)] = true
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.cue == nil && f.carried && !f.label && len(strings.Fields(f.content)) >= 4 && said[echoKey(f.content)] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// echoKey is a quote's words as dropEchoes compares them: letters and digits,
// in lower case.
func echoKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// outBuf holds the spans and cues of an article's quotes, a few allocations for them all.
type outBuf struct {
	spans []article.Span
	cues  []article.Cue
}

// whWords open questions and explainers' headlines, and are no report alone.
var whWords = map[string]bool{"what": true, "why": true, "how": true, "who": true, "when": true, "where": true,
	"which": true}

// loneWord reports a report outside quotation marks whose content is one
// word in lower case or one number ("there", "criticism", "12"): a piece of a
// sentence the tagger cut wrongly, not something anyone said. A word in quotation marks
// ("“Never,” she said") or a name may be, but not a question's word ("What
// we know about …").
func loneWord(toks []text.Token, r report) bool {
	if r.label || r.headline || r.opens || len(r.content) != 1 {
		return false
	}
	c := r.content[0]
	words := 0
	for k := c.a; k < c.b; k++ {
		switch t := toks[k]; {
		case t.IsQuote():
			return false
		case t.Kind == text.Word && capitalised(t.Text) && (inCapitals(t.Text) || !inSet(whWords, t.Text)):
			return false // (but "What we know about …" reports no "What")
		case t.Kind == text.Word || t.Kind == text.Number:
			words++
		}
	}
	return words == 1
}

func makeFound(p Paragraph, info []tokInfo, r report, out *outBuf) found {
	f := found{para: r.para, carried: r.carried, title: p.Title, label: r.label}
	f.kind = kindOf(p.Toks, info, r.content)
	if r.label || r.headline {
		f.kind = article.Direct // a transcript, or "Name: words", gives the words as said
	}
	var buf [4]string
	parts := buf[:0]
	k0 := len(out.spans)
	for k, c := range r.content {
		if f.kind != article.Direct && c.b-c.a > 1 && strings.EqualFold(p.Toks[c.a].Text, "that") && len(parts) == 0 {
			c.a++ // the complementiser is not part of what was said
		}
		if f.kind == article.Direct {
			c = toClosingMark(p.Toks, info, c)
		}
		if k+1 < len(r.content) && c.b < len(p.Toks) && p.Toks[c.b].Kind == text.Punct && strings.Contains(",.?!;:…", p.Toks[c.b].Text) {
			// A piece of a split quote keeps the mark that ends it ("… the
			// market," she said. "We are …"), so that the pieces read apart.
			c.b++
		}
		if f.kind == article.Mixed {
			c = balanceMarks(p.Toks, c)
		}
		s, a, b := spanText(p.Text, p.Toks, c, f.kind == article.Direct)
		if s == "" {
			continue
		}
		if k+1 < len(r.content) && strings.HasSuffix(s, ",") && sentenceEndsBetween(p.Toks, info, c.b, r.content[k+1].a) {
			// "… in it," Okafor said. "Every dollar …": the pieces are two
			// sentences, read "… in it. Every dollar …".
			s = s[:len(s)-1] + "."
		}
		parts = append(parts, s)
		if !p.Title {
			if out.spans == nil {
				out.spans = make([]article.Span, 0, 64)
			}
			out.spans = append(out.spans, article.Span{Start: p.Offset + a, End: p.Offset + b})
		}
	}
	// The spans are one run of out.spans, even if it grew on the way (append copies the
	// run); capped, so that no later append of anyone's writes over the next quote's.
	if k1 := len(out.spans); k1 > k0 {
		f.spans = out.spans[k0:k1:k1]
	}
	f.content = joinParts(parts)
	if r.cue != nil {
		s, a, b := spanText(p.Text, p.Toks, *r.cue, false)
		if out.cues == nil {
			out.cues = make([]article.Cue, 0, 32)
		}
		out.cues = append(out.cues, article.Cue{Text: s, Start: p.Offset + a, End: p.Offset + b})
		f.cue = &out.cues[len(out.cues)-1]
	}
	if r.src != nil {
		*r.src = growName(p.Toks, trimPunct(p.Toks, *r.src))
		s, a, b := spanText(p.Text, p.Toks, *r.src, false)
		f.mention, f.mStart, f.mEnd, f.hasMent = s, p.Offset+a, p.Offset+b, true
		f.srcA, f.srcB, f.srcPara = r.src.a, r.src.b, r.para
	}
	return f
}

// balanceMarks takes in the closing mark of a quoted fragment that a mixed quote's
// span cuts ("would “change how the town moves" → "… moves”").
func balanceMarks(toks []text.Token, c tspan) tspan {
	open := 0
	for i := c.a; i < c.b; i++ {
		switch toks[i].Kind {
		case text.OpenQuote:
			open++
		case text.CloseQuote:
			if open > 0 {
				open--
			}
		}
	}
	for open > 0 && c.b < len(toks) && !toks[c.b].SpaceBefore && (toks[c.b].Kind == text.CloseQuote || toks[c.b].Kind == text.Punct) {
		if toks[c.b].Kind == text.CloseQuote {
			open--
		}
		c.b++
	}
	return c
}

// trimPunct drops the punctuation at the edges of a span ("Leila Mansour," → "Leila Mansour").
func trimPunct(toks []text.Token, s tspan) tspan {
	for s.b-s.a > 1 && toks[s.b-1].Kind == text.Punct && toks[s.b-1].Text != ")" {
		s.b--
	}
	for s.b-s.a > 1 && toks[s.a].Kind == text.Punct {
		s.a++
	}
	// A bracket stays closed: "Sen. Jane Roe (D-Ore.)", not "(D-Ore".
	open := 0
	for i := s.a; i < s.b; i++ {
		switch toks[i].Text {
		case "(":
			open++
		case ")":
			open--
		}
	}
	switch {
	case open > 0 && s.b < len(toks) && toks[s.b].Text == ")":
		s.b++
	case open < 0 && toks[s.b-1].Text == ")" && s.b-s.a > 1:
		s.b--
	}
	return s
}

// growName widens a source span that cuts a name ("Reyes" of "Tomas Reyes") to the
// whole run of capitalised words.
func growName(toks []text.Token, s tspan) tspan {
	isName := func(i int) bool {
		return i >= 0 && i < len(toks) && toks[i].Kind == text.Word && capitalised(toks[i].Text) && !inSet(notNames, toks[i].Text)
	}
	// "Patients’ groups warned": the plural possessive is the group's.
	if a := s.a; a >= 2 && s.b-a == 1 && inSet(groupHeads, toks[a].Text) && (toks[a-1].Text == "’" || toks[a-1].Text == "'") &&
		toks[a-1].BStart == toks[a-2].BEnd && toks[a-2].Kind == text.Word && strings.HasSuffix(toks[a-2].Text, "s") {
		s.a -= 2
		return s
	}
	if !isName(s.a) && !isName(s.b-1) {
		return s
	}
	for k := 0; k < 4 && isName(s.a) && isName(s.a-1); k++ {
		s.a--
	}
	for k := 0; k < 4 && isName(s.b-1) && isName(s.b) && !strings.HasSuffix(toks[s.b-1].Text, "s"); k++ {
		s.b++
	}
	return s
}

// groupHeads are the nouns a plural possessive may open as the name of a
// group: "patients’ groups", "parents' representatives".
var groupHeads = map[string]bool{"groups": true, "representatives": true, "leaders": true, "organisations": true,
	"organizations": true, "associations": true, "campaigners": true, "advocates": true}

// sentenceEndsBetween reports a full stop outside quotation marks among tokens
// [a, b) ("Okafor said."), with the next piece opening on a capital.
func sentenceEndsBetween(toks []text.Token, info []tokInfo, a, b int) bool {
	if b >= len(toks) || b <= a {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(toks[b].Text); !unicode.IsUpper(r) {
		return false
	}
	for i := a; i < b; i++ {
		if t := toks[i].Text; !info[i].inQ && (t == "." || t == "!" || t == "?") {
			return true
		}
	}
	return false
}

func joinParts(ps []string) string {
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return ps[0]
	}
	return strings.Join(ps, " ")
}
