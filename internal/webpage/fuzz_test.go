package webpage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzExtract feeds arbitrary pages to Extract: it must not panic, and what it
// returns must be well formed.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("<html><body><p>It was okay.</p><p>Second.</p></body></html>"), "")
	f.Fuzz(func(t *testing.T, page []byte, url string) {
		if !utf8.Valid(page) {
			return // the source stage hands us UTF-8
		}
		d, err := Extract(page, url)
		if err != nil {
			return
		}
		for _, b := range d.Blocks {
			if strings.TrimSpace(b.Text) == "" {
				t.Errorf("empty block %q", b)
			}
		}
		if !d.Published.IsZero() && d.Published.Year() < 1990 {
			t.Errorf("published %v", d.Published)
		}
	})
}

func parseFragment(t testing.TB, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// BenchmarkExtract measures Extract on a realistic ~50 KB news page (menus,
// scripts, a sidebar, comments); the pages/s metric is what the pipeline sees.
func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("testdata", "bench.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(page, "https://news.example/harbour-plan"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
