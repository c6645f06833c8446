package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/text"
)

// tspan is a run of tokens [a, b) of one role in a paragraph.
type tspan struct {
	a, b int
	sa   int // sentence of the first token
	sb   int // sentence of the last token
}

// report is a quotation found in one paragraph, by token ranges.
type report struct {
	para    int
	content []tspan
	cue     *tspan
	src     *tspan
	// carried: a quote paragraph with no cue that carries on the previous speaker.
	carried bool
	// opens: a cue (and maybe its source) with no content that ends the paragraph on
	// a colon ("Caddell continued:"): the quote is the next paragraph.
	opens bool
	// label: a transcript's turn ("PENCE: …"), verbatim with or without marks.
	label bool
	// headline: the headline convention "Name: words", the words the person's.
	headline bool
}

// spansOf groups a tag sequence into spans per role (1 source, 2 cue, 3 content),
// appended to src, cue and con.
func spansOf(tags []int, sent []int32, src, cue, con []tspan) ([]tspan, []tspan, []tspan) {
	for i := 0; i < len(tags); {
		r := role(tags[i])
		if r == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] == r*2 {
			j++
		}
		s := tspan{a: i, b: j, sa: int(sent[i]), sb: int(sent[j-1])}
		switch r {
		case 1:
			src = append(src, s)
		case 2:
			cue = append(cue, s)
		case 3:
			con = append(con, s)
		}
		i = j
	}
	return src, cue, con
}

func gap(x, y tspan) int {
	if x.b <= y.a {
		return y.a - x.b
	}
	if y.b <= x.a {
		return x.a - y.b
	}
	return 0
}

// linkBuf is working memory of link, reused across paragraphs.
type linkBuf struct {
	owner   []int   // the cue each content joins, or -1
	first   []int   // where each cue's contents start in byCue (and, last, the end)
	byCue   []tspan // the contents, grouped by cue, each group in text order
	reports []report
}

// link turns the spans of one paragraph into reports: each content joins the cue
// nearest to it in its own sentences (or the sentence just before or after), each cue
// the nearest source in its sentence; contents that share a cue form one split quote.
// The reports hold memory of lb and of the spans, valid until lb is used again.
func link(para int, toks []text.Token, info []tokInfo, src, cue, con []tspan, lb *linkBuf) []report {
	owner := lb.owner[:0]
	first := lb.first[:0]
	for range len(cue) + 1 {
		first = append(first, 0)
	}
	for _, c := range con {
		best, bd := -1, 1<<30
		// Cues are in text order: look only at those of the nearby sentences.
		k0 := sort.Search(len(cue), func(k int) bool { return cue[k].sa >= c.sa-1 })
		for k := k0; k < len(cue) && cue[k].sa <= c.sb+1; k++ {
			q := cue[k]
			d := gap(c, q)
			if q.sa < c.sa || q.sa > c.sb {
				d += 40
			}
			if d < bd {
				best, bd = k, d
			}
		}
		owner = append(owner, best)
		if best >= 0 {
			first[best+1]++
		}
	}
	for k := range cue {
		first[k+1] += first[k]
	}
	byCue := lb.byCue[:0]
	for range first[len(cue)] {
		byCue = append(byCue, tspan{})
	}
	// Fill each cue's group in text order; first[k] moves to the group's end.
	for j, c := range con {
		if k := owner[j]; k >= 0 {
			byCue[first[k]] = c
			first[k]++
		}
	}
	lb.owner, lb.first, lb.byCue = owner, first, byCue
	out := lb.reports[:0]
	var lastSrc *tspan
	dl := datelineEnd(toks)
	start := 0 // where cue k's group starts (first[k] is now its end)
	for k := range cue {
		for cue[k].b-cue[k].a > 1 && inSet(timeNouns, toks[cue[k].a].Text) {
			cue[k].a++ // "on Tuesday morning announced"
		}
		r := report{para: para, content: byCue[start:first[k]:first[k]], cue: &cue[k]}
		start = first[k]
		if len(r.content) > 0 {
			speechVerbOnly(toks, &cue[k], &r.content[0])
		}
		q := cue[k]
		best, bd := -1, 1<<30
		s0 := sort.Search(len(src), func(s int) bool { return src[s].sb >= q.sa })
		for s := s0; s < len(src) && src[s].sa <= q.sa; s++ {
			if d := gap(src[s], q); d < bd {
				best, bd = s, d
			}
		}
		if s, ok := accordingSource(toks, q, r.content); best < 0 && ok {
			// "According to a statement from the ministry, the target …": what
			// follows the cue up to the comma is who says it, not what.
			r.src = &s
			if c := &r.content[0]; c.a > s.b {
				// the content starts after the comma already
			} else if c.b <= s.b+1 {
				r.content = r.content[1:]
			} else {
				c.a = s.b + 1
			}
		} else if best >= 0 {
			r.src = &src[best]
		} else if lastSrc != nil && lastSrc.sa == q.sa {
			r.src = lastSrc
		} else if g, ok := adjacentName(toks, q); ok {
			r.src = &g
		}
		if r.src == nil {
			if s, ok := invertedSource(toks, info, q, r.content); ok {
				// "The wall will hold, says the mayor.": the words after the
				// cue are who says it.
				r.src, r.content = newSpan(s), r.content[:len(r.content)-1]
			} else if s, ok := mainSubject(toks, info, q, dl); ok {
				// "The union walked out on Monday, saying the offer fell
				// short.": who walked out says it.
				r.src = newSpan(s)
			}
		}
		if idiom(toks, q) || noReport(toks, q, r) {
			continue // "According to plan, …"
		}
		if lowerIs(toks[q.a].Text, "asked") && (q.a == 0 || info[q.a-1].sent != info[q.a].sent) {
			// "Asked whether he would resign, Pemberton replied": the one the
			// sentence names was asked; who asked is not said.
			r.src = nil
		}
		if r.src != nil {
			if s, ok := participleSubject(toks, info, src, *r.src, q); ok {
				r.src = newSpan(s)
			}
			// (New spans only when they are needed: a span whose address is
			// kept is made on the heap.)
			if h, ok := whoHead(toks, info, *r.src, q); ok {
				r.src = newSpan(h)
			}
			if h, ok := withApposition(toks, info, *r.src, q); ok {
				r.src = newSpan(h)
			}
			if dl > 0 && r.src.a < dl && r.src.b > dl {
				s := *r.src // "OSLO — Mayor Ada Lund said": not the dateline
				s.a = dl
				r.src = newSpan(s)
			}
			lastSrc = r.src
		}
		if len(r.content) == 0 && r.src != nil {
			// "Thabo Mahlangu said talks would resume on Monday.": the
			// tagger found who and the verb, not what; the clause after it is.
			// "The river was closed to boats, the harbour master said.": the
			// clause before them.
			if c, ok := clauseAfter(toks, info, &cue[k]); ok {
				r.content = []tspan{c}
			} else if c, ok := clauseBefore(toks, info, *r.src, q); ok {
				r.content = []tspan{c}
			}
		}
		if len(r.content) == 0 {
			// The cue in the last sentence, a few words at most before the colon
			// that ends the paragraph ("He told reporters:").
			if n := len(toks); n > 1 && toks[n-1].Text == ":" && q.b >= n-4 && q.sb == int(info[n-1].sent) {
				r.opens = true
				out = append(out, r)
			}
			continue
		}
		r.content = dropNarrative(toks, info, r.content, q)
		if r.src != nil {
			if k := endedBefore(toks, info, r.content, *r.src, q); k > 0 {
				// The quotation stands on its own, its speaker's who spoke
				// before it.
				out = append(out, report{para: para, content: r.content[:k:k], carried: true})
				r.content = r.content[k:]
			}
		}
		if c := r.content; len(c) == 1 && c[0].b-c[0].a > 1 && lowerIs(toks[c[0].a].Text, "this") && inSet(prepositions, toks[c[0].a+1].Text) &&
			(inSet(speechVerbs, toks[q.a].Text) || inSet(tellVerbs, toks[q.a].Text) || inSet(reportVerbs, toks[q.a].Text)) && !quoted(toks, info, c[0]) {
			continue // "Garba said this while addressing journalists": what was said is told before
		}
		if r.src != nil && len(r.content) > 0 {
			fillToSource(toks, info, &r.content[len(r.content)-1], *r.src, q)
			fillFromStart(toks, info, r.content, con, *r.src, q)
		}
		if t, ok := quotedTail(toks, info, r, con); ok {
			r.content = append(r.content, t)
		}
		r.content = afterColon(toks, info, r.content, q)
		colonQuote(toks, info, r.content, q)
		beforeTranslation(toks, r.content)
		out = append(out, r)
	}
	out = according(para, toks, info, out, con)
	out = saidAfter(para, toks, info, out, con)
	out = cueClosing(para, toks, info, out, con)
	for j, c := range con {
		if owner[j] < 0 && quoted(toks, info, c) {
			r := report{para: para, content: []tspan{c}, carried: true}
			if s, q, ok := colonSource(toks, info, c); ok {
				r.src, r.cue, r.carried = &s, &q, false
			}
			out = append(out, r)
		}
	}
	lb.reports = out
	return out
}

// speechVerbOnly gives back to the content what the tagger put in a cue after
// its verb of speech when it opens what was said: "said students had been
// pushing for | the change" is "said | students had been pushing for the
// change", "said Obama hopes" is "said". A preposition, a time word, "that"
// or "about" after the verb leaves the cue as it is ("said in a statement").
func speechVerbOnly(toks []text.Token, q, c *tspan) {
	if q.b-q.a < 2 || c.a < q.b || c.a > q.b+1 || !inSet(speechVerbs, toks[q.a].Text) {
		return
	}
	w := toks[q.a+1]
	if w.Kind != text.Word || inSet(prepositions, w.Text) || inSet(timeWords, w.Text) ||
		lowerIs(w.Text, "that") || lowerIs(w.Text, "about") {
		return
	}
	c.a = q.a + 1
	q.b = q.a + 1
}

