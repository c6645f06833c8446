package quote_test

import (
	"strings"
	"testing"
	"time"
)

// TestAnnotateUnbalancedMarks: marks that never close or never open still give
// well-formed output.
func TestAnnotateUnbalancedMarks(t *testing.T) {
	cases := map[string][]string{
		"open never closed":   {`"We will not back down, Mayor Lena Ortiz said.`, `The meeting ended at nine.`},
		"close never opened":  {`We will not back down," Mayor Lena Ortiz said.`},
		"curly open only":     {`“We will not back down, she said. And then “again.`},
		"curly close only":    {`We will not back down” she said”.`},
		"quote across blocks": {`"The first part runs on`, `and the second part ends here," Reyes said.`},
		"only marks":          {`" " “ ” ‘ ’ « » „ ‹ › ＂`},
		"apostrophes":         {`The voters' choice was 'clear', the mayors' office said, 'very clear'.`},
		"mark at the end":     {`Ortiz said "`},
		"mark at the start":   {`" Ortiz said.`},
	}
	for name, paras := range cases {
		t.Run(name, func(t *testing.T) { annotate(t, `"Unbalanced`, paras...) })
	}
}

// nestedMarks returns n quotation marks with a word between each, in a pattern.
func nestedMarks(n int, marks ...string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(marks[i%len(marks)])
		if i%2 == 1 {
			b.WriteString("word ")
		}
	}
	b.WriteString(" Ana Bell said.")
	return b.String()
}

// TestAnnotateNestedMarks: 10,000 quotation marks in one paragraph.
func TestAnnotateNestedMarks(t *testing.T) {
	cases := map[string]string{
		"straight":         strings.Repeat(`"`, 10000),
		"curly open":       strings.Repeat(`“`, 10000),
		"alternating":      strings.Repeat(`"“`, 5000),
		"open close pairs": strings.Repeat(`“”`, 5000),
		"words between":    nestedMarks(10000, `"`, `“`),
		"nested opens":     strings.Repeat(`“he said `, 5000) + strings.Repeat(`”`, 5000),
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			annotate(t, "", p)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%d bytes took %v", len(p), d)
			}
		})
	}
}

// bigParagraph returns one paragraph of at least n bytes made of quote-bearing sentences.
func bigParagraph(n int) string {
	sentences := []string{
		`"We will not back down," Mayor Lena Ortiz said on Tuesday.`,
		`Ortiz said that the budget would pass before the summer recess.`,
		`The council met in the old town hall for three hours.`,
		`“Prices will keep rising,” she warned, “unless the harbour reopens.”`,
		`According to the treasurer, the fund had lost a fifth of its value.`,
	}
	var b strings.Builder
	b.Grow(n + 100)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(sentences[i%len(sentences)])
		b.WriteByte(' ')
	}
	return b.String()
}

// TestAnnotateHugeParagraph: a 5 MB single paragraph finishes.
func TestAnnotateHugeParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("5 MB paragraph")
	}
	p := bigParagraph(5 << 20)
	start := time.Now()
	a := annotate(t, "", p)
	t.Logf("5 MB paragraph: %d quotes in %v", len(a.Quotes), time.Since(start))
	if len(a.Quotes) == 0 {
		t.Error("no quotes in a paragraph full of them")
	}
}
