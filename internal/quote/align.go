package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/text"
)

// GoldQuote is one annotated report, as strings (gold files carry no offsets).
type GoldQuote struct {
	Content, Mention, Cue string
}

// Paragraph is one block of an article, tokenized.
type Paragraph struct {
	Offset int  // code-point offset of the block in the article text
	Title  bool // the headline, which is not part of the text
	Text   string
	Toks   []text.Token
}

// splitParagraphs tokenizes each block of an article text.
func splitParagraphs(title, txt string, blocks [][2]int) []Paragraph {
	ps, _ := splitParagraphsBuf(title, txt, blocks, nil)
	return ps
}

// splitParagraphsBuf is splitParagraphs with the tokens in buf, reused (buf == nil:
// a slice per paragraph); it returns the buffer for the next article.
func splitParagraphsBuf(title, txt string, blocks [][2]int, buf []text.Token) ([]Paragraph, []text.Token) {
	tokenize := func(s string) []text.Token {
		if buf == nil {
			return text.Tokenize(s)
		}
		n := len(buf)
		buf = text.AppendTokens(buf, s)
		return buf[n:len(buf):len(buf)]
	}
	ps := make([]Paragraph, 0, len(blocks)+1)
	if title != "" {
		ps = append(ps, Paragraph{Title: true, Text: title, Toks: tokenize(title)})
	}
	bo, ok := byteOffsets(txt, blocks)
	if !ok {
		// Blocks out of order or text not valid UTF-8: by way of runes, as written.
		rs := []rune(txt)
		for _, b := range blocks {
			s := string(rs[b[0]:b[1]])
			ps = append(ps, Paragraph{Offset: b[0], Text: s, Toks: tokenize(s)})
		}
		return ps, buf
	}
	for k, b := range blocks {
		s := txt[bo[2*k]:bo[2*k+1]]
		ps = append(ps, Paragraph{Offset: b[0], Text: s, Toks: tokenize(s)})
	}
	return ps, buf
}

// byteOffsets converts the code-point ranges of blocks into byte offsets of txt in
// one pass; it fails unless txt is valid UTF-8 (so that its blocks are the same
// bytes as the runes) and the offsets never go back.
func byteOffsets(txt string, blocks [][2]int) ([]int, bool) {
	if !utf8.ValidString(txt) {
		return nil, false
	}
	out := make([]int, 0, 2*len(blocks))
	ri, bi := 0, 0 // a code point and its byte offset
	for _, b := range blocks {
		for _, to := range b {
			if to < ri {
				return nil, false
			}
			for ri < to && bi < len(txt) {
				// Eight ASCII bytes at a time, then a rune, its length told by its first
				// byte (the text is valid UTF-8).
				if to-ri >= 8 && bi+8 <= len(txt) {
					t := txt[bi : bi+8]
					if t[0]|t[1]|t[2]|t[3]|t[4]|t[5]|t[6]|t[7] < utf8.RuneSelf {
						bi += 8
						ri += 8
						continue
					}
				}
				switch c := txt[bi]; {
				case c < 0xe0:
					bi += 1 + int(c>>7) // ASCII, or a lead byte of two
				case c < 0xf0:
					bi += 3
				default:
					bi += 4
				}
				ri++
			}
			if ri != to {
				return nil, false
			}
			out = append(out, bi)
		}
	}
	return out, true
}

type gpos struct{ p, t int } // paragraph, token

func normTok(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'").Replace(s)
}

