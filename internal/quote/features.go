package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/text"
)

// Tags of the sequence labeller: each token is at most one role of one report
// (PolNeAR's "univocal" formulation), with B- starting a span.
const (
	tagO = iota
	tagBSrc
	tagISrc
	tagBCue
	tagICue
	tagBCon
	tagICon
	numTags
)

var tagNames = [numTags]string{"O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"}

// role returns the role of a tag (0 none, 1 source, 2 cue, 3 content).
func role(t int) int { return (t + 1) / 2 }

// allowed reports whether tag b may follow tag a: an I- tag continues its own role.
func allowed(a, b int) bool {
	if b == tagISrc || b == tagICue || b == tagICon {
		return role(a) == role(b) && a != tagO
	}
	return true
}

// Feature templates; each feature is a 64-bit hash of its template and value.
const (
	fBias = iota + 1
	fW
	fWm1
	fWp1
	fWm2
	fWp2
	fWm1W
	fWWp1
	fShape
	fShapeM1
	fShapeP1
	fShapes3
	fSuf3
	fPre3
	fInQuote
	fQuoteTok
	fSentPos
	fSentFirst
	fLex
	fLexM1
	fLexP1
	fLexM2
	fLexP2
	fCueLeft
	fCueRight
	fCueLeftDist
	fCueRightDist
	fCueBoth
	fCommaRight
	fQuoteInSent
	fParaFirstSent
	fLexWInQuote
	fNamePos
	fPronoun
	fQuoteLeftDist
	fQuoteRightDist
	fLowerCue
	fWLex
)

// scanWindow bounds how far the features look for a cue or a quotation mark, so that
// the work per token is constant however long a sentence is.
const scanWindow = 48

// mix is a fast 64-bit hash step (splitmix64 finaliser).
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

func feat(tpl int, v uint64) uint64 { return mix(v*0x9e3779b97f4a7c15 + uint64(tpl)) }

// hashString is FNV-1a over the lower-cased string, folding curly apostrophes.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	// ASCII bytes first, as most words are nothing else.
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	for _, r := range s[i:] {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			if r == '’' || r == 'ʼ' {
				r = '\''
			} else {
				r = unicode.ToLower(r)
			}
		}
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

// shape classes.
const (
	shLower = iota + 1
	shCap
	shUpper
	shNum
	shPunct
	shOpenQ
	shCloseQ
	shMixed
)

func shapeOf(t *text.Token) uint64 {
	switch t.Kind {
	case text.Number:
		return shNum
	case text.Punct:
		return shPunct + uint64(hashString(t.Text)&0xff)<<8
	case text.OpenQuote:
		return shOpenQ
	case text.CloseQuote:
		return shCloseQ
	case text.AmbigQuote:
		return shOpenQ
	}
	if c := t.Text[0]; c < utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z':
			return shLower
		case 'A' <= c && c <= 'Z':
			if len(t.Text) > 1 && isUpperCase(t.Text) {
				return shUpper
			}
			return shCap
		}
		return shMixed
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	if unicode.IsUpper(r) {
		if len(t.Text) > 1 && isUpperCase(t.Text) {
			return shUpper
		}
		return shCap
	}
	if unicode.IsLower(r) {
		return shLower
	}
	return shMixed
}

// isUpperCase reports strings.ToUpper(s) == s without building the upper-case string:
// no rune changes, and no invalid byte (which ToUpper would replace).
func isUpperCase(s string) bool {
	for i, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				return false
			}
			continue
		}
		if r == utf8.RuneError {
			if _, sz := utf8.DecodeRuneInString(s[i:]); sz == 1 {
				return false
			}
		}
		if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// tokInfo is what the features need to know of one token, computed once.
