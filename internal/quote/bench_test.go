package quote_test

import (
	"strings"
	"testing"
)

// BenchmarkAnnotate annotates a realistic invented news article of about 760 words.
func BenchmarkAnnotate(b *testing.B) {
	body, err := readTestdata("bench-article.txt")
	if err != nil {
		b.Fatal(err)
	}
	a := articleOf(b, "bench", body)
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	for b.Loop() {
		engine.Annotate(a)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnnotateGrowing annotates one ever larger paragraph, so that the cost per
// byte (ns/byte) shows whether the work grows linearly with the text.
func BenchmarkAnnotateGrowing(b *testing.B) {
	cases := []struct {
		name string
		para string
	}{
		{"paragraph-10KB", bigParagraph(10 << 10)},
		{"paragraph-100KB", bigParagraph(100 << 10)},
		{"paragraph-1MB", bigParagraph(1 << 20)},
		{"nested-1k-marks", strings.Repeat(`"“`, 500)},
		{"nested-10k-marks", strings.Repeat(`"“`, 5000)},
		{"nested-words-1k-marks", nestedMarks(1000, `"`, `“`)},
		{"nested-words-10k-marks", nestedMarks(10000, `"`, `“`)},
		{"embedded-speech-100KB", embeddedSpeech(100 << 10)},
		{"embedded-speech-1MB", embeddedSpeech(1 << 20)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			a := build("", c.para)
			b.SetBytes(int64(len(a.Text)))
			b.ReportAllocs()
			for b.Loop() {
				engine.Annotate(a)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(a.Text)), "ns/byte")
		})
	}
}

// BenchmarkAnnotateManyParagraphs is the 1 MB text as paragraphs of article size, to
// tell the cost of one long paragraph from the cost of text.
func BenchmarkAnnotateManyParagraphs(b *testing.B) {
	p := bigParagraph(1 << 20)
	var paras []string
	for len(p) > 0 {
		n := min(len(p), 600)
		if k := strings.IndexByte(p[n:], ' '); k >= 0 {
			n += k
		} else {
			n = len(p)
		}
		paras = append(paras, p[:n])
		p = p[n:]
	}
	a := build("", paras...)
	b.SetBytes(int64(len(a.Text)))
	for b.Loop() {
		engine.Annotate(a)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(a.Text)), "ns/byte")
}

// embeddedSpeech is Jane Roe's quote of about n bytes, full of what others said in it,
// each named in brackets, and of capitalised words before each verb.
func embeddedSpeech(n int) string {
	var b strings.Builder
	b.WriteString(`Jane Roe met Tom Reyes. "`)
	for b.Len() < n {
		b.WriteString(`He (Reyes) said it is so, and Tom Reyes Said Said it was, `)
	}
	b.WriteString(`and that is all," Roe said.`)
	return b.String()
}