// align finds the gold reports in the paragraphs and returns a tag sequence per
// paragraph; reports that cannot be found, or that would overlap one already placed,
// are left out (and counted in the second result).
func align(ps []Paragraph, golds []GoldQuote) ([][]int, int) {
	var all []gpos
	var norm []string
	for pi, p := range ps {
		for ti, t := range p.Toks {
			if t.IsQuote() {
				continue
			}
			all = append(all, gpos{pi, ti})
			norm = append(norm, normTok(t.Text))
		}
	}
	// index of the word tokens (for content).
	var words []int
	for k, g := range all {
		if kk := ps[g.p].Toks[g.t].Kind; kk == text.Word || kk == text.Number {
			words = append(words, k)
		}
	}
	wnorm := make([]string, len(words))
	for i, k := range words {
		wnorm[i] = norm[k]
	}

	tags := make([][]int, len(ps))
	for i, p := range ps {
		tags[i] = make([]int, len(p.Toks))
	}
	type placed struct {
		pieces [][2]int // ranges in all (inclusive start, exclusive end)
		q      GoldQuote
	}
	var items []placed
	lost := 0
	cursor := 0 // where the last report placed starts (the gold lists them in text order)
	for _, q := range golds {
		c := wordSeq(q.Content)
		if len(c) == 0 {
			lost++
			continue
		}
		pieces := findPieces(wnorm, c)
		if len(pieces) == 1 && pieces[0][1]-pieces[0][0] == len(c) {
			pieces[0] = bestOccurrence(wnorm, words, norm, c, pieces[0], q, cursor)
		}
		if pieces == nil {
			lost++
			continue
		}
		var rng [][2]int
		for _, pc := range pieces {
			rng = append(rng, [2]int{words[pc[0]], words[pc[1]-1] + 1})
		}
		cursor = rng[0][0]
		items = append(items, placed{rng, q})
	}
	// Longer reports first, so an embedded report does not cut its container.
	sortBy(items, func(a, b placed) bool { return span(a.pieces) > span(b.pieces) })
	taken := make([]bool, len(all))
	free := func(a, b int) bool {
		for k := a; k < b; k++ {
			if taken[k] {
				return false
			}
		}
		return true
	}
	mark := func(a, b, r int) {
		for k := a; k < b; k++ {
			taken[k] = true
			g := all[k]
			t := r * 2 // I- tag of role r
			if k == a || all[k-1].p != g.p {
				t = r*2 - 1
			}
			tags[g.p][g.t] = t
		}
		// Quotation marks between tokens of one span take its I- tag too.
		for k := a; k+1 < b; k++ {
			g, h := all[k], all[k+1]
			if g.p == h.p {
				for t := g.t + 1; t < h.t; t++ {
					tags[g.p][t] = r * 2
				}
			}
		}
	}
	for _, it := range items {
		ok := true
		for _, pc := range it.pieces {
			if !free(pc[0], pc[1]) {
				ok = false
			}
		}
		if !ok {
			lost++
			continue
		}
		lo, hi := it.pieces[0][0], it.pieces[len(it.pieces)-1][1]
		for _, pc := range it.pieces {
			mark(pc[0], pc[1], 3)
		}
		// The cue and source are found after the content is placed, so that those
		// standing between the pieces of a split quote are found there.
		cue := nearestLoose(norm, taken, tokSeq(it.q.Cue), lo, hi)
		if cue[1] > cue[0] {
			for k := cue[0]; k < cue[1]; k++ {
				taken[k] = true
			}
		}
		src := nearestLoose(norm, taken, tokSeq(it.q.Mention), lo, hi)
		if cue[1] > cue[0] {
			for k := cue[0]; k < cue[1]; k++ {
				taken[k] = false
			}
			mark(cue[0], cue[1], 2)
		}
		if src[1] > src[0] && free(src[0], src[1]) {
			mark(src[0], src[1], 1)
		}
	}
	return tags, lost
}

func span(p [][2]int) int { return p[len(p)-1][1] - p[0][0] }

func sortBy[T any](xs []T, less func(a, b T) bool) {
	slices.SortStableFunc(xs, func(a, b T) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	})
}

func wordSeq(s string) []string {
	var out []string
	for _, t := range text.Tokenize(s) {
		if t.Kind == text.Word || t.Kind == text.Number {
			out = append(out, normTok(t.Text))
		}
	}
	return out
}

func tokSeq(s string) []string {
	var out []string
	for _, t := range text.Tokenize(s) {
		if !t.IsQuote() {
			out = append(out, normTok(t.Text))
		}
	}
	return out
}

// findPieces finds c in w as one run, or as a few runs in order (a quote split by
// its cue), returning ranges of w; nil when less than 80% of c is found.
func findPieces(w, c []string) [][2]int {
	if i := indexSeq(w, c, 0, len(w)); i >= 0 {
		return [][2]int{{i, i + len(c)}}
	}
	var out [][2]int
	p, from, got := 0, 0, 0
	lead := false // the first word was not found as part of a run
	for p < len(c) {
		bestI, bestK := -1, 0
		hi := len(w)
		if len(out) > 0 {
			hi = min(len(w), from+80)
		}
		for i := from; i < hi; i++ {
			k := 0
			for p+k < len(c) && i+k < len(w) && w[i+k] == c[p+k] {
				k++
			}
			if k > bestK {
				bestI, bestK = i, k
			}
		}
		// A lone word is a piece at the end of the content, or close after the
		// last piece; a lone first word is looked for before the first piece
		// ("she [was announced] the winner").
		if bestK < 2 && !(bestK == 1 && (p+1 == len(c) || len(out) > 0 && bestI-from <= 8)) {
			if len(out) == 0 && p == 0 {
				lead = true
			}
			p++
			continue
		}
		out = append(out, [2]int{bestI, bestI + bestK})
		got += bestK
		p += bestK
		from = bestI + bestK
	}
	if lead && len(out) > 0 {
		for i := out[0][0] - 1; i >= max(0, out[0][0]-8); i-- {
			if w[i] == c[0] {
				out = slices.Insert(out, 0, [2]int{i, i + 1})
				got++
				break
			}
		}
	}
	// Several quoted passages joined into one content make many pieces.
	if got*5 < len(c)*4 || len(out) > 10 {
		return nil
	}
	return out
}