type tokInfo struct {
	w      uint64 // hash of the lower-cased word
	shape  uint64
	suf3   uint64
	pre3   uint64
	lex    uint8 // cue-lexicon class of the word (0 none … 3 strong)
	sent   int32 // sentence index within the paragraph
	inQ    bool  // inside quotation marks (before this token)
	pron   bool
	isComa bool
	p1     uint8 // the first stage's tag, for the second stage

	// What the features would find by scanning the sentence from this token, at most
	// scanWindow tokens away (-1: nothing), found by prepare in linear passes.
	cueL, cueR int32 // the nearest likely cue (lexicon class ≥ 2) on each side
	qL, qR     int32 // the nearest quotation mark on each side
	commaR     uint8 // commas after the token up to the right cue (or the scan's end), at most 3
	nc         int32 // commas up to and including this token, for commaR

	// The same for the second stage, of the first stage's tags, found by prepareStacked.
	cueL2, cueR2 int32 // the nearest cue-tagged token on each side
	srcL, srcR   bool  // a source-tagged token between the token and that cue (or the scan's end)
	paraCue      uint8 // a cue-tagged token within 4 windows before (1) or at or after (2)
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "it": true, "you": true, "who": true}

// pronMask holds, for the word hashes of the pronouns, bit h>>58 in [0] and bit h&63
// in [1]: a word whose hash misses either is not a pronoun. (lower keeps a pronoun's
// runes as hashString lower-cases them, so a pronoun's hash is that of its key.)
var pronMask = func() (m [2]uint64) {
	for w := range pronouns {
		h := hashString(w)
		m[0] |= 1 << (h >> 58)
		m[1] |= 1 << (h & 63)
	}
	return m
}()

// isPronoun is inSet(pronouns, w), without a map lookup for ASCII words (nearly all).
func isPronoun(w string) bool {
	if len(w) > 4 {
		// Lower-casing keeps the number of runes, and a pronoun has at most 4.
		if len(w) > 4*utf8.UTFMax || ascii(w) {
			return false
		}
		return inSet(pronouns, w)
	}
	var b [4]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return inSet(pronouns, w)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	switch string(b[:len(w)]) {
	case "he", "she", "they", "i", "we", "it", "you", "who":
		return true
	}
	return false
}

func bucket(d int) uint64 {
	switch {
	case d <= 0:
		return 0
	case d == 1:
		return 1
	case d == 2:
		return 2
	case d <= 4:
		return 3
	case d <= 8:
		return 4
	case d <= 16:
		return 5
	case d <= 32:
		return 6
	}
	return 7
}

// prepare computes per-token information for a paragraph's tokens.
func (m *Model) prepare(toks []text.Token, info []tokInfo) {
	var buf [64]int
	starts := text.AppendSentences(buf[:0], toks)
	si := 0
	depth := 0
	nc := int32(0)
	start, lastCue, lastQ := 0, -1, -1 // the sentence's first token, the last cue and mark
	lt := &m.lexT
	marks := newQuoteDepth(toks)
	for i := range toks {
		t := &toks[i] // not a copy of the token
		for si+1 < len(starts) && starts[si+1] <= i {
			si++
		}
		in := &info[i]
		*in = tokInfo{sent: int32(si)}
		if i > 0 && info[i-1].sent != in.sent {
			start = i
		}
		in.shape = shapeOf(t)
		if t.Kind == text.Word {
			in.w, in.suf3, in.pre3 = wordHashes(t.Text)
			// isPronoun, but for the few words whose hash pronMask lets pass, not at all.
			in.pron = (pronMask[0]>>(in.w>>58))&(pronMask[1]>>(in.w&63))&1 != 0 && isPronoun(t.Text)
		} else {
			in.w = hashString(t.Text)
		}
		// The lexicon class: from the table packed makes, or before it (in training)
		// from the map.
		if lt.keys != nil {
			in.lex = lt.get(in.w)
		} else {
			in.lex = m.lex[in.w]
		}
		in.isComa = t.Text == ","
		if in.isComa {
			nc++
		}
		in.nc = nc
		in.inQ = depth > 0
		depth = marks.step(i, t)
		in.cueL, in.qL = nearLeft(lastCue, start, i), nearLeft(lastQ, start, i)
		if in.lex >= 2 {
			lastCue = i
		}
		if t.IsQuote() {
			lastQ = i
		}
	}
	end, nextCue, nextQ := len(toks)-1, -1, -1 // the sentence's last token, the next cue and mark
	for i := len(toks) - 1; i >= 0; i-- {
		in := &info[i]
		if i+1 < len(toks) && info[i+1].sent != in.sent {
			end = i
		}
		in.cueR, in.qR = nearRight(nextCue, end, i), nearRight(nextQ, end, i)
		r := int(in.cueR) // commas are counted up to the cue, or to the end of the scan
		if r < 0 {
			r = min(end, i+scanWindow)
		}
		in.commaR = uint8(min(info[r].nc-in.nc, 3))
		if in.lex >= 2 {
			nextCue = i
		}
		if toks[i].IsQuote() {
			nextQ = i
		}
	}
}

