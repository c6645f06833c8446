package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/internal/store"
)

func runOutlets(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("outlets", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	since := fs.String("since", "", "only reports published on or after this date (2006-01-02, a day in UTC, or RFC 3339)")
	until := fs.String("until", "", "only reports published up to this date, inclusive (2006-01-02, a day in UTC), or before this RFC 3339 time")
	outlet := fs.String("outlet", "", "only this outlet, in any case")
	format := fs.String("format", "table", "output: table, jsonl or csv")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid outlets [flags]\n\nLists outlets, most quotes first: REPORTS (articles and copies filed under the outlet),\n"+
			"QUOTES they carry, distinct named SPEAKERS, and the quotes BY WOMEN, BY MEN and by speakers\n"+
			"of no known gender (unnamed sources, organisations, people no article told the gender of),\n"+
			"a speaker's gender being the one their articles tell most often (see speakers).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "whosaid outlets: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(env.Stderr, "whosaid outlets: --format %q: want table, jsonl or csv\n", *format)
		return ExitUsage
	}
	f := store.ExportFilter{Outlet: *outlet}
	if f.Since, f.Until, ok = dateBounds(env, "outlets", *since, *until); !ok {
		return ExitUsage
	}
	st, code := openExisting(ctx, "outlets", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()
	counts, err := st.Outlets(ctx, f)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid outlets:", err)
		return ExitFailed
	}
	if len(counts) == 0 && f.Outlet != "" {
		fmt.Fprintf(env.Stderr, "whosaid outlets: no reports under an outlet named %q (see whosaid outlets for the names)\n", f.Outlet)
	}
	quotes, gendered := 0, 0
	for _, c := range counts {
		quotes, gendered = quotes+c.Quotes, gendered+c.ByWomen+c.ByMen
	}
	if quotes > 0 && gendered == 0 {
		// A store written before whosaid kept genders looks like one of no
		// women and no men.
		fmt.Fprintln(env.Stderr, "whosaid outlets: no speaker here has a known gender: a store written before whosaid kept genders has none (ingest its articles into a new store)")
	}
	header := []string{"outlet", "reports", "quotes", "speakers", "by women", "by men", "unknown", "stored as"}
	var rows [][]string
	var items []any
	for _, c := range counts {
		rows = append(rows, []string{c.Name, strconv.Itoa(c.Reports), strconv.Itoa(c.Quotes), strconv.Itoa(c.Speakers),
			strconv.Itoa(c.ByWomen), strconv.Itoa(c.ByMen), strconv.Itoa(c.Unknown), strings.Join(c.Stored, "; ")})
		items = append(items, c)
	}
	out := &outWriter{w: env.Stdout}
	return printed(env, "outlets", out, write(out, *format, header, rows, items, 0))
}
