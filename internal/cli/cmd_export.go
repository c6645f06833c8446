package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/whosaid/whosaid/internal/store"
)

func runExport(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	format := fs.String("format", "jsonl", "output: jsonl (articles with their quotes and story_id), csv or parquet (one row per quote occurrence), citron")
	speaker := fs.String("speaker", "", "only this speaker's quotes, named as search --speaker takes it (jsonl, citron: the articles holding one)")
	since := fs.String("since", "", "only articles published on or after this date (2006-01-02, a day in UTC, or RFC 3339)")
	until := fs.String("until", "", "only articles published up to this date, inclusive (2006-01-02, a day in UTC), or before this RFC 3339 time")
	outlet := fs.String("outlet", "", "only the reports (articles, copies) filed under this outlet, in any case, as search --outlet takes it")
	outPath := fs.String("out", "", "write here instead of standard output, whole or not at all (a file is replaced only when the export succeeds); for citron, an existing folder gets one ID.json file per article")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid export [flags]\n\nWrites the store's articles or quotes. jsonl is the extract contract, read back by\n\"whosaid import\"; citron is BBC R&D citron's JSON annotation format, one document per line.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "whosaid export: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	f := store.ExportFilter{Speaker: *speaker, Outlet: *outlet}
	if f.Since, f.Until, ok = dateBounds(env, "export", *since, *until); !ok {
		return ExitUsage
	}
	switch *format {
	case "jsonl", "csv", "parquet", "citron":
	default:
		fmt.Fprintf(env.Stderr, "whosaid export: --format %q: want jsonl, csv, parquet or citron\n", *format)
		return ExitUsage
	}
	if *outPath != "" {
		// Writing there would truncate the store before reading it.
		if clash := storeFileAt(*outPath, *db); clash != "" {
			return usageError(env, "export", "--out %s is the store's file %s (--db %s): the export would destroy the store; write it elsewhere", *outPath, clash, *db)
		}
	}
	st, code := openExisting(ctx, "export", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()

	var dir string
	var file *outFile
	out := &outWriter{w: env.Stdout}
	if *outPath != "" {
		if fi, err := os.Stat(*outPath); err == nil && fi.IsDir() && *format == "citron" {
			dir = *outPath
		} else {
			// A temporary file, renamed over --out once the export is whole.
			if file, err = createOut(*outPath); err != nil {
				fmt.Fprintf(env.Stderr, "whosaid export: could not write the output: %v\n", err)
				return ExitAborted
			}
			defer file.abort()
			out.w = file
		}
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	n, err := export(ctx, st, f, *format, bw, dir)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && file != nil {
		if err = file.commit(); err != nil {
			err = &outputError{err}
		}
	}
	if code := printed(env, "export", out, err); code != ExitOK {
		return code
	}
	unit := "article(s)"
	if *format == "csv" || *format == "parquet" {
		unit = "quote occurrence(s)"
	}
	fmt.Fprintf(env.Stderr, "whosaid export: %d %s\n", n, unit)
	return ExitOK
}

// export writes what f selects in format to w (or, for citron with dir set,
// one file per article in dir) and returns how many items it wrote.
func export(ctx context.Context, st *store.SQLite, f store.ExportFilter, format string, w io.Writer, dir string) (int, error) {
	n := 0
	switch format {
	case "csv", "parquet":
		newW := store.NewCSVWriter
		if format == "parquet" {
			newW = store.NewParquetWriter
		}
		qw, err := newW(w)
		if err != nil {
			return 0, err
		}
		if err := st.ExportQuotes(ctx, f, func(r store.QuoteRow) error { n++; return qw.Write(r) }); err != nil {
			return n, err
		}
		return n, qw.Close()
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err := st.ExportArticles(ctx, f, func(ea store.ExportedArticle) error {
		n++
		if format == "jsonl" {
			// The contract's fields and story_id beside them.
			return enc.Encode(ea)
		}
		a := ea.Article
		d := store.ToCitron(a)
		if dir == "" {
			return enc.Encode(d)
		}
		// Copies share their article's id: the file is named for the first.
		name := filepath.Join(dir, a.ID+".json")
		if _, err := os.Stat(name); err == nil {
			name = filepath.Join(dir, fmt.Sprintf("%s-%d.json", a.ID, n))
		}
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return err
		}
		if err := writeOut(name, append(b, '\n')); err != nil {
			return &outputError{err}
		}
		return nil
	})
	return n, err
}

// isCitronFile reports whether a path in a folder is one citron reads.
func isCitronFile(p string) bool { return strings.HasSuffix(strings.ToLower(p), ".json") }
