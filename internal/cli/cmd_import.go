package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/store"
)

func runImport(ctx context.Context, args []string, env Env) int {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	flags.SetOutput(env.Stderr)
	db := flags.String("db", defaultDB, "the store (an SQLite file, created if needed)")
	format := flags.String("format", "jsonl", "input: jsonl (the extract contract, as export writes it) or citron (JSON annotation files)")
	batch := flags.Int("batch", 200, "articles saved per transaction")
	flags.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid import [flags] FILE...\n\nSaves articles with their quotes as they are, without extracting again; known articles\nare skipped. FILE is a file, \"-\" for standard input, or for citron a folder of .json files.\n\nFlags:\n")
		flags.PrintDefaults()
	}
	paths, code, ok := parseArgs(flags, args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.Stderr, "whosaid import: no input given (a file, or - for standard input)")
		return ExitUsage
	}
	if *format != "jsonl" && *format != "citron" {
		fmt.Fprintf(env.Stderr, "whosaid import: --format %q: want jsonl or citron\n", *format)
		return ExitUsage
	}
	if *batch < 1 {
		fmt.Fprintln(env.Stderr, "whosaid import: --batch must be at least 1")
		return ExitUsage
	}
	st, err := store.OpenSQLite(ctx, *db)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid import:", err)
		return ExitFailed
	}
	defer st.Close()

	im := importer{st: st, size: *batch, ctx: context.WithoutCancel(ctx), start: time.Now()}
	var runErr error
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		if *format == "jsonl" {
			runErr = im.jsonl(ctx, p, env)
		} else {
			runErr = im.citron(ctx, p, env)
		}
		if runErr != nil {
			break
		}
	}
	if err := im.flush(); err != nil && runErr == nil {
		runErr = err
	}
	fmt.Fprintf(env.Stdout, "imported %d new article(s) (%d known), %d quote(s), %d error(s) in %s into %s\n",
		im.total.Articles, im.total.Known, im.total.Quotes, im.failed, time.Since(im.start).Round(time.Millisecond), *db)
	return savedStatus(ctx, env, "import", runErr, im.failed, "record(s)")
}

// importer saves articles in batches, one transaction each.
type importer struct {
	st      store.Store
	size    int
	ctx     context.Context // for saving: a batch under way is committed even after Ctrl-C
	start   time.Time
	pending []*article.Article
	failed  int
	total   store.BatchStats
}

func (im *importer) add(a *article.Article) error {
	im.pending = append(im.pending, a)
	if len(im.pending) >= im.size {
		return im.flush()
	}
	return nil
}

func (im *importer) flush() error {
	if len(im.pending) == 0 {
		return nil
	}
	bs, err := im.st.SaveBatch(im.ctx, im.pending)
	if err != nil {
		return err
	}
	im.total.Add(bs)
	im.pending = im.pending[:0]
	return nil
}

func (im *importer) bad(env Env, at string, reason any) {
	im.failed++
	fmt.Fprintf(env.Stderr, "whosaid import: %s: %v\n", at, reason)
}

func openInput(p string, env Env) (io.ReadCloser, error) {
	if p == "-" {
		return io.NopCloser(env.Stdin), nil
	}
	return os.Open(p)
}

// jsonl imports one article object per line; a bad line is reported and skipped.
func (im *importer) jsonl(ctx context.Context, p string, env Env) error {
	f, err := openInput(p, env)
	if err != nil {
		im.bad(env, p, err)
		return nil
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	for n := 1; ctx.Err() == nil; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			im.bad(env, p, err)
			return nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			at := p + ":" + strconv.Itoa(n)
			a, reason := parseArticle(line)
			if reason != "" {
				im.bad(env, at, reason)
			} else {
				if a.Source == "" {
					a.Source = at
				}
				if err := im.add(a); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
	return nil
}

// parseArticle reads one contract article, or says why it cannot.
func parseArticle(line []byte) (*article.Article, string) {
	var a article.Article
	if err := json.Unmarshal(line, &a); err != nil {
		return nil, "not an article object: " + err.Error()
	}
	if a.Text == "" {
		return nil, "article has no text"
	}
	if a.Blocks == nil {
		a.Blocks = []article.Block{}
	}
	if a.Entities == nil {
		a.Entities = []article.Entity{}
	}
	if a.Quotes == nil {
		a.Quotes = []article.Quote{}
	}
	return &a, ""
}

// citron imports a citron file (one document, or one per line) or a folder of them.
func (im *importer) citron(ctx context.Context, p string, env Env) error {
	var files []string
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isCitronFile(path) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			im.bad(env, p, err)
			return nil
		}
		sort.Strings(files)
	} else {
		files = []string{p}
	}
	for _, file := range files {
		if ctx.Err() != nil {
			return nil
		}
		f, err := openInput(file, env)
		if err != nil {
			im.bad(env, file, err)
			continue
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			im.bad(env, file, err)
			continue
		}
		docs, err := store.ReadCitron(data)
		if err != nil {
			im.bad(env, file, err)
		}
		for i, d := range docs {
			src := file
			if len(docs) > 1 {
				src = file + ":" + strconv.Itoa(i+1)
			}
			a, err := store.FromCitron(d, src)
			if err != nil {
				im.bad(env, src, err)
				continue
			}
			if err := im.add(a); err != nil {
				return err
			}
		}
	}
	return nil
}
