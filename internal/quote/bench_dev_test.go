package quote_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// BenchmarkAnnotateCorpus annotates PolNeAR dev's 84 articles in turn (when the
// shared data is there). Unlike BenchmarkAnnotate, whose one article leaves the
// model rows, word cache and branch history it needs warm for the next
// iteration, each article here meets caches the others have filled, as in a
// real batch: it is the figure to quote for "articles per second".
func BenchmarkAnnotateCorpus(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "polnear", "dev")
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(names) == 0 {
		b.Skip("no PolNeAR dev in " + dir)
	}
	var arts []*article.Article
	size := 0
	for _, n := range names {
		body, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		a := articleOf(b, strings.TrimSuffix(filepath.Base(n), ".txt"), body)
		arts = append(arts, a)
		size += len(a.Text)
	}
	b.SetBytes(int64(size / len(arts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		engine.Annotate(arts[i%len(arts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