// clauseAfter returns the rest of the sentence after cue q, when q is a verb
// of speech (with whom it tells: "told reporters") and the words after it are a
// clause: a subject, then an auxiliary or a modal ("talks would resume on
// Monday", "the county would appeal"). A cue the tagger ran into those words
// ("said talks") is cut back to its verb.
func clauseAfter(toks []text.Token, info []tokInfo, q *tspan) (tspan, bool) {
	v := toks[q.a].Text
	tells := inSet(tellVerbs, v)
	if !tells && !inSet(speechVerbs, v) && !inSet(reportVerbs, v) {
		return tspan{}, false
	}
	sent := info[q.a].sent
	start := q.a + 1
	if tells && start < len(toks) {
		// Whom: a pronoun, a capitalised name, or a determiner and a noun.
		switch w := toks[start]; {
		case inSet(hearers, w.Text):
			start++
		case w.Kind == text.Word && capitalised(w.Text):
			for start < len(toks) && toks[start].Kind == text.Word && capitalised(toks[start].Text) {
				start++
			}
		case inSet(determiners, w.Text) && start+1 < len(toks) && toks[start+1].Kind == text.Word:
			start += 2
		default:
			return tspan{}, false
		}
	}
	if start < len(toks) && lowerIs(toks[start].Text, "that") {
		return tspan{}, false // (the tagger's own business: it marks these)
	}
	end := start
	aux := -1
	for end < len(toks) && info[end].sent == sent {
		t := toks[end]
		if t.IsQuote() || t.Text == ";" || t.Text == ":" {
			return tspan{}, false
		}
		if aux < 0 && end > start && inSet(auxiliaries, t.Text) {
			aux = end
		}
		end++
	}
	for end > start && toks[end-1].Kind == text.Punct {
		end--
	}
	if aux < 0 && tells {
		aux = pastAfterSubject(toks, start, end)
	}
	if start >= len(toks) || aux < 0 || aux-start > 4 || end-start < 3 || toks[start].Kind != text.Word ||
		inSet(prepositions, toks[start].Text) || inSet(timeWords, toks[start].Text) || hasCommaBefore(toks, start, aux) {
		return tspan{}, false
	}
	q.b = q.a + 1
	if tells && start > q.b {
		q.b = start
	}
	s := int(sent)
	return tspan{a: start, b: end, sa: s, sb: s}, true
}

// clauseBefore returns the words from the sentence's start to the comma
// before source src, when src and cue q close the sentence: "The river was
// closed to boats, the harbour master said."
func clauseBefore(toks []text.Token, info []tokInfo, src, q tspan) (tspan, bool) {
	c := src.a - 1
	v := toks[q.a].Text
	told := inSet(tellVerbs, v) && (q.b-q.a == 1 || q.b-q.a == 2 && inSet(hearers, toks[q.a+1].Text)) // ", the mayor told reporters."
	if c < 1 || toks[c].Text != "," || q.a != src.b || !told && !inSet(speechVerbs, v) && !inSet(reportVerbs, v) {
		return tspan{}, false
	}
	e := q.b
	if e < len(toks) && (inSet(prepositions, toks[e].Text) || inSet(timeWords, toks[e].Text) || timeWord(toks, e)) {
		// When and where may follow the cue ("said on Tuesday", "said in a
		// statement"), a few words, not what was said ("that …").
		for e < len(toks) && e-q.b <= 6 && info[e].sent == info[q.a].sent && toks[e].Kind == text.Word && !lowerIs(toks[e].Text, "that") {
			e++
		}
	}
	// The sentence ends there, on a full stop: not a colon opening what was
	// said ("Speaking at the site, the engineer said:"), nor more words.
	if e < len(toks) && info[e].sent == info[q.a].sent && toks[e].Text != "." || e == len(toks) && toks[e-1].Kind == text.Punct && toks[e-1].Text != "." {
		return tspan{}, false
	}
	st, ok := leadingContent(toks, info, c)
	if !ok || circumstance(toks[st].Text) {
		return tspan{}, false
	}
	s := int(info[c].sent)
	return tspan{a: st, b: c, sa: s, sb: s}, true
}

// circumstance reports whether w opens a phrase of circumstance, not a
// clause anyone said: "Speaking at the site,", "When asked about it,", "In a
// brief statement,", "Reacting to the news,".
func circumstance(w string) bool {
	lw := lower(w)
	return strings.HasSuffix(lw, "ing") || lw == "asked" || lw == "when" || lw == "while" || lw == "after" ||
		lw == "before" || lw == "in" || lw == "at" || lw == "on" || lw == "as" || lw == "if"
}

// hasCommaBefore reports a comma among toks[a:b].
func hasCommaBefore(toks []text.Token, a, b int) bool {
	for _, t := range toks[a:b] {
		if t.Text == "," {
			return true
		}
	}
	return false
}

var (
	// tellVerbs take whom they tell before what: "told reporters the …".
	tellVerbs = map[string]bool{"told": true, "tells": true, "assured": true, "warned": true, "reminded": true}
	// hearers are whom a tell verb tells, in one word.
	hearers = map[string]bool{"reporters": true, "journalists": true, "him": true, "her": true, "them": true,
		"us": true, "me": true, "lawmakers": true, "supporters": true, "residents": true, "parliament": true}
	// reportVerbs take a clause at once, like said.
	reportVerbs = map[string]bool{"added": true, "insisted": true, "argued": true, "claimed": true, "stated": true,
		"announced": true, "predicted": true, "noted": true, "explained": true, "acknowledged": true, "conceded": true,
		"admitted": true, "suggested": true, "believes": true, "thinks": true, "wrote": true, "writes": true, "adds": true,
		"disclosed": true, "revealed": true}
	// auxiliaries open a clause's verb after its subject.
	auxiliaries = map[string]bool{"would": true, "will": true, "could": true, "can": true, "should": true, "may": true,
		"might": true, "must": true, "had": true, "has": true, "have": true, "was": true, "were": true, "is": true,
		"are": true, "did": true, "does": true, "do": true, "’d": true, "'d": true}
)

// speechVerbs are the verbs of speech whose complement follows them at once.
// ("told" and "tells" take whom they tell first: "told reporters".)
var speechVerbs = map[string]bool{"said": true, "says": true, "say": true}

// timeWords may follow a cue's verb inside the cue ("said Monday", "said this week").
var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true, "this": true, "last": true,
	"earlier": true, "later": true, "again": true, "also": true, "repeatedly": true, "recently": true, "privately": true,
	"publicly": true, "bluntly": true, "flatly": true, "simply": true, "as": true, "afterward": true, "afterwards": true}

// fillToSource extends content that stops short of the comma before its
// source and cue ("They plan a protest at city | hall on Friday, a spokesman
// said."): the words between, in the same sentence and with no punctuation or
// quotation mark, are what was said.
func fillToSource(toks []text.Token, info []tokInfo, c *tspan, src, q tspan) {
	if c.b >= src.a || q.a < src.b || src.a < 1 || toks[src.a-1].Text != "," || src.a-1-c.b > 6 {
		return
	}
	for k := c.b; k < src.a-1; k++ {
		if toks[k].Kind == text.Punct || toks[k].IsQuote() || info[k].sent != info[c.a].sent {
			return
		}
	}
	c.b = src.a - 1
}

// fillFromStart extends back to its sentence's start a lone content that
// the tagger began inside the clause a source and cue close ("Two men were
// arrested after a robbery in which | a guard was shot |, police said."): the
// whole clause is what was said (see clauseBefore), unless another content
// holds words of it.
func fillFromStart(toks []text.Token, info []tokInfo, content, con []tspan, src, q tspan) {
	if len(content) != 1 || src.a < 1 || content[0].b != src.a-1 {
		return
	}
	c, ok := clauseBefore(toks, info, src, q)
	if !ok || c.a >= content[0].a || c.b != content[0].b {
		return
	}
	for _, x := range con {
		if x.a < content[0].a && x.b > c.a {
			return
		}
	}
	content[0].a = c.a
}

// afterColon drops the few words (five at most, none quoted) before a cue
// that ends on a colon when what follows it is quoted: in "Sentencing him,
// Judge Mary Holt said: “You betrayed …”" the quote is what she said, not
// "Sentencing him".
func afterColon(toks []text.Token, info []tokInfo, con []tspan, q tspan) []tspan {
	colon := toks[q.b-1].Text == ":" || q.b < len(toks) && toks[q.b].Text == ":"
	if !colon || len(con) < 2 || con[0].b > q.a {
		return con
	}
	k := 0
	for k < len(con) && con[k].b <= q.a {
		if in, n := quotedWords(toks, info, con[k]); in > 0 || n > 5 {
			return con // words of their own, or quoted ones: a report in two parts
		}
		k++
	}
	if k == 0 || k == len(con) || con[k].a < q.b || !quoted(toks, info, con[k]) {
		return con
	}
	return con[k:]
}

// colonQuote cuts from a content piece after its cue the few words before a
// colon that opens a quotation: in "She told the BBC's World at One: ‘I was
// elected …’" the content is the quotation, not "One: ‘I was …".
func colonQuote(toks []text.Token, info []tokInfo, con []tspan, q tspan) {
	for k := range con {
		c := &con[k]
		if c.a < q.b {
			continue
		}
		for i := c.a; i < c.b-2 && i-c.a < 6; i++ {
			if toks[i].IsQuote() {
				break
			}
			if toks[i].Text == ":" && toks[i+1].IsQuote() && quoted(toks, info, tspan{a: i + 2, b: c.b}) {
				c.a = i + 1
				c.sa = int(info[c.a].sent)
				break
			}
		}
		return
	}
}

// according finds the reports of sentences that open with "According to"
// and a source up to a comma, which the tagger left unmarked: "According to
// Greenfield partner Tom Becker, the technology halves installation time."
// The cue is "According to", the source the words up to the comma (ten at
// most), the content the rest of the sentence.
func according(para int, toks []text.Token, info []tokInfo, out []report, con []tspan) []report {
	for k := 0; k+3 < len(toks); k++ {
		if len(toks[k].Text) != 9 || !lowerIs(toks[k].Text, "according") || !lowerIs(toks[k+1].Text, "to") {
			continue
		}
		if k > 0 && info[k-1].sent == info[k].sent {
			out = accordingAfter(para, toks, info, out, con, k)
			continue
		}
		sent := info[k].sent
		c := k + 2
		for c < len(toks) && c-k <= 12 && info[c].sent == sent && toks[c].Text != "," && !toks[c].IsQuote() {
			c++
		}
		if c >= len(toks) || toks[c].Text != "," || c == k+2 || !namesSomeone(toks[k+2:c]) {
			continue
		}
		// "According to Dr. Ann Wu, who led the study, the drug …": the
		// source runs on over its apposition to the next comma.
		if w := toks[min(c+1, len(toks)-1)].Text; lowerIs(w, "who") || lowerIs(w, "which") || lowerIs(w, "a") || lowerIs(w, "an") {
			n := c + 1
			for n < len(toks) && n-c <= 12 && info[n].sent == sent && toks[n].Text != "," {
				n++
			}
			if n < len(toks) && toks[n].Text == "," {
				c = n
			} else if lowerIs(w, "who") || lowerIs(w, "which") {
				continue
			}
		}
		e := c + 1
		for e < len(toks) && info[e].sent == sent {
			e++
		}
		for e > c+1 && toks[e-1].Kind == text.Punct && !toks[e-1].IsQuote() {
			e--
		}
		if e-c < 4 {
			continue
		}
		if claimed(toks, info, out, con, tspan{a: k, b: e}, tspan{a: k, b: e}, tspan{a: c, b: e}) {
			continue
		}
		s := int(sent)
		out = append(out, report{para: para, content: []tspan{{a: c + 1, b: e, sa: s, sb: s}},
			cue: newSpan(tspan{a: k, b: k + 2, sa: s, sb: s}), src: newSpan(tspan{a: k + 2, b: c, sa: s, sb: s})})
	}
	return out
}

