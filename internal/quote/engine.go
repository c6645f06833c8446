package quote

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/text"
)

//go:embed model.bin
var builtinModel []byte

// Engine finds quotations. It is safe for concurrent use.
type Engine struct {
	m    *Model
	pool sync.Pool
}

// scratch is per-goroutine working memory, reused across articles.
type scratch struct {
	info []tokInfo
	sc   [][numTags]float32
	sc2  [][numTags]float32
	back [][numTags]uint8
	tags []int
	fs   []uint64
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
	e := &Engine{m: m, pool: sync.Pool{New: func() any { return &scratch{} }}}
	return e
}

// Annotate fills a.Quotes and a.Entities.
func (e *Engine) Annotate(a *article.Article) {
	blocks := make([][2]int, 0, len(a.Blocks))
	for _, b := range a.Blocks {
		blocks = append(blocks, [2]int{b.Start, b.End})
	}
	ps := splitParagraphs(a.Title, a.Text, blocks)
	s := e.pool.Get().(*scratch)
	defer e.pool.Put(s)
	var found []found
	for pi, p := range ps {
		n := len(p.Toks)
		if n == 0 {
			continue
		}
		tags := e.tagParagraph(s, p)
		info := s.info[:n]
		sent := make([]int32, n)
		for i := range info {
			sent[i] = info[i].sent
		}
		src, cue, con := spansOf(tags, sent)
		reports := link(pi, p.Toks, info, src, cue, con)
		if r, ok := dashAttribution(pi, p.Toks, info); ok {
			reports = []report{r}
		}
		for _, r := range reports {
			found = append(found, makeFound(p, info, r))
		}
	}
	a.Quotes, a.Entities = attribute(a, ps, found)
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

// tagInfo labels tokens whose info is prepared. A token's base features are computed
// once for both stages; the second stage then adds only its features of the first
// stage's tags.
func (e *Engine) tagInfo(s *scratch, toks []text.Token, info []tokInfo) []int {
	n := len(toks)
	if cap(s.tags) < n {
		s.tags = make([]int, n)
	}
	tags := s.tags[:n]
	s.sc = grow(s.sc, n)
	s.sc2 = grow(s.sc2, n)
	s.back = growB(s.back, n)
	m, m2 := e.m, e.m.second
	for i := range toks {
		s.fs = features(s.fs[:0], toks, info, i)
		var r1, r2 [numTags]float32
		for _, f := range s.fs {
			b := int(f&m.mask) * numTags
			w1 := m.w[b : b+numTags : b+numTags]
			for t := range numTags {
				r1[t] += w1[t]
			}
			if m2 != nil {
				w2 := m2.w[b : b+numTags : b+numTags]
				for t := range numTags {
					r2[t] += w2[t]
				}
			}
		}
		s.sc[i], s.sc2[i] = r1, r2
	}
	m.viterbi(s.sc[:n], tags, s.back)
	if m2 == nil {
		return tags
	}
	for i := range info {
		info[i].p1 = uint8(tags[i])
	}
	for i := range toks {
		s.fs = stacked(s.fs[:0], toks, info, i)
		r := &s.sc2[i]
		for _, f := range s.fs {
			b := int(f&m2.mask) * numTags
			w2 := m2.w[b : b+numTags : b+numTags]
			for t := range numTags {
				r[t] += w2[t]
			}
		}
	}
	m2.viterbi(s.sc2[:n], tags, s.back)
	return tags
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
	title   bool
}

func makeFound(p Paragraph, info []tokInfo, r report) found {
	f := found{para: r.para, carried: r.carried, title: p.Title}
	f.kind = kindOf(p.Toks, info, r.content)
	var parts []string
	for _, c := range r.content {
		if f.kind != "direct" && c.b-c.a > 1 && strings.EqualFold(p.Toks[c.a].Text, "that") && len(parts) == 0 {
			c.a++ // the complementiser is not part of what was said
		}
		s, a, b := spanText(p.Text, p.Toks, c, f.kind == "direct")
		if s == "" {
			continue
		}
		parts = append(parts, s)
		if !p.Title {
			f.spans = append(f.spans, article.Span{Start: p.Offset + a, End: p.Offset + b})
		}
	}
	f.content = joinParts(parts)
	if r.cue != nil {
		s, a, b := spanText(p.Text, p.Toks, *r.cue, false)
		f.cue = &article.Cue{Text: s, Start: p.Offset + a, End: p.Offset + b}
	}
	if r.src != nil {
		*r.src = growName(p.Toks, trimPunct(p.Toks, *r.src))
		s, a, b := spanText(p.Text, p.Toks, *r.src, false)
		f.mention, f.mStart, f.mEnd, f.hasMent = s, p.Offset+a, p.Offset+b, true
		f.srcA, f.srcB = r.src.a, r.src.b
	}
	return f
}

// trimPunct drops the punctuation at the edges of a span ("Leila Mansour," → "Leila Mansour").
func trimPunct(toks []text.Token, s tspan) tspan {
	for s.b-s.a > 1 && toks[s.b-1].Kind == text.Punct {
		s.b--
	}
	for s.b-s.a > 1 && toks[s.a].Kind == text.Punct {
		s.a++
	}
	return s
}

// growName widens a source span that cuts a name ("Reyes" of "Tomas Reyes") to the
// whole run of capitalised words.
func growName(toks []text.Token, s tspan) tspan {
	isName := func(i int) bool {
		return i >= 0 && i < len(toks) && toks[i].Kind == text.Word && capitalised(toks[i].Text) && !notNames[lower(toks[i].Text)]
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

func joinParts(ps []string) string {
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return ps[0]
	}
	out := ps[0]
	for _, p := range ps[1:] {
		out += " " + p
	}
	return out
}
