package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/store"
)

// defaultDB is the store used when --db is not given.
const defaultDB = "whosaid.db"

func runIngest(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store (an SQLite file, created if needed)")
	batch := fs.Int("batch", 200, "articles saved per transaction")
	workers := fs.Int("workers", 0, "articles processed at once (0: one per core)")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit for fetching one URL")
	maxBytes := fs.Int64("max-bytes", 0, "largest input accepted, in bytes (0: the default, 32 MiB)")
	outlet := fs.String("outlet", "", "the outlet of every article ingested (default: a URL's host, else the site name a page or record states: og:site_name, JSON-LD publisher or application-name, a JSON Lines record's source name, site_name, outlet or publisher; else the folder named, else the folder holding the file)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid ingest [flags] PATH...\n\nExtracts articles and their quotes and saves them in the store; known articles are skipped.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.Stderr, "whosaid ingest: no input given (a file, a folder, - for standard input, or a URL)")
		return ExitUsage
	}
	if *batch < 1 {
		fmt.Fprintln(env.Stderr, "whosaid ingest: --batch must be at least 1")
		return ExitUsage
	}
	if code, ok := checkInputFlags(env, "ingest", *workers, *maxBytes, *timeout); !ok {
		return code
	}
	if code, ok := checkOutlet(env, "ingest", outlet); !ok {
		return code
	}
	created := !exists(*db)
	st, err := store.OpenSQLite(ctx, *db)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid ingest:", err)
		return ExitFailed
	}
	defer st.Close()

	in := ingester{
		st: st, env: env, size: *batch, start: time.Now(), outlet: *outlet,
		// A batch under way is committed even after Ctrl-C: the cancel stops
		// the reading, never a transaction.
		saveCtx: context.WithoutCancel(ctx),
	}
	if isTerminal(env.Stderr) {
		in.bar = newIngestProgress(env.Stderr, countInputs(ctx, paths, time.Second))
	}
	var skipped skippedFiles
	opts := pipeline.Options{
		Workers: *workers,
		Source:  source.Options{Stdin: env.Stdin, MaxBytes: *maxBytes, Timeout: *timeout, Skipped: skipped.add},
		Then:    func(a *article.Article) any { return store.Prepare(a) },
	}
	runErr := pipeline.Run(ctx, paths, opts, in.take)
	if err := in.flush(); err != nil && runErr == nil {
		runErr = err
	}
	if in.bar != nil {
		in.bar.finish(env.Stderr, in.total.Articles, in.found, in.failed)
	}
	skipped.report(env, "ingest")
	el := time.Since(in.start)
	out := &outWriter{w: env.Stdout}
	head, nerr := summaryHead(ctx, "ingested", runErr, in.failed)
	fmt.Fprintf(out, "%s %d new article(s) (%s%s), %d quote(s), %d error(s) in %s (%.0f articles/s) into %s\n",
		head, in.total.Articles, in.total.KnownNote(), in.total.OutletNote(), in.total.Quotes, nerr, el.Round(time.Millisecond), rate(in.seen, el), *db)
	changedNotice(env, "ingest", in.total, " (a correction, an update, or a page this version extracts differently)")
	dropEmptyStore(env, "ingest", *db, st, created, in.total.Articles+in.total.Copies, runErr != nil || in.failed > 0)
	code = savedStatus(ctx, env, "ingest", runErr, in.failed, "input(s)")
	if code != ExitAborted {
		if wcode, ok := writeFailed(env, "ingest", out, nil); !ok {
			return wcode
		}
	}
	return code
}

// andMore is " and N more" when n things are counted and shown of them, else "".
func andMore(n, shown int) string {
	if n <= shown {
		return ""
	}
	return fmt.Sprintf(" and %d more", n-shown)
}

// checkOutlet trims --outlet and reports one of blanks only: a name is wanted.
func checkOutlet(env Env, cmd string, outlet *string) (int, bool) {
	name := strings.TrimSpace(*outlet)
	if name == "" && *outlet != "" {
		return usageError(env, cmd, "--outlet %q: want a name", *outlet), false
	}
	*outlet = name
	return ExitOK, true
}

// summaryHead is how the summary of a command that saves in batches begins
// (done: "ingested"), and the errors it counts: when an error stopped the run
// (said on the line after), it says so and counts it.
func summaryHead(ctx context.Context, done string, runErr error, failed int) (string, int) {
	if runErr != nil && ctx.Err() == nil {
		return "stopped by an error after it " + done, failed + 1
	}
	return done, failed
}

// savedStatus reports how a command that saves in batches ended, and returns
// its exit status: interrupted or stopped by an error (every batch saved so
// far is committed), some inputs failed, or all went well.
func savedStatus(ctx context.Context, env Env, cmd string, runErr error, failed int, what string) int {
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(env.Stderr, "whosaid %s: interrupted; every article saved so far is committed\n", cmd)
		return ExitAborted
	case runErr != nil:
		fmt.Fprintf(env.Stderr, "whosaid %s: %v\n", cmd, runErr)
		return ExitAborted
	case failed > 0:
		fmt.Fprintf(env.Stderr, "whosaid %s: %d %s failed\n", cmd, failed, what)
		return ExitFailed
	}
	return ExitOK
}

