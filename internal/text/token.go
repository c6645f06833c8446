package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
	OpenQuote  // a quotation mark that opens
	CloseQuote // a quotation mark that closes
	AmbigQuote // a straight mark " whose role depends on the marks before it
)

// Token is a word, number, punctuation mark or quotation mark of a text.
type Token struct {
	Text       string // as in the text
	Start, End int    // code points, end exclusive
	BStart     int    // bytes
	BEnd       int
	Kind       Kind
	// SpaceBefore reports whether white space (or the start of the text) precedes it.
	SpaceBefore bool
}

// IsQuote reports whether the token is a quotation mark.
func (t Token) IsQuote() bool { return t.Kind >= OpenQuote }

// asciiWord marks the ASCII bytes that are word runes: letters and digits. It has a
// place for every byte, so that a byte indexes it without a check (the bytes of
// multi-byte runes are all false).
var asciiWord = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// asciiSpace marks the bytes that are ASCII white space.
var asciiSpace = func() (t [256]bool) {
	for c := range t {
		t[c] = c == ' ' || '\t' <= c && c <= '\r'
	}
	return t
}()

// isWordRune reports whether r is a letter, digit or non-spacing mark; it inlines, and
// an ASCII r costs a table look-up.
func isWordRune(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isSpace is unicode.IsSpace, without a call for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isDash(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// Tokenize splits s into tokens. Words keep inner apostrophes ("don't", "O'Neill"),
// but a clitic is a token of its own ("Assad" "'s", "they" "’re"); words keep
// hyphens ("al-Assad"), and periods of abbreviations and initials ("U.S.", "p.m.",
// "Mr."); numbers keep their separators ("1,000.5"). It allocates one slice.
func Tokenize(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/5+4), s)
}

// AppendTokens appends the tokens of s to dst (whose tokens it leaves alone) and
// returns the extended slice, so that a caller can reuse one buffer for many texts.
func AppendTokens(dst []Token, s string) []Token {
	base := len(dst) // this text's tokens are toks[base:]
	toks := dst
	ri := 0 // rune index of byte i
	space := true
	for i := 0; i < len(s); {
		if asciiSpace[s[i]] {
			i++
			ri++
			space = true
			continue
		}
		r, sz := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			i += sz
			ri++
			space = true
			continue
		}
		startB, startR := i, ri
		kind := Punct
		switch {
		case isWordRune(r):
			kind = Word
			if unicode.IsDigit(r) {
				kind = Number
			}
			i += sz
			ri++
			wordRunes, dotted := 1, false // kept as we go: abbrevPeriod must not rescan the word
			for i < len(s) {
				// Most words are ASCII letters: one byte, one rune, one table look-up.
				if asciiWord[s[i]] {
					j := i + 1
					for j < len(s) && asciiWord[s[j]] {
						j++
					}
					ri += j - i
					wordRunes += j - i
					i = j
					continue
				}
				r2, sz2 := utf8.DecodeRuneInString(s[i:])
				if isWordRune(r2) {
					i += sz2
					ri++
					wordRunes++
					continue
				}
				// A clitic ("’s", "’ll", "’re", "’ve", "’d", "’m") is a token of its own, as
				// in the Penn Treebank: "Kerry’s" is "Kerry" + "’s".
				if isApos(r2) && kind == Word && cliticAt(s[i+sz2:]) {
					break
				}
				// Joiners: apostrophe, hyphen, period, comma (numbers) followed by a word rune.
				// (A word ending in digits is an amount with its currency's
				// letters before it, "Sh500,000", and keeps its separators.)
				if isApos(r2) || isDash(r2) || r2 == '.' || (r2 == ',' && (kind == Number || s[i-1] >= '0' && s[i-1] <= '9')) || (r2 == ':' && kind == Number) {
					if i+sz2 < len(s) {
						r3, _ := utf8.DecodeRuneInString(s[i+sz2:])
						ok := isWordRune(r3)
						if r2 == ',' || r2 == ':' {
							ok = unicode.IsDigit(r3)
						}
						if r2 == '.' && kind == Word {
							// "U.S" continues only into a single letter followed by a period.
							ok = unicode.IsLetter(r3) && abbrevPeriod(s[startB:i], wordRunes, dotted)
						}
						if ok {
							i += sz2
							ri++
							wordRunes++
							dotted = dotted || r2 == '.'
							continue
						}
					}
					// A final period of an abbreviation belongs to the word.
					if r2 == '.' && kind == Word && abbrevPeriod(s[startB:i], wordRunes, dotted) {
						i += sz2
						ri++
					}
				}
				break
			}
		case isApos(r) && !space && len(toks) > base && toks[len(toks)-1].BEnd == i && toks[len(toks)-1].Kind == Word && cliticAt(s[i+sz:]):
			kind = Word
			i += sz
			ri++
			for i < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r2) {
					break
				}
				i += sz2
				ri++
			}
		default:
			i += sz
			ri++
			switch r {
			case '“', '«', '„', '‹':
				kind = OpenQuote
			case '”', '»', '›':
				kind = CloseQuote
			case '"', '＂':
				kind = AmbigQuote
			case '‘':
				kind = OpenQuote
			case '’', '\'':
				// A word-final apostrophe of a plural possessive ("voters’ rights") stays
				// punctuation-like; a mark after a word closes, before a word opens.
				if startB > 0 && !space {
					kind = CloseQuote
				} else {
					kind = OpenQuote
				}
			case '.':
				// Ellipsis "..." as one token.
				for i < len(s) && s[i] == '.' {
					i++
					ri++
				}
			}
		}
		// Field by field into the slice: an append of a composite literal builds the
		// token on the stack and then copies it.
		if len(toks) == cap(toks) {
			toks = slices.Grow(toks, 1)
		}
		toks = toks[:len(toks)+1]
		t := &toks[len(toks)-1]
		t.Text, t.Start, t.End, t.BStart, t.BEnd, t.Kind, t.SpaceBefore = s[startB:i], startR, ri, startB, i, kind, space
		space = false
	}
	resolveStraight(s, toks[base:])
	return toks
}

