package quote

import (
	"testing"

	"github.com/whosaid/whosaid/internal/text"
)

// TestLoneWord: a report whose content is one word in lower case outside
// quotation marks is dropped; a name, a quoted word or longer content is not.
func TestLoneWord(t *testing.T) {
	cases := []struct {
		para string
		a, b int // the content's tokens
		want bool
	}{
		{"He argues there .", 2, 3, true},
		{"Critics say criticism is drawing fire .", 2, 3, true},
		{"Officials say Trump attacked .", 2, 3, false},
		{`“ Never , ” she said .`, 0, 4, false},
		{"She said the plan failed .", 2, 5, false},
	}
	for _, c := range cases {
		toks := text.AppendTokens(nil, c.para)
		r := report{content: []tspan{{a: c.a, b: c.b}}}
		if got := loneWord(toks, r); got != c.want {
			t.Errorf("%q [%d,%d): %v, want %v", c.para, c.a, c.b, got, c.want)
		}
	}
}