// maxSingle bounds how far (in tokens) a quotation in single marks may run.
const maxSingle = 150

// quoteDepth follows the depth of quotation (0 or 1) through a paragraph's
// tokens as the tagger reads it: double marks and guillemets, and the single
// marks that pair (UK style: ‘…,’ she said).
type quoteDepth struct {
	singles []int32
	d       int
}

func newQuoteDepth(toks []text.Token) quoteDepth { return quoteDepth{singles: pairedSingles(toks)} }

// step returns the depth after token i, t.
func (q *quoteDepth) step(i int, t *text.Token) int {
	if len(q.singles) > 0 && q.singles[0] == int32(i) {
		q.singles = q.singles[1:]
		q.d = 0
		if t.Kind == text.OpenQuote {
			q.d = 1
		}
		return q.d
	}
	q.d = markDepth(q.d, *t)
	return q.d
}

// pairedSingles returns the indexes of the single marks (‘ ’ ') of a paragraph
// that are quotation marks, in order: outside double marks, an opening one
// before a letter ("the ‘90s" has none), and the closing one after it that
// follows punctuation ("‘This is wrong,’ she said"), else the first after it
// ("a ‘deeply worried’ union"), but not a plural's apostrophe ("their
// parents’ floors"); an opening one that starts the paragraph and finds no
// close, alone (the quotation runs on to the next paragraph). Marks that pair
// with none are apostrophes, as markDepth takes all single marks to be. Nil
// when there is no pair.
func pairedSingles(toks []text.Token) []int32 {
	found := false // most paragraphs have no single mark standing alone
	for i := range toks {
		if t := &toks[i]; t.IsQuote() && (t.Text == "‘" || t.Text == "’" || t.Text == "'") {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	var out []int32
	open, weak := -1, -1 // the pending opening mark, and the first plain closing one after it
	depth := 0
	done := func() {
		switch {
		case open >= 0 && weak >= 0:
			out = append(out, int32(open), int32(weak))
		case open == 0:
			// A paragraph opening a quotation it does not close: it runs on
			// into the next (‘They are sleeping in cars. … / ‘And the …’).
			out = append(out, 0)
		}
		open, weak = -1, -1
	}
	for i := range toks {
		t := &toks[i]
		single := t.Text == "‘" || t.Text == "’" || t.Text == "'"
		switch {
		case !single:
			if open < 0 {
				depth = markDepth(depth, *t)
			} else if i-open > maxSingle {
				done()
			}
		case t.Kind == text.OpenQuote:
			if depth == 0 && i+1 < len(toks) && toks[i+1].Kind == text.Word && !toks[i+1].SpaceBefore && unicode.IsLetter(firstRuneOf(toks[i+1].Text)) {
				done()
				open = i
			}
		case t.Kind == text.CloseQuote && open >= 0:
			if p := toks[i-1]; p.Kind == text.Punct && strings.ContainsAny(p.Text, ",.!?;:…—") {
				weak = i
				done()
			} else if weak < 0 && !pluralPossessive(toks, i) {
				weak = i
			}
		}
	}
	done()
	return out
}

// pluralPossessive reports whether the mark at toks[i] is the apostrophe of a
// plural's possessive ("their parents’ floors"): after a word in -s, before a
// word in lower case that follows no closing mark (closeFollowers).
func pluralPossessive(toks []text.Token, i int) bool {
	if i == 0 || i+1 >= len(toks) {
		return false
	}
	p, n := toks[i-1], toks[i+1]
	return p.Kind == text.Word && !toks[i].SpaceBefore && strings.HasSuffix(p.Text, "s") &&
		n.Kind == text.Word && n.SpaceBefore && unicode.IsLower(firstRuneOf(n.Text)) && !closeFollowers[n.Text]
}

// closeFollowers are words that follow a closing mark, and no plural's
// apostrophe: "‘a waste of taxes’ and walked out", "‘answers’ was the message".
var closeFollowers = map[string]bool{"and": true, "or": true, "but": true, "to": true, "in": true, "on": true, "at": true,
	"for": true, "with": true, "from": true, "by": true, "as": true, "was": true, "were": true, "is": true, "are": true,
	"that": true, "which": true, "who": true, "would": true, "will": true, "had": true, "has": true, "have": true,
	"of": true, "about": true, "after": true, "before": true, "when": true, "while": true, "if": true, "than": true}

func firstRuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// nearLeft returns j, the last token before i of some kind, when a scan back from i
// within its sentence (which starts at start) and scanWindow would reach it; else -1.
func nearLeft(j, start, i int) int32 {
	if j >= start && i-j <= scanWindow {
		return int32(j)
	}
	return -1
}

// nearRight returns j, the first token after i of some kind, when a scan forward from
// i within its sentence (which ends at end) and scanWindow would reach it; else -1.
func nearRight(j, end, i int) int32 {
	if j >= 0 && j <= end && j-i <= scanWindow {
		return int32(j)
	}
	return -1
}

// wordAt is the word hash of token j, with stand-ins before and after the text.
func wordAt(info []tokInfo, j int) uint64 {
	switch {
	case j < 0:
		return 1
	case j >= len(info):
		return 2
	}
	return info[j].w
}

// lexClassAt is the cue-lexicon class of token j, 9 outside the text.
func lexClassAt(info []tokInfo, j int) uint64 {
	if j < 0 || j >= len(info) {
		return 9
	}
	return uint64(info[j].lex)
}

// features appends the feature hashes of token i to fs.
func features(fs []uint64, toks []text.Token, info []tokInfo, i int) []uint64 {
	n := len(toks)
	in := &info[i]
	word := func(j int) uint64 { return wordAt(info, j) }
	lexAt := func(j int) uint64 { return lexClassAt(info, j) }
	fs = append(fs,
		feat(fBias, 0),
		feat(fW, in.w),
		feat(fWm1, word(i-1)),
		feat(fWp1, word(i+1)),
		feat(fWm2, word(i-2)),
		feat(fWp2, word(i+2)),
		feat(fWm1W, word(i-1)*31+in.w),
		feat(fWWp1, in.w*31+word(i+1)),
		feat(fShape, in.shape),
	)
	var shm1, shp1 uint64 = 11, 12
	if i > 0 {
		shm1 = info[i-1].shape
	}
	if i+1 < n {
		shp1 = info[i+1].shape
	}
	fs = append(fs, feat(fShapeM1, shm1), feat(fShapeP1, shp1), feat(fShapes3, (shm1*131+in.shape)*131+shp1))
	if in.suf3 != 0 {
		fs = append(fs, feat(fSuf3, in.suf3), feat(fPre3, in.pre3))
	}
	inq := uint64(0)
	if in.inQ {
		inq = 1
	}
	fs = append(fs, feat(fInQuote, inq))
	if toks[i].IsQuote() {
		fs = append(fs, feat(fQuoteTok, uint64(toks[i].Kind)))
	}
	// Sentence geometry.
	s := in.sent
	first := i == 0 || info[i-1].sent != s
	last := i == n-1 || info[i+1].sent != s
	var fl uint64
	if first {
		fl |= 1
	}
	if last {
		fl |= 2
	}
	if s == 0 {
		fl |= 4
	}
	fs = append(fs, feat(fSentFirst, fl))
	fs = append(fs, feat(fLex, lexAt(i)), feat(fLexM1, lexAt(i-1)), feat(fLexP1, lexAt(i+1)),
		feat(fLexM2, lexAt(i-2)), feat(fLexP2, lexAt(i+2)), feat(fWLex, in.w*7+lexAt(i+1)))
	// The nearest likely cue on each side within the sentence, and the commas and
	// quotation marks between: what makes a token content or source.
	left, right := int(in.cueL), int(in.cueR)
	quoteL, quoteR := int(in.qL), int(in.qR)
	commaR := int(in.commaR)
	var ld, rd uint64 = 15, 15
	if left >= 0 {
		ld = bucket(i - left)
		fs = append(fs, feat(fCueLeft, uint64(info[left].lex)*16+ld), feat(fLowerCue, info[left].w))
	}
	if right >= 0 {
		rd = bucket(right - i)
		fs = append(fs, feat(fCueRight, uint64(info[right].lex)*16+rd), feat(fCueRightDist, info[right].w*8+uint64(min(commaR, 3))))
	}
	fs = append(fs, feat(fCueBoth, ld*16+rd), feat(fCueLeftDist, ld*64+rd*4+inq*2))
	var ql, qr uint64 = 15, 15
	if quoteL >= 0 {
		ql = bucket(i-quoteL) + 16*uint64(toks[quoteL].Kind)
	}
	if quoteR >= 0 {
		qr = bucket(quoteR-i) + 16*uint64(toks[quoteR].Kind)
	}
	fs = append(fs, feat(fQuoteLeftDist, ql), feat(fQuoteRightDist, qr), feat(fCommaRight, uint64(min(commaR, 3))*16+rd))
	if in.pron {
		fs = append(fs, feat(fPronoun, lexAt(i+1)*16+lexAt(i-1)))
	}
	return fs
}

// Templates of the second stage, which sees the first stage's tags.
const (
	sTag = iota + 100
	sTagM1
	sTagP1
	sTagM2
	sTagP2
	sTag3
	sTagW
	sCueL
	sCueR
	sCueLW
	sCueRW
	sSrcBetween
	sParaCue
	sConEdge
)

// prepareStacked finds, in linear passes over the first stage's tags (info[i].p1),
// what stacked would find by scanning around each token: the nearest cue-tagged
// token on each side within the sentence and scanWindow, whether a source-tagged
// token stands before it, and failing those any cue within four windows.
func prepareStacked(info []tokInfo) {
	n := len(info)
	isCue := func(j int) bool { return role(int(info[j].p1)) == 2 }
	isSrc := func(j int) bool { return role(int(info[j].p1)) == 1 }
	start, lastCue, lastSrc := 0, -1, -1
	for i := range n {
		in := &info[i]
		if i > 0 && info[i-1].sent != in.sent {
			start = i
		}
		in.cueL2 = nearLeft(lastCue, start, i)
		lo := int(in.cueL2) + 1 // where the scan back stops
		if in.cueL2 < 0 {
			lo = max(start, i-scanWindow)
		}
		in.srcL = lastSrc >= lo
		in.paraCue = 0
		if lastCue >= 0 && lastCue >= i-4*scanWindow {
			in.paraCue |= 1
		}
		if isCue(i) {
			lastCue = i
		}
		if isSrc(i) {
			lastSrc = i
		}
	}
	end, nextCue, nextSrc := n-1, -1, -1
	for i := n - 1; i >= 0; i-- {
		in := &info[i]
		if i+1 < n && info[i+1].sent != in.sent {
			end = i
		}
		in.cueR2 = nearRight(nextCue, end, i)
		hi := int(in.cueR2) - 1 // where the scan forward stops
		if in.cueR2 < 0 {
			hi = min(end, i+scanWindow)
		}
		in.srcR = nextSrc >= 0 && nextSrc <= hi
		if isCue(i) {
			nextCue = i
		}
		if nextCue >= 0 && nextCue < i+4*scanWindow {
			in.paraCue |= 2
		}
		if isSrc(i) {
			nextSrc = i
		}
	}
}

// firstTagAt is the first stage's tag of token j, 15 outside the text.
func firstTagAt(info []tokInfo, j int) uint64 {
	if j < 0 || j >= len(info) {
		return 15
	}
	return uint64(info[j].p1)
}

// stacked appends the second stage's features of token i: the first stage's tags
// around it and where its cues and sources stand. info must have been through
// prepareStacked since its p1 tags were set.
func stacked(fs []uint64, toks []text.Token, info []tokInfo, i int) []uint64 {
	n := len(toks)
	tag := func(j int) uint64 { return firstTagAt(info, j) }
	in := &info[i]
	fs = append(fs,
		feat(sTag, tag(i)),
		feat(sTagM1, tag(i-1)*16+tag(i)),
		feat(sTagP1, tag(i)*16+tag(i+1)),
		feat(sTagM2, tag(i-2)),
		feat(sTagP2, tag(i+2)),
		feat(sTag3, (tag(i-1)*16+tag(i))*16+tag(i+1)),
		feat(sTagW, in.w*16+tag(i)),
	)
	left, right := int(in.cueL2), int(in.cueR2)
	srcL, srcR := in.srcL, in.srcR
	b2 := func(b bool) uint64 {
		if b {
			return 1
		}
		return 0
	}
	var ld, rd uint64 = 15, 15
	if left >= 0 {
		ld = bucket(i - left)
		fs = append(fs, feat(sCueLW, info[left].w*16+ld))
	}
	if right >= 0 {
		rd = bucket(right - i)
		fs = append(fs, feat(sCueRW, info[right].w*16+rd))
	}
	fs = append(fs, feat(sCueL, ld*16+rd), feat(sSrcBetween, ((ld*16+rd)*2+b2(srcL))*2+b2(srcR)), feat(sCueR, (ld*16+rd)*16+tag(i)))
	// Any cue in the paragraph, when none in the sentence.
	if left < 0 && right < 0 {
		d := uint64(in.paraCue)
		fs = append(fs, feat(sParaCue, d*2+b2(in.inQ)))
	}
	edge := uint64(0)
	if role(int(tag(i))) == 3 {
		if i == 0 || role(int(info[i-1].p1)) != 3 {
			edge |= 1
		}
		if i == n-1 || role(int(info[i+1].p1)) != 3 {
			edge |= 2
		}
	}
	fs = append(fs, feat(sConEdge, edge*64+in.shape&63))
	return fs
}

// lowerByte lower-cases the ASCII capitals, and leaves every other byte alone.
var lowerByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// wordHashes returns hashString(w) and affixes(w), for an ASCII word in one pass
// without a branch a byte.
func wordHashes(w string) (h, suf, pre uint64) {
	const prime = 1099511628211
	h = 14695981039346656037
	var or byte // all the bytes ORed: ASCII when below utf8.RuneSelf
	n := min(len(w), 3)
	for i := 0; i < n; i++ {
		c := w[i]
		or |= c
		h = (h ^ uint64(lowerByte[c])) * prime
	}
	pre = h // the hash of the first three letters
	for i := n; i < len(w); i++ {
		c := w[i]
		or |= c
		h = (h ^ uint64(lowerByte[c])) * prime
	}
	if or >= utf8.RuneSelf {
		suf, pre = affixes(w)
		return hashString(w), suf, pre
	}
	if len(w) <= 3 {
		return h, 0, 0
	}
	suf = 14695981039346656037 // hashString of the last three letters
	for _, c := range []byte(w[len(w)-3:]) {
		suf = (suf ^ uint64(lowerByte[c])) * prime
	}
	return h, suf, pre
}

// affixes hashes a word's last and first three letters (lower-cased), for words of
// more than three letters; it allocates nothing.
func affixes(w string) (suf, pre uint64) {
	if ascii(w) {
		if len(w) <= 3 {
			return 0, 0
		}
		return hashString(w[len(w)-3:]), hashString(w[:3])
	}
	if utf8.RuneCountInString(w) <= 3 {
		return 0, 0
	}
	e := len(w)
	for k := 0; k < 3; k++ {
		_, sz := utf8.DecodeLastRuneInString(w[:e])
		e -= sz
	}
	b := 0
	for k := 0; k < 3; k++ {
		_, sz := utf8.DecodeRuneInString(w[b:])
		b += sz
	}
	return hashString(w[e:]), hashString(w[:b])
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