// ingester gathers pipeline results into batches and saves each in one
// transaction. Saving runs in its own goroutine, one batch behind the
// extraction, so that the workers go on extracting while a batch is written.
type ingester struct {
	st      store.Store
	env     Env
	size    int
	start   time.Time
	bar     *ingestProgress // nil: plain log lines, one per batch
	saveCtx context.Context
	outlet  string // --outlet, "" when not given

	pending []*store.Prepared
	bfailed int // bad inputs since the last batch
	queue   chan ingestBatch
	saved   chan struct{} // closed when the saver has stopped

	mu      sync.Mutex // guards what follows, the bar and writes to Stderr
	failed  int        // bad inputs
	seen    int        // results handled
	found   int        // quotes found in the articles handled
	batches int
	total   store.BatchStats
	saveErr error // the first failed save; nothing is saved after it
}

// ingestBatch is a batch on its way to the saver.
type ingestBatch struct {
	arts   []*store.Prepared
	failed int // bad inputs among the results it closes
}

// startSaver starts the goroutine that saves the batches send hands it, the
// first time there is one.
func (in *ingester) startSaver() {
	if in.queue != nil {
		return
	}
	in.queue = make(chan ingestBatch, 1)
	in.saved = make(chan struct{})
	go func() {
		defer close(in.saved)
		for b := range in.queue {
			in.save(b)
		}
	}()
}

func (in *ingester) take(r pipeline.Result) error {
	in.mu.Lock()
	in.seen++
	if r.Err != nil {
		in.failed++
		in.bfailed++
		if in.bar != nil {
			in.bar.clear()
		}
		fmt.Fprintln(in.env.Stderr, "whosaid ingest:", r.Err)
	} else {
		in.found += len(r.Article.Quotes)
		p, ok := r.Then.(*store.Prepared)
		if !ok {
			p = store.Prepare(r.Article)
		}
		p.Origin = store.Origin{Input: r.Input, Outlet: in.outlet}
		in.pending = append(in.pending, p)
	}
	if in.bar != nil {
		in.bar.step(in.total.Articles, in.found, in.failed)
	}
	err := in.saveErr
	in.mu.Unlock()
	if err != nil {
		return err
	}
	if len(in.pending) >= in.size {
		in.send()
	}
	return nil
}

// send hands the pending articles to the saver; it waits while the saver is
// still busy with the batch before last, which bounds the memory held.
func (in *ingester) send() {
	if len(in.pending) == 0 && in.bfailed == 0 {
		return
	}
	in.startSaver()
	in.queue <- ingestBatch{arts: in.pending, failed: in.bfailed}
	in.pending = make([]*store.Prepared, 0, in.size)
	in.bfailed = 0
}

// flush saves what is pending, waits for the saver to finish and returns the
// first save error.
func (in *ingester) flush() error {
	if len(in.pending) > 0 {
		in.send()
	}
	if in.queue == nil {
		return nil
	}
	close(in.queue)
	<-in.saved
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.saveErr
}

// save writes one batch, unless an earlier one failed.
func (in *ingester) save(b ingestBatch) {
	in.mu.Lock()
	failed := in.saveErr != nil
	in.mu.Unlock()
	if failed || len(b.arts) == 0 {
		return
	}
	t0 := time.Now()
	bs, err := in.st.SavePrepared(in.saveCtx, b.arts)
	in.mu.Lock()
	defer in.mu.Unlock()
	if err != nil {
		in.saveErr = err
		return
	}
	in.batches++
	in.total.Add(bs)
	if in.bar == nil {
		el := time.Since(in.start)
		fmt.Fprintf(in.env.Stderr, "whosaid ingest: batch %d: %d article(s) (%d new, %s), %d quote(s), %d error(s), saved in %s, %.0f articles/s overall\n",
			in.batches, len(b.arts), bs.Articles, bs.KnownNote(), bs.Quotes, b.failed, time.Since(t0).Round(time.Millisecond), rate(in.seen, el))
	}
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// isTerminal reports whether w is a character device (a terminal), where a
// progress line redrawn in place is welcome; elsewhere we log plain lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// parseArgs parses a subcommand's flags, which may stand before, between or after
// its arguments, and returns the arguments; when it fails, code is the exit status
// (ExitOK for -h, ExitUsage otherwise: the flag package has said why).
func parseArgs(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ExitOK, false
		}
		return nil, ExitUsage, false
	}
	if code, ok := checkDB(fs); !ok {
		return nil, code, false
	}
	return rest, ExitOK, true
}

// checkDB reports a --db of blanks only as a usage error (ok is false then):
// SQLite opens "" as a temporary database, which would take a whole ingest
// and vanish with it.
func checkDB(fs *flag.FlagSet) (code int, ok bool) {
	f := fs.Lookup("db")
	if f == nil || strings.TrimSpace(f.Value.String()) != "" {
		return ExitOK, true
	}
	fmt.Fprintf(fs.Output(), "whosaid %s: --db %q: want the store's file name\n", fs.Name(), f.Value.String())
	return ExitUsage, false
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments ("search coalition --speaker Assad"); after "--"
// everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
