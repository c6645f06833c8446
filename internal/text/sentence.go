package text

import (
	"unicode"
	"unicode/utf8"
)

// Sentences splits tokens into sentences and returns the index of each sentence's
// first token (the first is always 0 when there are tokens). A sentence ends at
// ".", "!", "?" or "…" (with any closing marks after it) when the next token starts
// with a capital, a digit or an opening mark; abbreviations keep their period inside
// the word, so "Mr. Smith" does not split.
func Sentences(toks []Token) []int {
	if len(toks) == 0 {
		return nil
	}
	return AppendSentences(make([]int, 0, 4), toks)
}

// AppendSentences appends what Sentences returns to dst, so that a caller can reuse
// one buffer.
func AppendSentences(dst []int, toks []Token) []int {
	if len(toks) == 0 {
		return dst
	}
	starts := append(dst, 0)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != Punct || !(t.Text == "." || t.Text == "!" || t.Text == "?" || t.Text == "…" || t.Text == "..." || t.Text == "?!") {
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].Kind == CloseQuote || (toks[j].Kind == AmbigQuote) || toks[j].Text == ")") && !toks[j].SpaceBefore {
			j++
		}
		if j >= len(toks) {
			break
		}
		n := toks[j]
		if !n.SpaceBefore {
			continue
		}
		r, _ := utf8.DecodeRuneInString(n.Text)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || n.Kind == OpenQuote || n.Kind == AmbigQuote || r == '(' || r == '[' || r == '—' {
			starts = append(starts, j)
			i = j - 1
		}
	}
	return starts
}
