package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailed  = 1 // some input failed; the others were processed
	ExitUsage   = 2
	ExitAborted = 3
)

// Env is what a subcommand may touch of the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

const usage = `whosaid: who said what, when, and where was it reported

Usage:
  whosaid extract [flags] PATH...   print each article as JSON Lines with its quotes
  whosaid train [flags]             rebuild the quotation model from gold articles
  whosaid ingest [flags] PATH...    save articles and their quotes in the store (./whosaid.db)
  whosaid search [flags] [WORDS]    find quotes by words, speaker, date, outlet, kind
  whosaid speakers [flags]          list speakers, most quoted first
  whosaid outlets [flags]           list outlets with their quotes by the speakers' gender
  whosaid quotes [flags] ID         show a quote cluster with every article that carried it
  whosaid article [flags] ID        show a stored article with its quotes
  whosaid export [flags]            write the store as jsonl, csv, parquet or citron JSON
  whosaid import [flags] FILE...    save jsonl or citron articles with their quotes as they are
  whosaid serve [flags]             serve the web UI and JSON API (http://127.0.0.1:8080/)
  whosaid version                   print the version

PATH is a file, a folder (read recursively), "-" for standard input, or an http(s) URL.
Run "whosaid COMMAND -h" (or "whosaid help COMMAND") for a command's flags.
`

// flagged are the commands with flags of their own, whose help "whosaid help
// COMMAND" shows.
var flagged = []string{"extract", "train", "ingest", "search", "speakers", "quotes", "article", "export", "import", "serve"}

// Version is set at build time with -ldflags "-X .../cli.Version=...".
var Version = "0.1.0-dev"

// Run runs whosaid with args (without the program name) and returns the exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "extract":
		return runExtract(ctx, args[1:], env)
	case "train":
		return runTrain(ctx, args[1:], env)
	case "ingest":
		return runIngest(ctx, args[1:], env)
	case "search":
		return runSearch(ctx, args[1:], env)
	case "speakers":
		return runSpeakers(ctx, args[1:], env)
	case "outlets":
		return runOutlets(ctx, args[1:], env)
	case "quotes":
		return runQuotes(ctx, args[1:], env)
	case "article":
		return runArticle(ctx, args[1:], env)
	case "export":
		return runExport(ctx, args[1:], env)
	case "import":
		return runImport(ctx, args[1:], env)
	case "serve":
		return runServe(ctx, args[1:], env)
	case "version", "--version":
		fmt.Fprintln(stdout, "whosaid", Version)
		return ExitOK
	case "help", "-h", "--help":
		if len(args) > 1 && args[0] == "help" && slices.Contains(flagged, args[1]) {
			// "whosaid help search" is "whosaid search -h".
			return Run(ctx, []string{args[1], "-h"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(stderr, "whosaid: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}
}

// outWriter remembers the first error writing to a command's output, so that
// the command can tell output it could not write (exit status 3) from a store
// or input that failed (exit status 1).
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

// outputError is a failure to write the output somewhere other than an
// outWriter (a file of a folder export).
type outputError struct{ err error }

func (e *outputError) Error() string { return e.err.Error() }
func (e *outputError) Unwrap() error { return e.err }

// writeFailed reports, in one line, output that could not be written when
// out recorded an error or err is an outputError, and returns ExitAborted;
// ok is false then.
func writeFailed(env Env, cmd string, out *outWriter, err error) (code int, ok bool) {
	werr := out.err
	var oe *outputError
	if werr == nil && errors.As(err, &oe) {
		werr = oe.err
	}
	if werr == nil {
		return ExitOK, true
	}
	fmt.Fprintf(env.Stderr, "whosaid %s: could not write the output: %v\n", cmd, werr)
	return ExitAborted, false
}

// storeWrites reports whether cmd, one of the commands that read an existing
// store, also writes to it: serve does when WHOSAID_TOKEN lets clients post
// articles. The others open the store read-only, so that a store in a
// read-only folder or file can be read.
func storeWrites(cmd string) bool {
	return cmd == "serve" && os.Getenv("WHOSAID_TOKEN") != ""
}

// usageError prints a one-line usage error and returns ExitUsage.
func usageError(env Env, cmd, format string, args ...any) int {
	fmt.Fprintf(env.Stderr, "whosaid %s: %s\n", cmd, fmt.Sprintf(format, args...))
	return ExitUsage
}