// invertedSource finds the source the tagger took for content in a sentence
// written "What was said, says the mayor.": a last content piece right after
// a cue of one verb of speech that a comma opens, short, unquoted and running
// to the sentence's end, after a piece before the cue, is the source.
func invertedSource(toks []text.Token, info []tokInfo, q tspan, con []tspan) (tspan, bool) {
	n := len(con)
	if n < 2 || q.b-q.a != 1 || q.a == 0 || toks[q.a-1].Text != "," || !inSet(speechVerbs, toks[q.a].Text) {
		return tspan{}, false
	}
	last, before := con[n-1], con[n-2]
	if last.a != q.b || before.b > q.a || last.b-last.a > 8 || quoted(toks, info, last) {
		return tspan{}, false
	}
	if w := toks[last.a]; w.Kind != text.Word || !capitalised(w.Text) && !inSet(determiners, w.Text) {
		return tspan{}, false
	}
	end := last.b
	for end < len(toks) && info[end].sent == info[last.a].sent && toks[end].Kind == text.Punct && !toks[end].IsQuote() {
		end++
	}
	if end < len(toks) && info[end].sent == info[last.a].sent {
		return tspan{}, false // the sentence goes on
	}
	return last, true
}

// idiom reports whether a cue opens a phrase that reports nobody's words
// ("according to plan,", "according to the schedule."), whatever the tagger
// made of the words after it.
func idiom(toks []text.Token, q tspan) bool {
	a := q.a + 2
	if a >= len(toks) || !lowerIs(toks[q.a].Text, "according") || !lowerIs(toks[q.a+1].Text, "to") {
		return false
	}
	if lowerIs(toks[a].Text, "the") || lowerIs(toks[a].Text, "its") {
		a++ // "according to the plan"
	}
	// The idiom's word, and then the phrase's end.
	return a+1 < len(toks) && inSet(accordingIdioms, toks[a].Text) && toks[a+1].Kind == text.Punct
}

var accordingIdioms = map[string]bool{"plan": true, "schedule": true, "form": true, "tradition": true, "custom": true,
	"protocol": true, "script": true, "timetable": true, "rules": true, "book": true}

// accordingAfter is according for a sentence that ends on its source after a
// comma: "The cost has doubled, according to the council." The cue is
// "according to" at k, the source the rest of the sentence (ten words at
// most, naming someone), the content the sentence up to the comma.
func accordingAfter(para int, toks []text.Token, info []tokInfo, out []report, con []tspan, k int) []report {
	sent := info[k].sent
	if k < 5 || toks[k-1].Text != "," {
		return out
	}
	e := k + 2
	for e < len(toks) && info[e].sent == sent && e-k <= 12 && !toks[e].IsQuote() && toks[e].Text != "," {
		e++
	}
	src := tspan{a: k + 2, b: e}
	for src.b > src.a && toks[src.b-1].Kind == text.Punct {
		src.b--
	}
	if src.b == src.a || e < len(toks) && info[e].sent == sent || !namesSomeone(toks[src.a:src.b]) {
		return out
	}
	st, ok := leadingContent(toks, info, k-1)
	if !ok {
		return out
	}
	// The tagger took the source for what was said ("…, according to | the
	// fire department"): its report gives way, when nothing else claims the
	// clause.
	wrong := -1
	for i, r := range out {
		if n := len(r.content); r.cue != nil && r.cue.a == k && r.cue.b == k+2 && n > 0 && r.content[n-1].a >= src.a && r.content[n-1].a < src.b {
			wrong = i
			break
		}
	}
	rest := out
	if wrong >= 0 {
		rest = append(slices.Clone(out[:wrong]), out[wrong+1:]...)
	}
	if claimed(toks, info, rest, con, tspan{a: st, b: k}, tspan{a: k, b: k + 2}, tspan{a: st, b: k}) {
		return out
	}
	if wrong >= 0 {
		out = append(out[:wrong], out[wrong+1:]...)
	}
	s := int(sent)
	src.sa, src.sb = s, s
	return append(out, report{para: para, content: []tspan{{a: st, b: k - 1, sa: s, sb: s}},
		cue: newSpan(tspan{a: k, b: k + 2, sa: s, sb: s}), src: newSpan(src)})
}

// leadingContent returns where the sentence of the comma at toks[c] starts,
// when the words from there to the comma can be what a source after it said:
// four tokens at least, and no quotation mark (a quotation's own rules find
// those).
func leadingContent(toks []text.Token, info []tokInfo, c int) (int, bool) {
	st := c
	for st > 0 && info[st-1].sent == info[c].sent {
		st--
	}
	// Not the dateline, nor the dash after it ("MILLBROOK, Okla. — The
	// library …" splits after "Okla.").
	if dl := datelineEnd(toks); dl > st && dl < c {
		st = dl
	}
	for st < c && toks[st].Kind == text.Punct && !toks[st].IsQuote() {
		st++
	}
	if c-st < 4 {
		return st, false
	}
	for i := st; i < c; i++ {
		if toks[i].IsQuote() {
			return st, false
		}
	}
	return st, true
}

// saidAfter finds the reports of sentences written "What was said, said
// Priya Raman, who …" or "…, says the mayor." that the tagger left unmarked:
// the content from the sentence's start to the comma, the cue "said" or
// "says", the source the name or description after it, up to a comma or the
// sentence's end.
func saidAfter(para int, toks []text.Token, info []tokInfo, out []report, con []tspan) []report {
	for k := 1; k+1 < len(toks); k++ {
		if toks[k-1].Text != "," || !(lowerIs(toks[k].Text, "said") || lowerIs(toks[k].Text, "says")) {
			continue
		}
		sent := info[k].sent
		w := toks[k+1]
		if info[k+1].sent != sent || w.Kind != text.Word || !capitalised(w.Text) && !inSet(determiners, w.Text) {
			continue
		}
		st, ok := leadingContent(toks, info, k-1)
		if !ok {
			continue
		}
		e := k + 1
		for e < len(toks) && info[e].sent == sent && e-k <= 8 && toks[e].Kind != text.Punct && !timeWord(toks, e) {
			e++
		}
		if e < len(toks) && toks[e].Text == "," && e+1 < len(toks) {
			// "…, said Ann Wu, who …" ends here; "The neighbour …, said Ann
			// Wu, has since moved" goes on: the rule is not for it.
			if w := toks[e+1]; !(lowerIs(w.Text, "who") || lowerIs(w.Text, "whose") || lowerIs(w.Text, "which") ||
				lowerIs(w.Text, "a") || lowerIs(w.Text, "an") || lowerIs(w.Text, "the") || w.Kind == text.Number) {
				continue
			}
		}
		if claimed(toks, info, out, con, tspan{a: st, b: k}, tspan{a: k, b: k + 1}, tspan{a: st, b: k}) {
			continue
		}
		s := int(sent)
		out = append(out, report{para: para, content: []tspan{{a: st, b: k - 1, sa: s, sb: s}},
			cue: newSpan(tspan{a: k, b: k + 1, sa: s, sb: s}), src: newSpan(tspan{a: k + 1, b: e, sa: s, sb: s})})
	}
	return out
}

// cueClosing finds the reports of lead sentences that end on who said them
// in the forms the tagger leaves unmarked: "…, the nurses' union has said.",
// "…, the company said in a statement on Tuesday.", "…, the BBC
// understands.", "…, the paper has been told.", "…, a Home Office source
// told the Herald.". The source is a few words after the comma, opening on a
// determiner or a capital; the sentence ends on a full stop a few words of
// when or where after the cue at most.
func cueClosing(para int, toks []text.Token, info []tokInfo, out []report, con []tspan) []report {
	for c := 1; c+2 < len(toks); c++ {
		if toks[c].Text != "," {
			continue
		}
		sent := info[c].sent
		w := toks[c+1]
		if info[c+1].sent != sent || w.Kind != text.Word || !capitalised(w.Text) && !inSet(determiners, w.Text) && !namesSomeone(toks[c+1:c+2]) {
			continue
		}
		v := c + 1
		for v < len(toks) && v-c <= 6 && info[v].sent == sent && toks[v].Kind == text.Word && !closingCueWord(toks, v) {
			v++
		}
		if v >= len(toks) || v == c+1 || info[v].sent != sent || !closingCueWord(toks, v) {
			continue
		}
		e, ok := closingCue(toks, info, v)
		if !ok {
			continue
		}
		src := tspan{a: c + 1, b: v}
		if !capitalised(toks[src.b-1].Text) && !namesSomeone(toks[src.a:src.b]) && !(src.b-src.a <= 3 && lowerIs(toks[src.a].Text, "the")) {
			continue
		}
		if !closingSource(toks, src, v) {
			continue
		}
		tail := e
		for tail < len(toks) && info[tail].sent == sent && tail-e <= 6 && toks[tail].Kind == text.Word && !lowerIs(toks[tail].Text, "that") &&
			(tail > e || inSet(prepositions, toks[tail].Text) && !lowerIs(toks[tail].Text, "to") || timeWord(toks, tail)) {
			tail++
		}
		if tail >= len(toks) || toks[tail].Text != "." || tail+1 < len(toks) && info[tail+1].sent == sent {
			continue
		}
		st, ok := leadingContent(toks, info, c)
		if !ok || circumstance(toks[st].Text) {
			continue
		}
		content := tspan{a: st, b: c}
		knows := !closingSourceSpeech(toks, v)
		// A report the tagger found inside the clause ("… is expected to …,
		// the BBC understands.") gives way to the one the sentence ends on.
		kept := out[:0:0]
		for _, r := range out {
			if !inside(toks, r, content, tspan{a: st, b: tail + 1}, knows) {
				kept = append(kept, r)
			}
		}
		if claimed(toks, info, kept, con, content, tspan{a: v, b: e}, content) {
			continue
		}
		out = kept
		s := int(sent)
		out = append(out, report{para: para, content: []tspan{{a: st, b: c, sa: s, sb: s}},
			cue: newSpan(tspan{a: v, b: tail, sa: s, sb: s}), src: newSpan(tspan{a: src.a, b: src.b, sa: s, sb: s})})
	}
	return out
}

