package text

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzTokenize: tokens are in order, do not overlap, hold no white space, and their
// code-point and byte offsets agree with each other and with their text.
func FuzzTokenize(f *testing.F) {
	f.Add(`He said: "We don't know," Mr. Smith told the U.S. Senate at 3 p.m.`)
	f.Add(`“Yes,” ‘no’ — «oui» voters’ 1,000.50 al-Assad’s...`)
	f.Add("a\u00a0b\tc\n\nd \xff\xfe e")
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		prevB, prevR := 0, 0
		for i, tk := range toks {
			if tk.BStart < prevB || tk.BEnd <= tk.BStart || tk.BEnd > len(s) {
				t.Fatalf("token %d %q: bytes [%d,%d) after %d in %d", i, tk.Text, tk.BStart, tk.BEnd, prevB, len(s))
			}
			if tk.Text != s[tk.BStart:tk.BEnd] {
				t.Fatalf("token %d: text %q, bytes give %q", i, tk.Text, s[tk.BStart:tk.BEnd])
			}
			if r := prevR + utf8.RuneCountInString(s[prevB:tk.BStart]); r != tk.Start {
				t.Fatalf("token %d %q: start %d, %d code points before it", i, tk.Text, tk.Start, r)
			}
			if n := utf8.RuneCountInString(tk.Text); tk.End-tk.Start != n {
				t.Fatalf("token %d %q: [%d,%d) for %d code points", i, tk.Text, tk.Start, tk.End, n)
			}
			if strings.IndexFunc(tk.Text, unicode.IsSpace) >= 0 {
				t.Fatalf("token %d %q holds white space", i, tk.Text)
			}
			prevB, prevR = tk.BEnd, tk.End
		}
		prev := -1
		for _, st := range Sentences(toks) {
			if st <= prev || st < 0 || st > len(toks) {
				t.Fatalf("sentence starts out of order or range: %v for %d tokens", Sentences(toks), len(toks))
			}
			prev = st
		}
	})
}

// BenchmarkTokenizeDotted tokenizes one long dotted initialism ("a.a.a.…"); the
// cost per byte should not grow with its length.
func BenchmarkTokenizeDotted(b *testing.B) {
	for _, n := range []int{1 << 10, 10 << 10, 100 << 10} {
		s := strings.Repeat("a.", n/2)
		b.Run(strconv.Itoa(n>>10)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Tokenize(s)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s)), "ns/byte")
		})
	}
}
