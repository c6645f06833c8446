package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strconv"

	"github.com/whosaid/whosaid/internal/store"
)

func runQuotes(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("quotes", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	format := fs.String("format", "table", "output: table, jsonl or csv")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid quotes [flags] ID\n\nShows one quote cluster (the CLUSTER column of search) with every article that carried it.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "whosaid quotes: give one quote cluster ID (see the CLUSTER column of whosaid search)")
		return ExitUsage
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id < 1 {
		fmt.Fprintf(env.Stderr, "whosaid quotes: %q is not a quote cluster ID (a positive number)\n", rest[0])
		return ExitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(env.Stderr, "whosaid quotes: --format %q: want table, jsonl or csv\n", *format)
		return ExitUsage
	}
	st, code := openExisting(ctx, "quotes", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()
	c, err := st.Cluster(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "whosaid quotes: no quote cluster %d\n", id)
		return ExitFailed
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid quotes:", err)
		return ExitFailed
	}
	out := &outWriter{w: env.Stdout}
	if *format == "jsonl" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		return printed(env, "quotes", out, enc.Encode(c))
	}
	if *format == "table" {
		fmt.Fprintf(out, "Quote %d by %s, first reported %s, %d report(s):\n  %s\n\n",
			c.ID, str(c.Speaker), orDash(whenOf(c.FirstReported, c.FirstReportedLocal)), len(c.Occurrences), c.Content)
	}
	header := []string{"published", "outlet", "article", "quote", "kind", "url or file", "title"}
	var rows [][]string
	var items []any
	for _, o := range c.Occurrences {
		u := opt(o.URL)
		if o.URL == nil {
			u = o.Source
		}
		when := opt(o.Published)
		if o.Published == nil && o.PublishedLocal != nil {
			when = *o.PublishedLocal + " (local)"
		}
		rows = append(rows, []string{when, o.Outlet, o.Article, o.Quote, o.Kind, u, o.Title})
		items = append(items, o)
	}
	return printed(env, "quotes", out, write(out, *format, header, rows, items, 6))
}