// inside reports whether report r's cue lies within clause x, its source (if
// any) after it and its contents within sentence whole: a report the tagger
// found in the clause before the comma ("… after rejecting a pay offer, the
// union has said.").
func inside(toks []text.Token, r report, x, whole tspan, knows bool) bool {
	in := func(y, x tspan) bool { return y.a >= x.a && y.b <= x.b }
	// (Not one with a source of its own in the clause: "Republicans were
	// incensed that …, sources told the paper" holds two reports, and so does
	// "Mara Quell said she would resign, the BBC understands." What a newsroom
	// knows takes the clause from a source whose cue is no verb of speech: "The
	// Treasury is expected to …, the BBC understands.")
	if r.cue == nil || !in(*r.cue, x) || r.src != nil && (!in(*r.src, whole) || r.src.a < x.b && !(knows && !speechIn(toks, *r.cue))) {
		return false
	}
	for _, c := range r.content {
		if !in(c, whole) {
			return false
		}
	}
	return true
}

// closingSource reports whether the words src before the closing cue at v
// can be its source: no adverb between them ("the Americans never
// understand"); for what a newsroom knows ("understands", "has learned",
// "has been told"), a body by its capitalised name ("the BBC", "The Times"),
// not a person ("Mr Jones understands" is no report).
func closingSource(toks []text.Token, src tspan, v int) bool {
	for _, t := range toks[src.a:src.b] {
		if inSet(sourceAdverbs, t.Text) {
			return false
		}
	}
	if closingSourceSpeech(toks, v) {
		return true
	}
	if lowerIs(toks[v].Text, "understand") {
		return false
	}
	a := src.a
	if lowerIs(toks[a].Text, "the") {
		a++
	}
	if a >= src.b || isTitle(toks[a].Text) {
		return false
	}
	for _, t := range toks[a:src.b] {
		if !capitalised(t.Text) {
			return false
		}
	}
	return true
}

// closingSourceSpeech reports whether the closing cue at v is a verb of
// speech ("said", "has told") rather than what a newsroom knows
// ("understands", "has learned", "has been told").
func closingSourceSpeech(toks []text.Token, v int) bool {
	w := toks[v].Text
	if lowerIs(w, "understands") || lowerIs(w, "understand") {
		return false
	}
	return !(v+1 < len(toks) && (lowerIs(w, "has") || lowerIs(w, "have")) &&
		(lowerIs(toks[v+1].Text, "learned") || lowerIs(toks[v+1].Text, "learnt") || lowerIs(toks[v+1].Text, "been")))
}

// speechIn reports whether span q holds a verb of speech.
func speechIn(toks []text.Token, q tspan) bool {
	for _, t := range toks[q.a:q.b] {
		if inSet(speechVerbs, t.Text) {
			return true
		}
	}
	return false
}

// sourceAdverbs are words that stand between a subject and its verb, never in
// a source's name.
var sourceAdverbs = map[string]bool{"never": true, "always": true, "also": true, "still": true, "just": true, "often": true,
	"not": true, "now": true, "rarely": true, "seldom": true, "really": true}

// closingCueWord reports whether toks[k] can open the cue that closes a
// sentence after its source: "said", "has", "have", "had", "understands",
// "told".
func closingCueWord(toks []text.Token, k int) bool {
	w := toks[k].Text
	return lowerIs(w, "said") || lowerIs(w, "says") || lowerIs(w, "has") || lowerIs(w, "have") || lowerIs(w, "had") ||
		lowerIs(w, "understands") || lowerIs(w, "understand") || lowerIs(w, "told")
}

// closingCue returns the end of the cue that opens at toks[v], when it is one
// a sentence may close on: "said", "has said", "have told", "understands",
// "has been told", "has learned", "told the Herald", "told reporters".
func closingCue(toks []text.Token, info []tokInfo, v int) (int, bool) {
	same := func(k int) bool { return k < len(toks) && info[k].sent == info[v].sent && toks[k].Kind == text.Word }
	w := toks[v].Text
	switch {
	case lowerIs(w, "said") || lowerIs(w, "says") || lowerIs(w, "understands") || lowerIs(w, "understand"):
		return v + 1, true
	case lowerIs(w, "told"):
		if same(v+1) && inSet(hearers, toks[v+1].Text) {
			return v + 2, true
		}
		k := v + 1
		if same(k) && lowerIs(toks[k].Text, "the") {
			k++
		}
		n := k
		for same(n) && capitalised(toks[n].Text) && n-k < 4 {
			n++
		}
		return n, n > k
	}
	// has / have / had
	if !same(v + 1) {
		return 0, false
	}
	n := toks[v+1].Text
	switch {
	case lowerIs(n, "said"):
		return v + 2, true
	case lowerIs(n, "told"):
		return closingCue(toks, info, v+1)
	case lowerIs(n, "learned") || lowerIs(n, "learnt"):
		return v + 2, true
	case lowerIs(n, "been") && same(v+2) && (lowerIs(toks[v+2].Text, "told") || lowerIs(toks[v+2].Text, "informed")):
		return v + 3, true
	}
	return 0, false
}

// claimed reports whether the tagger's reports already hold the words of
// span content or cue, or its contents a quote inside span quotes: the
// fallbacks (according, saidAfter) then add nothing.
func claimed(toks []text.Token, info []tokInfo, out []report, con []tspan, content, cue, quotes tspan) bool {
	overlaps := func(x, y tspan) bool { return x.a < y.b && y.a < x.b }
	for _, r := range out {
		for _, x := range r.content {
			if overlaps(x, content) {
				return true
			}
		}
		if r.cue != nil && overlaps(*r.cue, cue) {
			return true
		}
	}
	for _, x := range con {
		if overlaps(x, quotes) && quoted(toks, info, x) {
			return true
		}
	}
	return false
}

// timeWord reports whether token k opens a phrase of time that ends a
// source: "on Monday", "last week", "Monday".
func timeWord(toks []text.Token, k int) bool {
	w := toks[k].Text
	if (lowerIs(w, "on") || lowerIs(w, "in") || lowerIs(w, "at") || lowerIs(w, "last") || lowerIs(w, "this")) && k+1 < len(toks) {
		n := toks[k+1].Text
		return inSet(timeNouns, n) || inSet(timeWords, n) // (timeWords holds the days)
	}
	return weekday(w) || lowerIs(w, "yesterday") || lowerIs(w, "today")
}

// namesSomeone reports whether a source's words name someone who can say
// something: a capitalised word after the first, a person's role or trade,
// or a body ("According to Tom Becker", "according to police", not
// "according to plan" or "the latest figures").
func namesSomeone(ts []text.Token) bool {
	for i, t := range ts {
		if t.Kind != text.Word {
			continue
		}
		switch {
		case i > 0 && capitalised(t.Text), i == 0 && capitalised(t.Text) && !inSet(determiners, t.Text):
			return true
		case inSet(roleNouns, t.Text) || occupation(t.Text) || inSetF(orgWords, orgWordsF, t.Text) || isTitle(t.Text):
			return true
		case lowerIs(t.Text, "police") || lowerIs(t.Text, "officials") || lowerIs(t.Text, "experts") || lowerIs(t.Text, "witnesses") ||
			lowerIs(t.Text, "sources") || lowerIs(t.Text, "researchers") || lowerIs(t.Text, "prosecutors") || lowerIs(t.Text, "residents"):
			return true
		}
	}
	return false
}

// quotedTail finds the last words of a direct quote that the tagger left
// out: a sentence wholly in quotation marks right after the sentence of its
// cue, ending the paragraph or its own sentence, with no cue of its own
// ("“Nobody asked us,” said Ray Okafor, the group's president. “Not once.”").
func quotedTail(toks []text.Token, info []tokInfo, r report, con []tspan) (tspan, bool) {
	end := r.cue.b
	for _, c := range r.content {
		if !quoted(toks, info, c) {
			return tspan{}, false
		}
		end = max(end, c.b)
	}
	if r.src != nil {
		end = max(end, r.src.b)
	}
	// The rest of the cue's sentence, with no quotation mark in it.
	k := end
	for k < len(toks) && info[k].sent == info[r.cue.a].sent {
		if toks[k].IsQuote() {
			return tspan{}, false
		}
		k++
	}
	if k >= len(toks) || toks[k].Kind != text.OpenQuote || toks[k-1].Text != "." {
		return tspan{}, false
	}
	o := k
	c := o + 1
	for c < len(toks) && !toks[c].IsQuote() {
		c++
	}
	if c >= len(toks) || toks[c].Kind != text.CloseQuote || c == o+1 || c+1 < len(toks) && toks[c+1].Kind == text.Word {
		return tspan{}, false
	}
	for c > o+2 && (toks[c-1].Text == "." || toks[c-1].Text == ",") {
		c--
	}
	t := tspan{a: o + 1, b: c, sa: int(info[o+1].sent), sb: int(info[c-1].sent)}
	for _, x := range con {
		if x.a < t.b && t.a < x.b {
			return tspan{}, false // a quote of its own
		}
	}
	return t, true
}

// newSpan returns a new span holding s.
func newSpan(s tspan) *tspan { return &s }