func indexSeq(w, c []string, from, to int) int {
	for i := from; i+len(c) <= to; i++ {
		ok := true
		for k := range c {
			if w[i+k] != c[k] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// nearest finds the occurrence of seq in all-token space nearest to [lo,hi) and
// outside it; zero range when absent.
func nearest(norm []string, taken []bool, seq []string, lo, hi int) [2]int {
	if len(seq) == 0 {
		return [2]int{}
	}
	best, bd := -1, 1<<30
	for i := 0; i+len(seq) <= len(norm); i++ {
		if !seqAt(norm, taken, seq, i) {
			continue
		}
		if d := distance(i, i+len(seq), lo, hi); d < bd {
			best, bd = i, d
		}
	}
	if best < 0 || bd > 60 {
		return [2]int{}
	}
	return [2]int{best, best + len(seq)}
}

// clitics are the pieces an annotation keeps when it splits a word at its apostrophe
// ("Kerry|’s announcement of", "they|’ll be clear"), which our tokens keep whole.
var clitics = map[string]bool{"s": true, "'s": true, "'ll": true, "ll": true, "'re": true, "re": true,
	"'ve": true, "ve": true, "'d": true, "d": true, "'m": true, "m": true, "'": true, "t": true, "'t": true}

// nearestLoose is nearest, retried without a leading clitic and without punctuation at
// the ends of the sequence when the sequence as annotated is not found.
func nearestLoose(norm []string, taken []bool, seq []string, lo, hi int) [2]int {
	r := nearest(norm, taken, seq, lo, hi)
	if r[1] > r[0] || len(seq) == 0 {
		return r
	}
	for len(seq) > 1 && clitics[seq[0]] {
		seq = seq[1:]
	}
	punct := func(w string) bool {
		for _, c := range w {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c > 127 {
				return false
			}
		}
		return true
	}
	for len(seq) > 1 && punct(seq[len(seq)-1]) {
		seq = seq[:len(seq)-1]
	}
	for len(seq) > 1 && punct(seq[0]) {
		seq = seq[1:]
	}
	return nearest(norm, taken, seq, lo, hi)
}

// seqAt reports whether seq stands at i in norm on tokens not taken (taken may be nil).
func seqAt(norm []string, taken []bool, seq []string, i int) bool {
	for k := range seq {
		if norm[i+k] != seq[k] || taken != nil && taken[i+k] {
			return false
		}
	}
	return true
}

// distance is how many tokens lie between [a,b) and [lo,hi): 0 when they touch or
// overlap (a cue between the pieces of a split quote).
func distance(a, b, lo, hi int) int {
	switch {
	case b <= lo:
		return lo - b
	case a >= hi:
		return a - hi
	}
	return 0
}

// bestOccurrence picks, among the places where content c occurs as one run in w
// (first, the first of them, as findPieces found it), the one its cue and source
// stand nearest to, less one before the previous report placed (cursor; the gold
// lists reports in text order): short contents ("him", "to comment") often
// occur more than once, and the first is not always theirs. words maps w to the
// token space of norm.
func bestOccurrence(w []string, words []int, norm []string, c []string, first [2]int, q GoldQuote, cursor int) [2]int {
	cue, src := tokSeq(q.Cue), tokSeq(q.Mention)
	cueAt, srcAt := starts(norm, cue), starts(norm, src)
	cost := func(i int) int {
		lo, hi := words[i], words[i+len(c)-1]+1
		d := seqDist(cueAt, len(cue), lo, hi) + seqDist(srcAt, len(src), lo, hi)
		switch {
		case lo < cursor-40:
			d += 100
		case lo <= cursor && cursor > 0:
			d += 3 // where the previous report starts, or a little before
		}
		return d
	}
	best, bc := first, cost(first[0])
	for i := indexSeq(w, c, first[0]+1, len(w)); i >= 0; i = indexSeq(w, c, i+1, len(w)) {
		if k := cost(i); k < bc {
			best, bc = [2]int{i, i + len(c)}, k
		}
	}
	return best
}

// starts lists where seq occurs in norm, in order; nil for an empty seq.
func starts(norm []string, seq []string) []int {
	if len(seq) == 0 {
		return nil
	}
	var at []int
	for i := 0; i+len(seq) <= len(norm); i++ {
		if seqAt(norm, nil, seq, i) {
			at = append(at, i)
		}
	}
	return at
}

// seqDist is how far the nearest of the occurrences at (of n tokens, in order)
// stands from [lo,hi), at most 60 (also when there are none); 0 when n is 0.
func seqDist(at []int, n, lo, hi int) int {
	if n == 0 {
		return 0
	}
	best := 60
	// The nearest is the last to start before lo or the first to start at or after it.
	k := sort.SearchInts(at, lo)
	for _, j := range []int{k - 1, k} {
		if j >= 0 && j < len(at) {
			best = min(best, distance(at[j], at[j]+n, lo, hi))
		}
	}
	return best
}
