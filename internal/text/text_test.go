package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{`He said: "We don't know," Mr. Smith told the U.S. Senate at 3 p.m.`, `He|said|:|"|We|don't|know|,|"|Mr.|Smith|told|the|U.S.|Senate|at|3|p.m.`},
		{`Bashar al-Assad’s aides paid $1,000.50 in Jan. 2015...`, `Bashar|al-Assad|’s|aides|paid|$|1,000.50|in|Jan.|2015|...`},
		{`coalition.Assad in`, `coalition|.|Assad|in`},
		{`“Yes,” ‘no’ — «oui»`, `“|Yes|,|”|‘|no|’|—|«|oui|»`},
	}
	for _, c := range cases {
		toks := Tokenize(c.in)
		var got []string
		for _, tk := range toks {
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", c.in, g, c.want)
		}
	}
}

func TestTokenOffsetsAreCodePoints(t *testing.T) {
	s := "Très “bien” — ça"
	rs := []rune(s)
	for _, tk := range Tokenize(s) {
		if string(rs[tk.Start:tk.End]) != tk.Text || s[tk.BStart:tk.BEnd] != tk.Text {
			t.Errorf("token %q has offsets %d:%d / %d:%d", tk.Text, tk.Start, tk.End, tk.BStart, tk.BEnd)
		}
	}
}

func TestStraightQuotes(t *testing.T) {
	toks := Tokenize(`"One," he said, "two."`)
	var kinds []Kind
	for _, tk := range toks {
		if tk.IsQuote() {
			kinds = append(kinds, tk.Kind)
		}
	}
	want := []Kind{OpenQuote, CloseQuote, OpenQuote, CloseQuote}
	if len(kinds) != len(want) {
		t.Fatalf("got %v", kinds)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("mark %d: got %v want %v", i, kinds[i], want[i])
		}
	}
}

func TestSentences(t *testing.T) {
	s := `Mr. Smith arrived at 3 p.m. on Jan. 5. They talked. "Fine," he said. Then? Yes!`
	toks := Tokenize(s)
	var got []string
	st := Sentences(toks)
	for k, i := range st {
		j := len(toks)
		if k+1 < len(st) {
			j = st[k+1]
		}
		got = append(got, s[toks[i].BStart:toks[j-1].BEnd])
	}
	want := []string{`Mr. Smith arrived at 3 p.m. on Jan. 5.`, `They talked.`, `"Fine," he said.`, `Then?`, `Yes!`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
}

func TestAppendTokens(t *testing.T) {
	texts := []string{"", "He said: “No.” Mr. Roe's dog", "it’s 1,000.5 U.S. dollars", `"a" 'b' "c`}
	var buf []Token
	for _, s := range texts {
		n := len(buf)
		buf = AppendTokens(buf, s)
		if got, want := buf[n:], Tokenize(s); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("AppendTokens(%q) = %v, want %v", s, got, want)
		}
		if got, want := AppendSentences([]int{7}, buf[n:]), append([]int{7}, Sentences(buf[n:])...); !reflect.DeepEqual(got, want) {
			t.Errorf("AppendSentences(%q) = %v, want %v", s, got, want)
		}
	}
}

// An amount written with its currency's letters keeps its thousands
// separators: "Sh500,000" is one token, as "500,000" is.
func TestTokenizeCurrencyAmount(t *testing.T) {
	toks := Tokenize("worth Sh500,000, or R1,200,000.")
	var got []string
	for _, tk := range toks {
		got = append(got, tk.Text)
	}
	want := []string{"worth", "Sh500,000", ",", "or", "R1,200,000", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
}
