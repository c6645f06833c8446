package quote

import (
	"sort"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/text"
)

// Speech reported inside a quotation ("They said it's a fantasy, he (Obama) said it's
// a fantasy," Assad said): a named person, a verb of saying and what they said, all
// inside the marks of a direct or mixed quote. Such a report is listed as a quote of
// its own, embedded_in the one that carries it. Only a person the article names is
// taken for its speaker: a pronoun alone inside a quote points into the quoted
// speaker's own talk, which the article does not resolve.

// embeddedCues are the verbs of saying that introduce speech inside a quote.
var embeddedCues = map[string]bool{"said": true, "says": true, "say": true, "told": true, "tells": true,
	"stated": true, "claimed": true, "declared": true, "insisted": true, "admitted": true}

// embeddedIn finds the speech reported inside quote q, of paragraph p (index pi): the
// reports, their entities, and nothing when there are none.
func embeddedIn(res *resolver, ps []Paragraph, pi int, q *article.Quote) (out []embedded) {
	p := ps[pi]
	toks := p.Toks
	// Only the tokens of the quote are read: a paragraph may hold many quotes.
	for _, sp := range q.Spans {
		lo := sort.Search(len(toks), func(i int) bool { return p.Offset+toks[i].Start >= sp.Start })
		hi := lo + sort.Search(len(toks)-lo, func(k int) bool { return p.Offset+toks[lo+k].Start >= sp.End })
		out = embeddedInRange(res, ps, pi, max(lo, 1), min(hi, len(toks)-2), q.Spans, out)
	}
	return out
}

// inSpans reports whether token i of paragraph p stands inside one of spans.
func inSpans(p *Paragraph, i int, spans []article.Span) bool {
	at := p.Offset + p.Toks[i].Start
	for _, s := range spans {
		if s.Start <= at && at < s.End {
			return true
		}
	}
	return false
}

// mayBeEmbeddedCue is a quick look that rules out most words as embeddedCues.
func mayBeEmbeddedCue(w string) bool {
	if len(w) < 3 || len(w) > 8 {
		return false
	}
	switch w[0] | 0x20 {
	case 's', 't', 'c', 'd', 'i', 'a':
		return inSet(embeddedCues, w)
	}
	return false
}

// embeddedInRange is embeddedIn for the verbs among tokens [lo, hi) of the paragraph,
// which stand inside spans, appended to out.
func embeddedInRange(res *resolver, ps []Paragraph, pi, lo, hi int, spans []article.Span, out []embedded) []embedded {
	p := &ps[pi]
	toks := p.Toks
	inside := func(i int) bool { return inSpans(p, i, spans) }
	for c := lo; c < hi; c++ {
		if toks[c].Kind != text.Word || !mayBeEmbeddedCue(toks[c].Text) {
			continue
		}
		m0, m1, e := embeddedSpeaker(res, ps, pi, c)
		if e == nil || !inside(m0) {
			continue
		}
		// What was said: the words after the verb, to the end of the clause.
		a, b := c+1, c+1
		if lowerIs(toks[a].Text, "that") {
			a, b = a+1, a+1
		}
		words := 0
		for b < len(toks) && inside(b) && toks[b].Kind != text.CloseQuote && !clauseEnd(toks[b].Text) {
			if toks[b].Kind == text.Word {
				words++
			}
			b++
		}
		if words < 2 {
			continue
		}
		out = append(out, embedded{para: pi, m0: m0, m1: m1, cue: c, a: a, b: b, e: e})
		c = b
	}
	return out
}

// embedded is one report found inside a quote: tokens [m0, m1) name the speaker,
// token cue is the verb, [a, b) what was said.
type embedded struct {
	para, m0, m1, cue, a, b int
	e                       *ent
}

func clauseEnd(s string) bool {
	switch s {
	case ",", ";", ".", "!", "?", ":", "—", "–", "(", ")":
		return true
	}
	return false
}

// embeddedSpeaker finds who stands before the verb at token c: a person's name
// ("Obama said"), or a pronoun that a name in brackets makes clear ("he (Obama)
// said"), agreeing with it in gender and number. It returns the tokens of the
// mention and the entity, or a nil entity.
func embeddedSpeaker(res *resolver, ps []Paragraph, pi, c int) (int, int, *ent) {
	toks := ps[pi].Toks
	if toks[c-1].Text == ")" {
		// pronoun ( Name ) said
		o := c - 2
		for o > 0 && toks[o].Text != "(" && c-o < 6 {
			o--
		}
		if o < 1 || toks[o].Text != "(" {
			return 0, 0, nil
		}
		pron := lower(toks[o-1].Text)
		g, ok := pronounGender[pron]
		plural := pron == "they"
		if !ok && !plural {
			return 0, 0, nil
		}
		e := res.runAt(ps, pi, o+1, c-1)
		if e == nil || !compatible(e, g, plural) || !e.person() {
			return 0, 0, nil
		}
		return o - 1, c, e
	}
	// Name said: the name run that ends just before the verb.
	b := c
	a := b
	for a > 0 && b-a < 6 && toks[a-1].Kind == text.Word && capitalised(toks[a-1].Text) {
		a--
	}
	for a < b && (inSetF(notNames, notNamesF, toks[a].Text) || isPronoun(toks[a].Text)) {
		a++ // "You said", "And Obama said"
	}
	if a == b {
		return 0, 0, nil
	}
	e := res.runAt(ps, pi, a, b)
	if e == nil || !e.person() {
		return 0, 0, nil
	}
	return a, b, e
}

// embeddedQuote makes the quote of report r, embedded in the quote with id outer.
func embeddedQuote(ps []Paragraph, r embedded, id, outer string, bits *speakerBits) article.Quote {
	p := ps[r.para]
	span := func(a, b int) (string, int, int) {
		s, start, end := spanText(p.Text, p.Toks, tspan{a: a, b: b}, false)
		return s, p.Offset + start, p.Offset + end
	}
	content, cs, ce := span(r.a, r.b)
	cue, us, ue := span(r.cue, r.cue+1)
	mention, ms, me := span(r.m0, r.m1)
	bits.mention, bits.start, bits.end, bits.name = mention, ms, me, r.e.name
	q := article.Quote{ID: id, Kind: article.Indirect, Content: content,
		Spans: []article.Span{{Start: cs, End: ce}}, Cue: &article.Cue{Text: cue, Start: us, End: ue}, Confidence: 0.6}
	q.Speaker.Mention, q.Speaker.Start, q.Speaker.End, q.Speaker.Name = &bits.mention, &bits.start, &bits.end, &bits.name
	q.EmbeddedIn = &outer
	return q
}
