package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/quote"
	"github.com/whosaid/whosaid/internal/source"
)

// Results come in input order whatever the number of workers, failures included.
func TestRunKeepsInputOrder(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("in-%02d.txt", i))
		body := fmt.Sprintf("Story number %d\n\nThe mayor said on Monday that item %d was ready.\n", i, i)
		if i%7 == 3 {
			body = "" // empty: fails
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	for _, workers := range []int{1, 2, 8} {
		var got []string
		failed := 0
		// Then runs on the workers and its value comes with its own article.
		then := func(a *article.Article) any { return a.Title }
		err := Run(context.Background(), inputs, Options{Workers: workers, Then: then}, func(r Result) error {
			got = append(got, r.Source)
			if r.Err != nil {
				failed++
				if r.Then != nil {
					t.Errorf("%s: Then ran for a failed input", r.Source)
				}
			} else if r.Then != r.Article.Title {
				t.Errorf("%s: Then carried %v, want %q", r.Source, r.Then, r.Article.Title)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(inputs) {
			t.Fatalf("workers %d: %d results for %d inputs", workers, len(got), len(inputs))
		}
		for i := range inputs {
			if got[i] != inputs[i] {
				t.Fatalf("workers %d: result %d is %s, want %s", workers, i, got[i], inputs[i])
			}
		}
		if failed != 6 {
			t.Errorf("workers %d: %d failures, want 6", workers, failed)
		}
	}
}

// A callback error stops the run and is returned.
func TestRunStopsOnCallbackError(t *testing.T) {
	stop := fmt.Errorf("enough")
	n := 0
	err := Run(context.Background(), []string{"../../examples"}, Options{Workers: 2}, func(Result) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err %v after %d results", err, n)
	}
}

func benchDoc(b *testing.B, path string, f source.Format) source.Document {
	body, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return source.Document{Source: path, Format: f, Body: body}
}

func benchProcess(b *testing.B, doc source.Document, eng *quote.Engine) {
	b.SetBytes(int64(len(doc.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if r := Process(doc, eng); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// Articles per second on one core, per stage and format: scraped text and HTML
// through extraction alone, and through extraction and quotations.
func BenchmarkProcess(b *testing.B) {
	text := benchDoc(b, "../quote/testdata/bench-article.txt", source.Text)
	html := benchDoc(b, "../webpage/testdata/bench.html", source.HTML)
	eng := quote.New()
	b.Run("text/extract", func(b *testing.B) { benchProcess(b, text, nil) })
	b.Run("text/extract+quotes", func(b *testing.B) { benchProcess(b, text, eng) })
	b.Run("html/extract", func(b *testing.B) { benchProcess(b, html, nil) })
	b.Run("html/extract+quotes", func(b *testing.B) { benchProcess(b, html, eng) })
}
