package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/extract"
	"github.com/whosaid/whosaid/internal/quote"
	"github.com/whosaid/whosaid/internal/source"
)

// Options tunes Run.
type Options struct {
	Workers int // 0 means one per core
	Source  source.Options
	// NoQuotes skips the quotation stage.
	NoQuotes bool
	// Then, when set, runs on the worker after the stages, and what it returns
	// rides along in Result.Then: work the caller would otherwise do on its one
	// goroutine, in order.
	Then func(*article.Article) any
}

// Result is one document's outcome: an article, or the error that stopped it.
// Err is one line that names the input.
type Result struct {
	Source string
	// Input is the input the document was read from, as given to Run: the
	// folder that held a file, the file that held a record.
	Input   string
	Article *article.Article
	Err     error
	Then    any // what Options.Then returned for Article
}

type job struct {
	seq   int
	input string
	doc   source.Document
	err   error
}

type done struct {
	seq int
	res Result
}

// Process runs the extract and quote stages over one document.
func Process(doc source.Document, eng *quote.Engine) Result {
	a, err := extract.Article(doc)
	if err != nil {
		return Result{Source: doc.Source, Err: fmt.Errorf("%s: %w", doc.Source, err)}
	}
	if eng != nil {
		eng.Annotate(a)
	}
	return Result{Source: doc.Source, Article: a}
}

// Run reads the inputs and calls fn with each result, in input order. Only the
// reading is sequential; extraction runs on opts.Workers goroutines, with at most a
// few documents per worker in flight so memory stays flat however many there are.
func Run(ctx context.Context, inputs []string, opts Options, fn func(Result) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var eng *quote.Engine
	if !opts.NoQuotes {
		eng = quote.New()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	window := workers * 4
	slots := make(chan struct{}, window)
	jobs := make(chan job)
	results := make(chan done, window)

	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		// One input at a time, so that each document knows the input it came from.
		for _, in := range inputs {
			readErr = source.Read(ctx, []string{in}, opts.Source, func(d source.Document, err error) error {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return ctx.Err()
				}
				select {
				case jobs <- job{seq: seq, input: in, doc: d, err: err}:
					seq++
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if readErr != nil {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r Result
				if j.err != nil {
					r = Result{Source: j.doc.Source, Err: j.err}
				} else {
					r = Process(j.doc, eng)
					if opts.Then != nil && r.Article != nil {
						r.Then = opts.Then(r.Article)
					}
				}
				r.Input = j.input
				results <- done{seq: j.seq, res: r}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int]Result{}
	next := 0
	var fnErr error
	for d := range results {
		pending[d.seq] = d.res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if fnErr == nil {
				if fnErr = fn(r); fnErr != nil {
					cancel()
				}
			}
		}
	}
	if fnErr != nil {
		return fnErr
	}
	if readErr != nil && ctx.Err() == nil {
		return readErr
	}
	return readErr
}