// whoHead finds who speaks when the tagger took the "who" of a relative
// clause that closes before the cue: in "A council official, who asked not to
// be named, said …" it is "A council official", in "Mr. Obama, who …, told"
// "Mr. Obama". That is the name ending before the comma (with its titles), or
// else the words back to the sentence's start or the last punctuation, at
// most eight, opening with a determiner or a capital.
//
// A source the tagger took inside such a clause is the clause's, not the
// speaker: "Commissioner Anna Reyes, who is not related to Tony Reyes, said"
// is Anna Reyes'.
func whoHead(toks []text.Token, info []tokInfo, src, q tspan) (tspan, bool) {
	w := src.a
	if src.b != w+1 || !lowerIs(toks[w].Text, "who") {
		if w = clauseWho(toks, info, src); w < 0 {
			return tspan{}, false
		}
	}
	if w < 2 || toks[w-1].Text != "," || q.a <= w {
		return tspan{}, false
	}
	closed := false
	for k := w + 1; k < q.a; k++ {
		if info[k].sent != info[w].sent {
			return tspan{}, false
		}
		closed = closed || toks[k].Text == ","
	}
	if !closed {
		return tspan{}, false
	}
	end := w - 1 // the comma
	if c := ageHome(toks, w); c > 0 {
		end = c // "Jane Roe, 59, of Ashton, Md., who"
	}
	sent := info[end-1].sent
	isCap := func(i int) bool { return toks[i].Kind == text.Word && capitalised(toks[i].Text) }
	k := end - 1
	if isCap(k) {
		for k > 0 && end-k < 8 && info[k-1].sent == sent && (isCap(k-1) || inSet(particles, toks[k-1].Text)) {
			k--
		}
	}
	// A name after a preposition belongs to a description: "A spokesman for
	// Harbor Freight, who …".
	if !isCap(end-1) || k > 0 && info[k-1].sent == sent && inSet(prepositions, toks[k-1].Text) {
		k = end - 1
		for k > 0 && end-k < 8 && info[k-1].sent == sent && toks[k-1].Kind != text.Punct && !toks[k-1].IsQuote() {
			k--
		}
		for k < end-1 && inSet(openers, toks[k].Text) {
			k++ // "But the star reporter"
		}
		if !inSet(determiners, toks[k].Text) && !isCap(k) || end-k > 8 {
			return tspan{}, false
		}
	}
	return tspan{a: k, b: end, sa: int(sent), sb: int(sent)}, true
}

// endedBefore returns how many of a report's first content pieces are
// quotations of sentences that ended before its source's, when the report
// says something after its cue in that sentence: in "Drivers held signs
// reading “Give It Back.” One of them, Luis Ferreira, said he had lost his
// pension" the sign is not what Ferreira said. (A pronoun's sentence may
// carry on the quotation before it.)
func endedBefore(toks []text.Token, info []tokInfo, con []tspan, src, q tspan) int {
	n := len(con)
	if n < 2 || src.b > q.a {
		return 0
	}
	last := con[n-1]
	v := toks[q.a].Text
	if last.a != q.b || q.b-q.a != 1 || last.b-last.a < 5 || quoted(toks, info, last) || info[last.a].sent != info[q.a].sent ||
		inSet(prepositions, toks[last.a].Text) || lowerIs(toks[last.a].Text, "about") || !inSet(speechVerbs, v) && !inSet(reportVerbs, v) ||
		src.b-src.a == 1 && isPronoun(toks[src.a].Text) ||
		info[src.a].sent != info[q.a].sent || src.a == 0 || info[src.a-1].sent == info[src.a].sent {
		// (What was said follows a verb of speech at once, and a name or a
		// description opens the sentence: not "“A.” “B,” Reyes said, “C”",
		// "“A.” He added, “B.”", "“A?” Reyes said about …")
		return 0
	}
	k := 0
	for k < n-1 && con[k].b <= src.a && info[con[k].b-1].sent < info[src.a].sent && quoted(toks, info, con[k]) && endsSentence(toks, con[k]) {
		k++
	}
	return k
}

// endsSentence reports whether span c ends on a full stop, a question or an
// exclamation mark, inside the quotation marks or just after it.
func endsSentence(toks []text.Token, c tspan) bool {
	for k := c.b - 1; k < len(toks) && k <= c.b+1; k++ {
		if t := toks[k].Text; t == "." || t == "?" || t == "!" {
			return true
		}
	}
	return false
}

// dropNarrative drops from a quotation the unquoted words after its cue that
// say when or where it was said: in "“…,” Whitcomb said during the hearing"
// the content is the quotation, not "during the hearing".
func dropNarrative(toks []text.Token, info []tokInfo, con []tspan, q tspan) []tspan {
	n := len(con)
	if n < 2 {
		return con
	}
	// A piece after the cue, unquoted, that a preposition opens or that
	// follows a cue ending in one ("said at | the signing on Friday. “…”").
	narrative := func(c tspan) bool {
		return c.a >= q.b && (inSet(prepositions, toks[c.a].Text) || c.a == q.b && inSet(prepositions, toks[q.b-1].Text) ||
			c.a == q.b+1 && inSet(prepositions, toks[q.b].Text)) && !quoted(toks, info, c) // ("said at | a news conference")
	}
	drop := -1
	for i, c := range con {
		switch {
		case c.b <= q.a && !quoted(toks, info, c):
			return con
		case c.a > q.a && narrative(c):
			if drop >= 0 {
				return con
			}
			drop = i
		case c.a > q.a && !quoted(toks, info, c):
			return con
		}
	}
	if drop < 0 || drop == 0 {
		return con
	}
	return append(con[:drop:drop], con[drop+1:]...)
}

// clauseWho returns the "who" of the relative clause a span stands in (", who
// is not related to | Tony Reyes |"), with no comma between them; else -1.
func clauseWho(toks []text.Token, info []tokInfo, src tspan) int {
	for k := src.a - 1; k > 0 && src.a-k <= 12 && info[k].sent == info[src.a].sent; k-- {
		switch t := toks[k].Text; {
		case t == "," || toks[k].IsQuote():
			return -1
		case lowerIs(t, "who"):
			return k
		}
	}
	return -1
}

// timeNouns end a phrase of time before a cue, and are no part of it.
var timeNouns = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true, "weekend": true,
	"week": true, "month": true, "year": true}

// openers may open a sentence before its subject.
var openers = map[string]bool{"but": true, "and": true, "or": true, "so": true, "yet": true, "then": true}

// prepositions make a phrase of place, time or belonging: a name inside one is
// not who speaks.
var prepositions = map[string]bool{"in": true, "on": true, "at": true, "after": true, "before": true, "for": true, "with": true,
	"by": true, "from": true, "during": true, "since": true, "under": true, "over": true, "across": true, "inside": true,
	"outside": true, "near": true, "behind": true, "beyond": true, "within": true, "without": true, "to": true, "of": true,
	"as": true, "when": true, "while": true, "if": true, "once": true, "until": true, "like": true, "among": true}

// determiners open a noun phrase: the word after one is no cue.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "his": true, "her": true, "its": true, "our": true, "their": true, "my": true, "your": true}

// accordingSource finds the source the tagger took for content after an
// "according to" cue: the words right after the cue up to a comma (ten at
// most), with content after the comma.
func accordingSource(toks []text.Token, q tspan, con []tspan) (tspan, bool) {
	if len(con) == 0 || q.b-q.a < 2 || !lowerIs(toks[q.a].Text, "according") || !lowerIs(toks[q.a+1].Text, "to") {
		return tspan{}, false
	}
	if a := con[0].a; a > q.b && a-q.b <= 10 && toks[a-1].Text == "," {
		// The tagger left the source out ("According to a statement | from
		// the harbour authority, | the pier …"): the words between, but "from".
		b := q.b
		if lowerIs(toks[b].Text, "from") || lowerIs(toks[b].Text, "by") || lowerIs(toks[b].Text, "of") {
			b++
		}
		if b < a-1 && !hasComma(toks[b:a-1]) {
			return tspan{a: b, b: a - 1, sa: con[0].sa, sb: con[0].sa}, true
		}
		return tspan{}, false
	}
	if con[0].a != q.b {
		return tspan{}, false
	}
	for j := con[0].a; j < len(toks) && j-con[0].a <= 10; j++ {
		if toks[j].Text == "," {
			if j == con[0].a || j+1 >= con[0].b && len(con) == 1 {
				return tspan{}, false // nothing on one side of the comma
			}
			return tspan{a: con[0].a, b: j, sa: con[0].sa, sb: con[0].sa}, true
		}
	}
	return tspan{}, false
}

// colonSource finds who introduces a quotation with a colon in its own sentence,
// for a quote the tagger gave no cue: "The mayor was blunt: “…”", "Construction
// boss Jonas Berg was more cautious: “…”". The cue is the words in lower case
// before the colon (one to six: "was blunt", "put it plainly"); the source, the
// sentence's words before them (eight at most), which must name someone: a
// capitalised word past the first, a personal pronoun, or "the" and a role ("The
// mayor").
func colonSource(toks []text.Token, info []tokInfo, c tspan) (src, cue tspan, ok bool) {
	k := c.a - 1
	if c.a < len(toks) && toks[c.a].Kind == text.OpenQuote {
		k = c.a - 1
	} else if k >= 0 && toks[k].Kind == text.OpenQuote {
		k--
	}
	if k < 1 || toks[k].Text != ":" {
		return tspan{}, tspan{}, false
	}
	sent := info[k].sent
	cb := k // the cue ends at the colon
	ca := cb
	// The cue's words are in lower case and follow no determiner: "the mayor"
	// is the source's.
	for ca > 0 && cb-ca < 6 && info[ca-1].sent == sent && toks[ca-1].Kind == text.Word && !capitalised(toks[ca-1].Text) &&
		!(ca > 1 && inSet(determiners, toks[ca-2].Text)) {
		ca--
	}
	sa := ca
	for sa > 0 && info[sa-1].sent == sent {
		sa--
	}
	// The source ends before the cue, less a comma ("…, a builder, was blunt:").
	sb := ca
	for sb > sa && toks[sb-1].Kind == text.Punct && toks[sb-1].Text == "," {
		sb--
	}
	if ca == cb || sb == sa || sb-sa > 8 || toks[sa].IsQuote() {
		return tspan{}, tspan{}, false
	}
	// The source names someone: a pronoun, "the" and a role, or words that end
	// in a name and hold no preposition ("In Portview, the mood was grim:",
	// "The sign on the door of the Berg bakery read:" name no speaker).
	names := false
	switch first, last := toks[sa].Text, toks[sb-1]; {
	case sb-sa == 1 && isPronoun(first) && !lowerIs(first, "it") && !lowerIs(first, "who"):
		names = true
	case lowerIs(first, "the") && sb-sa == 2 && inSet(roleNouns, toks[sa+1].Text):
		names = true
	case sb-sa > 1 && last.Kind == text.Word && capitalised(last.Text):
		names = true
		for i := sa; i < sb; i++ {
			if inSet(prepositions, toks[i].Text) {
				names = false // the name is not what the phrase is about
			}
		}
	}
	if !names {
		return tspan{}, tspan{}, false
	}
	s := int(sent)
	return tspan{a: sa, b: sb, sa: s, sb: s}, tspan{a: ca, b: cb, sa: s, sb: s}, true
}

// quotedWords counts the words of spans, and those of them inside quotation marks.
func quotedWords(toks []text.Token, info []tokInfo, spans ...tspan) (in, n int) {
	for _, s := range spans {
		for i := s.a; i < s.b; i++ {
			if toks[i].Kind == text.Word || toks[i].Kind == text.Number {
				n++
				if info[i].inQ {
					in++
				}
			}
		}
	}
	return in, n
}

