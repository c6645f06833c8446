package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/source"
)

func runExtract(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	workers := fs.Int("workers", 0, "articles processed at once (0: one per core)")
	noQuotes := fs.Bool("no-quotes", false, "skip the quotation stage (articles only)")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit for fetching one URL")
	maxBytes := fs.Int64("max-bytes", 0, "largest input accepted, in bytes (0: the default, 32 MiB)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid extract [flags] PATH...\n\nPrints one JSON object per article (JSON Lines), in input order.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "whosaid extract: no input given (a file, a folder, - for standard input, or a URL)")
		return ExitUsage
	}
	if code, ok := checkInputFlags(env, "extract", *workers, *maxBytes, *timeout); !ok {
		return code
	}
	var skipped skippedFiles
	opts := pipeline.Options{
		Workers:  *workers,
		NoQuotes: *noQuotes,
		Source:   source.Options{Stdin: env.Stdin, MaxBytes: *maxBytes, Timeout: *timeout, Skipped: skipped.add},
	}
	ow := &outWriter{w: env.Stdout}
	out := bufio.NewWriterSize(ow, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	// The articles printed so far go out when the next is slow to come (a
	// FIFO or a URL that keeps its reader waiting), not only when 64 KB
	// have gathered.
	var mu sync.Mutex
	stop := idleFlush(&mu, out, flushEvery)
	err := pipeline.Run(ctx, fs.Args(), opts, func(r pipeline.Result) error {
		mu.Lock()
		defer mu.Unlock()
		if r.Err != nil {
			failed++
			out.Flush()
			fmt.Fprintln(env.Stderr, "whosaid extract:", r.Err)
			return nil
		}
		return enc.Encode(r.Article)
	})
	stop()
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if code, ok := writeFailed(env, "extract", ow, err); !ok {
		return code
	}
	skipped.report(env, "extract")
	if ctx.Err() != nil && (err == nil || errors.Is(err, ctx.Err())) {
		fmt.Fprintln(env.Stderr, "whosaid extract: interrupted")
		return ExitAborted
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid extract:", err)
		return ExitAborted
	}
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "whosaid extract: %d input(s) failed\n", failed)
		return ExitFailed
	}
	return ExitOK
}

// flushEvery is how long printed articles may wait in extract's buffer.
const flushEvery = 300 * time.Millisecond

// idleFlush flushes out, under mu, every d until the returned stop is called.
func idleFlush(mu *sync.Mutex, out *bufio.Writer, d time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				mu.Lock()
				out.Flush()
				mu.Unlock()
			case <-done:
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}

// checkInputFlags checks the flags extract and ingest share; ok is false, and
// code ExitUsage, when one is out of range.
func checkInputFlags(env Env, cmd string, workers int, maxBytes int64, timeout time.Duration) (code int, ok bool) {
	switch {
	case workers < 0:
		return usageError(env, cmd, "--workers %d: want 0 (one per core) or more", workers), false
	case maxBytes < 0:
		return usageError(env, cmd, "--max-bytes %d: want 0 (the default) or more", maxBytes), false
	case timeout < 0:
		return usageError(env, cmd, "--timeout %s: want 0 (the default) or more", timeout), false
	}
	return ExitOK, true
}
