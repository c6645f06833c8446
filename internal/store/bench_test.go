package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// BenchmarkSaveBatch saves batches of 200 distinct invented articles (4 quotes,
// 3 speakers each) into a fresh SQLite store and reports articles/s.
func BenchmarkSaveBatch(b *testing.B) {
	s, err := OpenSQLite(context.Background(), b.TempDir()+"/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	base := corpus()
	const size = 200
	n := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		batch := make([]*article.Article, size)
		for i := range batch {
			src := base[n%len(base)]
			u := fmt.Sprintf("https://bench%d.example/story/%d", n%50, n)
			a := fixture(u, src.Source, src.Title, "2024-05-01T10:00:00Z",
				[]string{fmt.Sprintf("Story number %d of the benchmark, told again with a new number.", n)},
				[]fquote{
					{"Bashar al-Assad", []string{"President Assad", "Assad"}, article.Direct, "The coalition has failed to stop terrorism"},
					{fmt.Sprintf("Omar Haddad%d", n%300), nil, article.Indirect, fmt.Sprintf("the talks would resume in week %d", n%52)},
					{"Maeve Dunne", []string{"Dunne"}, article.Direct, fmt.Sprintf("We will open line %d next year", n)},
					{"", nil, article.Indirect, "the ferry would run twice a day"},
				})
			batch[i] = a
			n++
		}
		b.StartTimer()
		if _, err := s.SaveBatch(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