// quoted reports whether most of a span's words stand inside quotation marks.
func quoted(toks []text.Token, info []tokInfo, s tspan) bool {
	in, n := quotedWords(toks, info, s)
	return n > 0 && in*10 >= n*8
}

// kindOf tells direct, indirect and mixed apart by how much of the content stands
// inside quotation marks.
// Words in quotation marks that name a work or a nickname, in title case
// ("whether the song “Harbour Lights” should be sung"), make no report mixed,
// unless the report is itself in title case (a headline).
func kindOf(toks []text.Token, info []tokInfo, spans []tspan) string {
	in, n := quotedWords(toks, info, spans...)
	switch {
	case n > 0 && in == n:
		return article.Direct
	case in > 0 && (in > titledWords(toks, info, spans) || titleCased(toks, info, spans)):
		return article.Mixed
	}
	return article.Indirect
}

// titleCased reports whether most words of spans outside quotation marks are
// capitalised, as in a headline, where a title's case tells nothing.
func titleCased(toks []text.Token, info []tokInfo, spans []tspan) bool {
	n, c := 0, 0
	for _, s := range spans {
		for i := s.a; i < s.b; i++ {
			if !info[i].inQ && toks[i].Kind == text.Word && !toks[i].IsQuote() {
				n++
				if capitalised(toks[i].Text) {
					c++
				}
			}
		}
	}
	return c*10 >= n*7
}

// titledWords counts the words of spans inside quotation marks that stand in
// runs of eight words at most written as titles are: every word capitalised
// but short function words ("Gone with the Wind").
func titledWords(toks []text.Token, info []tokInfo, spans []tspan) int {
	total := 0
	for _, s := range spans {
		for i := s.a; i < s.b; {
			if !info[i].inQ || toks[i].Kind != text.Word {
				i++
				continue
			}
			j, words, title := i, 0, capitalised(toks[i].Text)
			for ; j < s.b && info[j].inQ && !toks[j].IsQuote(); j++ {
				switch t := toks[j]; t.Kind {
				case text.Word:
					words++
					title = title && (capitalised(t.Text) || inSet(titleSmallWords, t.Text))
				case text.Number:
					words++
				default:
					title = title && (t.Text == ":" || t.Text == "'s" || t.Text == "-")
				}
			}
			// (One word is a title only after a word that says so: the song
			// “Jerusalem”, not a budget deal called “Fantastic”.)
			if title && words <= 8 && (words >= 2 || i >= 2 && inSet(titleCues, toks[i-2].Text)) {
				total += words
			}
			i = max(j, i+1)
		}
	}
	return total
}

// titleCues say that a title or a name in quotation marks follows.
var titleCues = map[string]bool{"song": true, "film": true, "movie": true, "book": true, "novel": true, "album": true,
	"play": true, "show": true, "series": true, "poem": true, "nicknamed": true, "dubbed": true, "titled": true,
	"entitled": true, "named": true, "called": true}

// titleSmallWords are written in lower case inside a title.
var titleSmallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "or": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "with": true, "by": true, "from": true}

// spanText returns the paragraph text of a token span, without enclosing quotation
// marks or a trailing comma when the report is direct.
func spanText(p string, toks []text.Token, s tspan, trimMarks bool) (string, int, int) {
	a, b := s.a, s.b
	if trimMarks {
		for a < b && toks[a].IsQuote() {
			a++
		}
		for b > a && toks[b-1].IsQuote() {
			b--
		}
	}
	if a >= b {
		return "", toks[s.a].Start, toks[s.a].Start
	}
	return strings.TrimSpace(p[toks[a].BStart:toks[b-1].BEnd]), toks[a].Start, toks[b-1].End
}

// adjacentName is the fallback source of a cue the tagger gave none: a run of
// capitalised words (or a personal pronoun) right after it ("said Councillor Jane
// Roe") or right before it ("Jane Roe said", "Jane Roe on Monday said").
func adjacentName(toks []text.Token, q tspan) (tspan, bool) {
	isCap := func(i int) bool {
		return i >= 0 && i < len(toks) && toks[i].Kind == text.Word && capitalised(toks[i].Text)
	}
	isPron := func(i int) bool {
		if i < 0 || i >= len(toks) {
			return false
		}
		switch lower(toks[i].Text) {
		case "he", "she", "they", "we", "i":
			return true
		}
		return false
	}
	if j := q.b; isCap(j) || isPron(j) {
		k := j + 1
		for !isPron(j) && k < len(toks) && k-j < 6 && (isCap(k) || inSet(particles, toks[k].Text)) {
			k++
		}
		return tspan{a: j, b: k, sa: q.sa, sb: q.sa}, true
	}
	j := q.a - 1
	// (Over a time between: "Premier Thandiwe Mkhize on Wednesday vowed".)
	for t := j; t >= 1 && j-t < 3; t-- {
		if !timeWord(toks, t) && !inSet(timeNouns, toks[t].Text) {
			break
		}
		if isCap(t-1) && !weekday(toks[t-1].Text) {
			j = t - 1
			break
		}
	}
	if isCap(j) || isPron(j) {
		k := j
		for !isPron(j) && k > 0 && j-k < 5 && (isCap(k-1) || inSet(particles, toks[k-1].Text)) {
			k--
		}
		if inSet(notNames, toks[k].Text) && !isPron(k) {
			return tspan{}, false
		}
		if j < q.a-1 && k > 0 && toks[k-1].Kind != text.Punct {
			return tspan{}, false // (the name over a time opens its clause: not "an ad in Indiana on Sunday titled")
		}
		return tspan{a: k, b: j + 1, sa: q.sa, sb: q.sa}, true
	}
	return tspan{}, false
}

// dashAttribution finds the epigraph convention, a paragraph that is one quotation
// followed by a dash and who said it: “…” — Jane Roe, a voter in Ohio.
func dashAttribution(para int, toks []text.Token, info []tokInfo) (report, bool) {
	if len(toks) < 4 || !(toks[0].Kind == text.OpenQuote || toks[0].Kind == text.CloseQuote) {
		return report{}, false
	}
	for d := 2; d+1 < len(toks); d++ {
		if !isDash(toks[d].Text) {
			continue
		}
		if !toks[d-1].IsQuote() || toks[d+1].Kind != text.Word || !capitalised(toks[d+1].Text) {
			return report{}, false
		}
		// Everything before the dash must be the quotation.
		for i := 1; i < d-1; i++ {
			if toks[i].IsQuote() && toks[i].Kind != text.CloseQuote && toks[i].Kind != text.OpenQuote {
				return report{}, false
			}
		}
		k := d + 1
		for k < len(toks) && k-d <= 5 && toks[k].Kind == text.Word && (capitalised(toks[k].Text) || inSet(particles, toks[k].Text)) {
			k++
		}
		sent := func(i int) int { return int(info[i].sent) }
		con := tspan{a: 0, b: d, sa: 0, sb: sent(d - 1)}
		cue := tspan{a: d, b: d + 1, sa: sent(d), sb: sent(d)}
		src := tspan{a: d + 1, b: k, sa: sent(d + 1), sb: sent(k - 1)}
		return report{para: para, content: []tspan{con}, cue: &cue, src: &src}, true
	}
	return report{}, false
}

// colonHeadline finds the headline convention "Name: what they said" ("Mayor Voss:
// We Will Rebuild"). The name must be one to three capitalised words that the body
// also names, so that "The Latest: …" or "A Curious Plan: …" are not taken for sources.
func colonHeadline(para int, toks []text.Token, info []tokInfo, body string) (report, bool) {
	c := -1
	for i, t := range toks {
		if t.Text == ":" {
			c = i
			break
		}
	}
	if c < 1 || c > 3 || len(toks)-c-1 < 3 {
		return report{}, false
	}
	for i := 0; i < c; i++ {
		if toks[i].Kind != text.Word || !capitalised(toks[i].Text) || notNames[lower(toks[i].Text)] {
			return report{}, false
		}
	}
	if !containsWord(body, stripPossessive(toks[c-1].Text)) || saysAtEnd(toks[c+1:]) {
		return report{}, false
	}
	sent := func(i int) int { return int(info[i].sent) }
	src := tspan{a: 0, b: c, sa: 0, sb: sent(c - 1)}
	cue := tspan{a: c, b: c + 1, sa: sent(c), sb: sent(c)}
	con := tspan{a: c + 1, b: len(toks), sa: sent(c + 1), sb: sent(len(toks) - 1)}
	// "Minister: ‘We will not be bullied’ by consultants’ union": the words
	// in the marks that open the rest, when they close before its end.
	if toks[con.a].IsQuote() {
		marks := newQuoteDepth(toks)
		for i := 0; i < len(toks); i++ {
			d := marks.step(i, &toks[i])
			if i > con.a && d == 0 && toks[i].IsQuote() {
				if i+1 < len(toks) {
					con.b, con.sb = i+1, sent(i)
				}
				break
			}
		}
	}
	for con.b > con.a+1 && toks[con.b-1].Kind == text.Punct {
		con.b--
	}
	return report{para: para, content: []tspan{con}, cue: &cue, src: &src, headline: true}, true
}

// dropTopicColon drops from a headline's reports those whose cue is its colon
// when the words after the colon name who says them ("Port Edley: don't drink
// the water, minister says"): what stands before the colon is a topic.
func dropTopicColon(toks []text.Token, reports []report) []report {
	return slices.DeleteFunc(reports, func(r report) bool {
		return r.cue != nil && r.cue.b-r.cue.a == 1 && toks[r.cue.a].Text == ":" && saysAtEnd(toks[r.cue.b:])
	})
}

// saysAtEnd reports whether a headline's words end by naming who says them:
// "…, minister says", "…, says Lindqvist" (the words before the colon are
// then a topic: "Port Edley: don't drink the water, minister says").
func saysAtEnd(toks []text.Token) bool {
	for k := len(toks) - 1; k >= 0 && len(toks)-k <= 6; k-- {
		switch t := toks[k]; {
		case t.Text == ",":
			return false
		case lowerIs(t.Text, "says") || lowerIs(t.Text, "said") || lowerIs(t.Text, "warns") || lowerIs(t.Text, "claims"):
			return k > 0 && (toks[k-1].Text == "," || k > 1 && toks[k-2].Text == "," || k > 2 && toks[k-3].Text == ",")
		}
	}
	return false
}

// containsWord reports whether w stands in s as a whole word.
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(w)
		before, after := rune(' '), rune(' ')
		if a > 0 {
			before, _ = utf8.DecodeLastRuneInString(s[:a])
		}
		if b < len(s) {
			after, _ = utf8.DecodeRuneInString(s[b:])
		}
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = b
	}
}

