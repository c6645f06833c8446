package store

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
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

// BenchmarkSaveCorpus saves real extraction output: the articles of the JSON
// Lines file named by WHOSAID_BENCH_JSONL (what `whosaid extract` prints), in
// batches of 200, into a fresh store; each iteration is one batch. Skipped
// when the variable is unset.
//
//	whosaid extract CORPUS > /tmp/x.jsonl
//	WHOSAID_BENCH_JSONL=/tmp/x.jsonl go test ./internal/store -run XXX -bench SaveCorpus -benchtime 20x
func BenchmarkSaveCorpus(b *testing.B) {
	path := os.Getenv("WHOSAID_BENCH_JSONL")
	if path == "" {
		b.Skip("WHOSAID_BENCH_JSONL is not set")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	next := func() []*article.Article {
		var batch []*article.Article
		for len(batch) < 200 {
			a := new(article.Article)
			if err := dec.Decode(a); err != nil {
				if err == io.EOF {
					break
				}
				b.Fatal(err)
			}
			batch = append(batch, a)
		}
		return batch
	}
	s, err := OpenSQLite(context.Background(), b.TempDir()+"/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := 0
	for b.Loop() {
		b.StopTimer()
		batch := next()
		if len(batch) == 0 {
			b.Fatal("the corpus has run out: use a smaller -benchtime")
		}
		n += len(batch)
		b.StartTimer()
		if _, err := s.SaveBatch(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