// abbrevPeriod reports whether a period after word w (of n runes, dotted when it
// already holds a period) ends an abbreviation: a known abbreviation, a single letter
// (an initial), or a dotted form like "U.S".
func abbrevPeriod(w string, n int, dotted bool) bool {
	if n == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	if dotted {
		return true
	}
	if n > 5 {
		return false
	}
	_, ok := abbreviations[strings.ToLower(w)]
	return ok
}

// abbreviations are words that take a period without ending a sentence.
var abbreviations = map[string]struct{}{
	"mr": {}, "mrs": {}, "ms": {}, "dr": {}, "prof": {}, "sen": {}, "rep": {}, "gov": {}, "gen": {},
	"col": {}, "lt": {}, "sgt": {}, "capt": {}, "cmdr": {}, "adm": {}, "maj": {}, "rev": {}, "st": {},
	"jr": {}, "sr": {}, "jan": {}, "feb": {}, "mar": {}, "apr": {}, "jun": {}, "jul": {}, "aug": {},
	"sep": {}, "sept": {}, "oct": {}, "nov": {}, "dec": {}, "inc": {}, "corp": {}, "co": {}, "ltd": {},
	"vs": {}, "etc": {}, "no": {}, "mt": {}, "ft": {}, "pres": {}, "supt": {}, "atty": {}, "det": {},
	"insp": {}, "u.s": {}, "u.k": {}, "u.n": {}, "e.g": {}, "i.e": {}, "a.m": {}, "p.m": {},
	"smt": {}, "hon": {}, "brig": {}, "engr": {}, "cllr": {},
}

// resolveStraight decides for each straight double mark whether it opens or closes:
// by the space around it, and failing that by alternation within the text.
func resolveStraight(s string, toks []Token) {
	open := false
	for i := range toks {
		t := &toks[i]
		switch t.Kind {
		case OpenQuote:
			if t.Text != "‘" && t.Text != "'" {
				open = true
			}
		case CloseQuote:
			if t.Text != "’" && t.Text != "'" {
				open = false
			}
		case AmbigQuote:
			spaceAfter := t.BEnd >= len(s) || unicode.IsSpace(firstRune(s[t.BEnd:]))
			switch {
			case t.SpaceBefore && !spaceAfter:
				t.Kind = OpenQuote
			case !t.SpaceBefore && spaceAfter:
				t.Kind = CloseQuote
			case open:
				t.Kind = CloseQuote
			default:
				t.Kind = OpenQuote
			}
			open = t.Kind == OpenQuote
		}
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// cliticAt reports whether s (the text after an apostrophe) starts with a clitic
// that ends the word: s, ll, re, ve, d, m.
func cliticAt(s string) bool {
	n := 0
	for n < len(s) && n < 3 && ('a' <= s[n] && s[n] <= 'z' || 'A' <= s[n] && s[n] <= 'Z') {
		n++
	}
	if n == 0 || n == 3 {
		return false
	}
	if n < len(s) {
		r, _ := utf8.DecodeRuneInString(s[n:])
		if isWordRune(r) {
			return false
		}
	}
	switch strings.ToLower(s[:n]) {
	case "s", "ll", "re", "ve", "d", "m":
		return true
	}
	return false
}