// labelColon finds a transcript's speaker label opening a body paragraph,
// “PENCE: Well, look …”, maybe behind an opening quotation mark: one to three
// capitalised words, none of them a word the training text writes in lower case
// ("Read more:"), none a single letter ("Q:"), then a colon and three tokens or
// more. It returns the index of the colon, or -1.
func labelColon(toks []text.Token, common func(string) bool) int {
	a := labelStart(toks)
	for c := a + 1; c <= a+3 && c < len(toks); c++ {
		t := toks[c-1]
		if qaLabel(toks, c) {
			return c // "Q:", "A:" (an interview: transcriptLabels keeps them only in pairs)
		}
		if t.Kind != text.Word || utf8.RuneCountInString(t.Text) < 2 || !capitalised(t.Text) || inSet(notNames, t.Text) || common(t.Text) {
			return -1
		}
		if toks[c].Text == ":" {
			if len(toks)-c-1 < 3 {
				return -1
			}
			return c
		}
	}
	return -1
}

// qaLabel reports whether the colon at c ends an interview's label "Q" or "A"
// opening the paragraph.
func qaLabel(toks []text.Token, c int) bool {
	a := labelStart(toks)
	return c == a+1 && (toks[a].Text == "Q" || toks[a].Text == "A") && toks[c].Text == ":" && len(toks)-c-1 >= 3
}

// editorial are labels that open paragraphs and name nobody ("Update:",
// "Editor's note:", "Watch:").
var editorial = map[string]bool{"update": true, "updated": true, "editor": true, "editors": true, "note": true, "correction": true, "clarification": true, "watch": true, "read": true, "related": true, "more": true, "see": true, "also": true, "source": true, "sources": true, "photo": true, "photos": true, "video": true, "image": true, "credit": true, "advertisement": true, "breaking": true, "exclusive": true, "live": true, "warning": true, "disclaimer": true, "transcript": true, "summary": true, "background": true, "analysis": true, "opinion": true, "comment": true, "listen": true, "subscribe": true, "follow": true, "share": true, "contact": true, "email": true, "tags": true, "topics": true, "posted": true, "published": true, "location": true, "date": true, "time": true, "price": true, "pros": true, "cons": true, "verdict": true, "question": true, "answer": true, "caption": true, "quote": true}

// transcript is what transcriptLabels finds of an article's transcript.
type transcript struct {
	at   []int // for each paragraph, where its turn's label ends (its colon), or -1; nil: no transcript
	last int   // the paragraph of the last turn
	// exchange: three turns or more, of two speakers at least, one of whom
	// speaks again; only there does an answer run on over paragraphs.
	exchange bool
}

// transcriptLabels finds, for each paragraph, where labelColon finds its
// speaker's label, when two paragraphs or more have one: a transcript. A label
// counts when prose follows it and it is no editorial label ("Update:", "Watch:",
// which the training text need not write in lower case), and either its last
// word names someone elsewhere in the text ("Pires:" of "Ana Pires", "PIRES:"
// too) or it is in capitals and opens two turns or more ("WALLACE:"); so that
// datelines ("OSLO:", "BERLIN:") and line-ups ("HARBOUR UNITED: Okafor;
// Lindqvist, …") are no turns. Fewer than two turns kept are no transcript.
func transcriptLabels(ps []Paragraph, common func(string) bool) transcript {
	var at []int
	n := 0
	var opens map[string]int // how many paragraphs each label opens, by labelKey
	for i, p := range ps {
		if p.Title {
			continue
		}
		c := labelColon(p.Toks, common)
		if c <= 0 {
			continue
		}
		if at == nil {
			at = make([]int, len(ps))
			for k := range at {
				at[k] = -1
			}
			opens = map[string]int{}
		}
		n++
		if prose(p.Toks[c+1:]) {
			at[i] = c
			opens[labelKey(p.Toks[:c])]++
		}
	}
	if n < 2 {
		return transcript{}
	}
	// The words named outside the labels, lower-cased.
	named := map[string]bool{}
	for i, p := range ps {
		for k, t := range p.Toks {
			if t.Kind == text.Word && capitalised(t.Text) && !(at[i] > 0 && k < at[i]) {
				named[strings.ToLower(t.Text)] = true
			}
		}
	}
	tr := transcript{at: at}
	turns, again := 0, 0
	kept := map[string]int{} // the turns kept, by labelKey
	interview := opens["q "] >= 2 && opens["a "] >= 2
	for i, c := range at {
		if c <= 0 {
			continue
		}
		toks := ps[i].Toks
		key := labelKey(toks[:c])
		if qaLabel(toks, c) {
			if !interview {
				at[i] = -1
				continue
			}
			tr.last, turns = i, turns+1
			if kept[key]++; kept[key] == 2 {
				again++
			}
			continue
		}
		caps, ok := true, true
		for k := c - 1; k >= 0 && toks[k].Kind == text.Word; k-- {
			caps = caps && inCapitals(toks[k].Text)
			ok = ok && !inSet(editorial, toks[k].Text)
		}
		if !ok || !named[strings.ToLower(toks[c-1].Text)] && !(caps && opens[key] >= 2) {
			at[i] = -1
			continue
		}
		tr.last, turns = i, turns+1
		if kept[key]++; kept[key] == 2 {
			again++
		}
	}
	if turns < 2 {
		return transcript{}
	}
	tr.exchange = turns >= 3 && again >= 1 && len(kept) >= 2
	return tr
}

// goesOn reports whether a transcript's paragraph with no label (a block of kind)
// reads as more of the last answer, whose speaker's label ends in label (lower
// case): prose in a body paragraph, not in brackets ("(Voss points at a map.)"),
// not under an editorial label ("VIDEO: …"), and not naming that speaker ("Voss
// then showed the map.").
func goesOn(p Paragraph, kind, label string) bool {
	toks := p.Toks
	if kind != article.Paragraph || len(toks) == 0 || toks[0].Text == "(" || toks[0].Text == "[" || !prose(toks) {
		return false
	}
	// An editorial line ("VIDEO: …", "Watch: …") is the page's, not the speaker's.
	if a := labelStart(toks); a+1 < len(toks) && toks[a+1].Text == ":" && inSet(editorial, toks[a].Text) {
		return false
	}
	for _, t := range toks {
		if t.Kind == text.Word && strings.EqualFold(t.Text, label) {
			return false
		}
	}
	return true
}

// firstPerson reports whether reports, those of a transcript's paragraph with no
// label, are none, or carried on, or all of a speaker saying "I" or "we": the
// paragraph's words are still the last speaker's.
func firstPerson(toks []text.Token, reports []report) bool {
	for _, r := range reports {
		if r.carried {
			continue
		}
		if r.src == nil || r.src.b-r.src.a != 1 {
			return false
		}
		switch w := toks[r.src.a].Text; {
		case lowerIs(w, "i"), lowerIs(w, "we"):
		default:
			return false
		}
	}
	return true
}

// labelKey is a label's words, lower-cased, without the mark that may open it.
func labelKey(toks []text.Token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == text.Word {
			b.WriteString(strings.ToLower(t.Text))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// labelStart is where a transcript's label would start: after the quotation mark
// that may open the paragraph.
func labelStart(toks []text.Token) int {
	if len(toks) > 0 && (toks[0].Kind == text.OpenQuote || toks[0].Kind == text.AmbigQuote) {
		return 1
	}
	return 0
}

// speakerLabel makes the report of a transcript's paragraph whose label labelColon
// found at c: the label its source, the colon its cue, the rest its content.
func speakerLabel(para int, toks []text.Token, info []tokInfo, c int) report {
	a := labelStart(toks)
	sent := func(i int) int { return int(info[i].sent) }
	src := tspan{a: a, b: c, sa: sent(a), sb: sent(c - 1)}
	cue := tspan{a: c, b: c + 1, sa: sent(c), sb: sent(c)}
	con := tspan{a: c + 1, b: len(toks), sa: sent(c + 1), sb: sent(len(toks) - 1)}
	for con.b > con.a+1 && (toks[con.b-1].Kind == text.Punct || toks[con.b-1].IsQuote()) {
		con.b--
	}
	return report{para: para, content: []tspan{con}, cue: &cue, src: &src, label: true}
}

// prose reports whether toks read as sentences, not a list of names (a team's
// line-up after "Arsenal:"): two words or more in lower case, and two in five
// of the words at least.
func prose(toks []text.Token) bool {
	low, words := 0, 0
	for _, t := range toks {
		if t.Kind == text.Word {
			words++
			if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsLower(r) {
				low++
			}
		}
	}
	return low >= 2 && 5*low >= 2*words
}

// participleSubject returns the name that a participial phrase follows, when
// the source src closes that phrase right before the cue q: in "Housing
// Minister Ada Lund, speaking after Mr. Reyes, said …" who said it is Ada
// Lund, not the name inside the phrase. The name is a source span of src
// ending at the phrase's comma, else the capitalised words before it.
func participleSubject(toks []text.Token, info []tokInfo, src []tspan, s, q tspan) (tspan, bool) {
	comma := s.b // the comma after the source, which may hold it
	if s.b > s.a+1 && toks[s.b-1].Text == "," {
		comma = s.b - 1
	}
	if comma+1 != q.a || comma >= len(toks) || toks[comma].Text != "," || s.a < 3 {
		return tspan{}, false
	}
	c := s.a - 1
	for c >= 0 && s.a-c <= 6 && toks[c].Text != "," {
		if toks[c].Kind == text.Punct || toks[c].IsQuote() {
			return tspan{}, false
		}
		c--
	}
	if c < 1 || toks[c].Text != "," || info[c].sent != info[comma].sent {
		return tspan{}, false
	}
	w := toks[c+1].Text
	if toks[c+1].Kind != text.Word || capitalised(w) || len(w) < 6 || !strings.HasSuffix(w, "ing") {
		return tspan{}, false
	}
	for _, o := range src {
		if o.b == c {
			return o, true
		}
	}
	a := c
	for a > 0 && toks[a-1].Kind == text.Word && capitalised(toks[a-1].Text) && info[a-1].sent == info[c].sent {
		a--
	}
	if c-a < 2 {
		return tspan{}, false
	}
	return tspan{a: a, b: c, sa: int(info[a].sent), sb: int(info[c-1].sent)}, true
}

// mainSubject returns the subject of the sentence that cue q ends with a
// participial phrase, when the tagger found no source in that sentence: in
// "The union walked out on Monday, saying the offer fell short", who says it
// is the union. The cue is a word in "-ing" after a comma; the subject opens
// the sentence (after a dateline, or an opening phrase of place or time closed
// by a comma: "In May, …") and is a pronoun, or a few words, capitalised ones
// among them or a determiner first, up to the verb that follows it (an
// auxiliary, "says", a past tense). No clause of its own may stand between
// that verb and the cue ("…, while analysts warned …, citing …", "… as the
// governor took the stage, promising …": the phrase may be theirs).
func mainSubject(toks []text.Token, info []tokInfo, q tspan, dl int) (tspan, bool) {
	if q.a < 3 || toks[q.a-1].Text != "," {
		return tspan{}, false
	}
	if w := toks[q.a].Text; toks[q.a].Kind != text.Word || capitalised(w) || len(w) < 6 || !strings.HasSuffix(w, "ing") {
		return tspan{}, false
	}
	sent := info[q.a].sent
	a := q.a
	for a > 0 && info[a-1].sent == sent {
		a--
	}
	if dl > a && dl < q.a {
		a = dl
	}
	if toks[a].Kind != text.Word {
		return tspan{}, false // a quotation mark, a bullet: not the plain sentence this is about
	}
	for a < q.a && inSet(sentenceLinks, toks[a].Text) {
		a++ // "And now Mr. Reyes …"
	}
	if inSet(auxiliaries, toks[a].Text) {
		return tspan{}, false // a question
	}
	if inSet(prepositions, toks[a].Text) || timeWord(toks, a) || lowerIs(toks[a].Text, "earlier") || lowerIs(toks[a].Text, "later") {
		c := a + 1
		for c < q.a && c-a <= 6 && toks[c].Text != "," {
			if toks[c].Kind != text.Word {
				return tspan{}, false
			}
			c++
		}
		if c >= q.a-1 || toks[c].Text != "," {
			return tspan{}, false
		}
		a = c + 1
	}
	if a >= q.a || toks[a].Kind != text.Word {
		return tspan{}, false
	}
	v := -1 // the subject's verb
	switch w := toks[a].Text; {
	case lowerIs(w, "he") || lowerIs(w, "she") || lowerIs(w, "they") || lowerIs(w, "we") || lowerIs(w, "i"):
		v = a + 1
	default:
		if isPronoun(w) || lowerIs(w, "there") || lowerIs(w, "these") || lowerIs(w, "those") || lowerIs(w, "what") {
			return tspan{}, false // "It was there that …"
		}
		named := capitalised(w) && !inSet(determiners, w)
		if !named && !inSet(determiners, w) && !inSet(quantifiers, w) && !inSet(cardinals, w) {
			return tspan{}, false
		}
		for k := a + 1; k < q.a-1 && k-a <= 7; k++ {
			t := toks[k]
			if t.Kind != text.Word {
				return tspan{}, false
			}
			if capitalised(t.Text) {
				named = true
				continue
			}
			if clauseVerb(t.Text) {
				v = k
				break
			}
			if inSet(prepositions, t.Text) || isPronoun(t.Text) {
				return tspan{}, false
			}
		}
	}
	if v < 0 || v >= q.a-1 || toks[v].Kind != text.Word || capitalised(toks[v].Text) {
		return tspan{}, false
	}
	if v == a+1 && !clauseVerb(toks[v].Text) {
		return tspan{}, false // "He" and then no verb
	}
	for k := v + 1; k < q.a-1; k++ {
		t := toks[k].Text
		if toks[k].IsQuote() || t == ";" || t == ":" || inSet(clauseOpeners, t) ||
			t == "," && k+1 < q.a && (lowerIs(toks[k+1].Text, "and") || lowerIs(toks[k+1].Text, "but")) {
			return tspan{}, false
		}
	}
	return tspan{a: a, b: v, sa: int(sent), sb: int(sent)}, true
}

// clauseVerb reports whether lower-case word w may be the verb a sentence's
// subject is followed by: an auxiliary, "says", or a past tense (in "-ed", or
// one of the common irregular ones).
func clauseVerb(w string) bool {
	if inSet(auxiliaries, w) || inSet(pastVerbs, w) || lowerIs(w, "says") {
		return true
	}
	return len(w) >= 5 && strings.HasSuffix(w, "ed")
}

var (
	// pastVerbs are common past tenses not in "-ed".
	pastVerbs = map[string]bool{"said": true, "told": true, "made": true, "took": true, "gave": true, "met": true, "came": true,
		"went": true, "spent": true, "sent": true, "held": true, "left": true, "wrote": true, "spoke": true, "chose": true,
		"became": true, "found": true, "put": true, "set": true, "ran": true, "stood": true, "threw": true, "won": true,
		"lost": true, "hit": true, "cut": true, "led": true, "kept": true, "brought": true, "sought": true, "fought": true,
		"thought": true, "felt": true, "broke": true, "rose": true, "fell": true, "drew": true, "saw": true,
		"struck": true, "began": true, "paid": true, "sold": true, "bought": true, "read": true, "shut": true, "quit": true}
	// sentenceLinks join a sentence to the one before it.
	sentenceLinks = map[string]bool{"and": true, "but": true, "so": true, "yet": true, "now": true, "still": true, "then": true}
	// clauseOpeners open a clause of its own, whose subject a participle after
	// it may belong to.
	clauseOpeners = map[string]bool{"while": true, "whereas": true, "because": true, "although": true, "though": true,
		"which": true, "who": true, "whose": true, "whom": true, "when": true, "where": true, "if": true, "unless": true,
		"but": true, "after": true, "as": true, "before": true, "since": true, "until": true, "once": true, "following": true}
)

// withApposition extends a source that the tagger ended at a comma to the
// comma before its cue, when what stands between describes it: "Jo Reyes,
// a professor at Seton Hall, said", "China, the North's only ally, warned".
// The words between are in the source's sentence, 25 at most, with no
// quotation mark, colon, semicolon or past tense, and open on a lower-case
// word, a determiner or a possessive name; not on a preposition, a participle
// or a relative ("Trump, speaking to veterans,", "Clinton, at the debate,").
func withApposition(toks []text.Token, info []tokInfo, src, q tspan) (tspan, bool) {
	c := q.a - 1
	if src.b >= c || c-src.b > 26 || toks[src.b].Text != "," || toks[c].Text != "," || src.b+1 >= c || src.b-src.a == 1 && isPronoun(toks[src.a].Text) {
		return tspan{}, false
	}
	first := toks[src.b+1]
	if c-src.b == 2 {
		return tspan{}, false // one word: "Ruiz, however, said"
	}
	if first.Kind != text.Word || inSet(prepositions, first.Text) || strings.HasSuffix(first.Text, "ing") || isPronoun(first.Text) ||
		lowerIs(first.Text, "whose") || lowerIs(first.Text, "which") || inSet(conjunctions, first.Text) {
		return tspan{}, false // "Trump, speaking to veterans,", "Clinton, at the debate,", "Roe, who …"
	}
	if capitalised(first.Text) && !inSet(determiners, first.Text) && !strings.HasSuffix(first.Text, "'s") && !strings.HasSuffix(first.Text, "’s") {
		return tspan{}, false
	}
	for k := src.b + 1; k < c; k++ {
		t := toks[k]
		if info[k].sent != info[src.a].sent || t.IsQuote() || t.Text == ":" || t.Text == ";" || t.Text == "(" ||
			t.Kind == text.Word && !capitalised(t.Text) && clauseVerb(t.Text) {
			return tspan{}, false // a clause of its own: "Dean, a former chairman, poked at …"
		}
	}
	return tspan{a: src.a, b: c, sa: src.sa, sb: src.sb}, true
}

// noReport reports whether cue q with its content and source reports no
// words: a request left unanswered ("did not respond to a request for
// comment") or a document's signers ("a letter signed by 300 teachers").
func noReport(toks []text.Token, q tspan, r report) bool {
	// "Amber snow warning for northern England", "has issued an amber
	// warning for snow": a warning of weather, not words anyone said; unless
	// a verb of speech is in the cue too, or the warning says something (a
	// content of three words or more, or one in quotation marks: "a warning
	// for shoppers to be vigilant", "a warning for the fans: “…”").
	words := 0
	for _, c := range r.content {
		words += c.b - c.a
		for k := max(c.a-1, 0); k < min(c.b+1, len(toks)); k++ {
			if toks[k].IsQuote() {
				words += 3
			}
		}
	}
	for k := q.a; k+1 < q.b && words < 3; k++ {
		if lowerIs(toks[k].Text, "warning") && lowerIs(toks[k+1].Text, "for") {
			speech := false
			for j := q.a; j < q.b; j++ {
				speech = speech || inSet(speechVerbs, toks[j].Text) || lowerIs(toks[j].Text, "saying")
			}
			if !speech {
				return true
			}
		}
	}
	if len(r.content) > 0 {
		c := r.content[0]
		first := lower(toks[c.a].Text)
		negated := false
		for k := max(q.a-1, 0); k < q.b; k++ {
			if w := lower(toks[k].Text); w == "not" || w == "n't" || w == "never" || strings.HasSuffix(w, "n't") {
				negated = true
			}
		}
		verb := lower(toks[q.b-1].Text)
		if negated && (verb == "respond" || verb == "to" || verb == "return") && (first == "a" || first == "requests" || first == "messages" || first == "calls") {
			return true
		}
		if verb == "signed" && first == "by" || first == "signed" && c.b > c.a+1 && lowerIs(toks[c.a+1].Text, "by") {
			return true
		}
	}
	return false
}

// beforeTranslation ends a content at the guillemet that closes it when a
// translation in brackets follows: "« Nous resterons » [We will stay]" says
// "Nous resterons", not the translation and what follows it.
func beforeTranslation(toks []text.Token, con []tspan) {
	for i := range con {
		c := &con[i]
		for k := c.a + 1; k+1 < c.b; k++ {
			if toks[k].Text == "»" && toks[k+1].Text == "[" {
				c.b = k
				break
			}
		}
	}
}

// pastAfterSubject returns the index of a verb in the past tense (in "-ed")
// that follows a short subject a determiner opens, from toks[start] on: "the
// blaze covered …", "its crews contained …"; -1 when there is none.
func pastAfterSubject(toks []text.Token, start, end int) int {
	if start >= end || !inSet(determiners, toks[start].Text) {
		return -1
	}
	for k := start + 1; k < end && k-start <= 3; k++ {
		t := toks[k]
		if t.Kind != text.Word || capitalised(t.Text) || inSet(prepositions, t.Text) {
			return -1
		}
		if k >= start+2 && len(t.Text) >= 5 && strings.HasSuffix(t.Text, "ed") {
			return k
		}
	}
	return -1
}
