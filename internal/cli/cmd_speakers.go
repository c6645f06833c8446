package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/internal/store"
)

func runSpeakers(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("speakers", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	top := fs.Int("top", 20, "at most this many speakers (0: all)")
	format := fs.String("format", "table", "output: table, jsonl or csv")
	outlet := fs.String("outlet", "", "count only the reports of this outlet (its name, or a site name its pages give)")
	since := fs.String("since", "", "count only the reports published at or after this day or time (2006-01-02 or RFC 3339; days are UTC)")
	until := fs.String("until", "", "count only the reports published before the end of this day, or before this time")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid speakers [flags]\n\nLists speakers, most quoted first, with their aliases.\n\n"+
			"QUOTES, CLUSTERS (distinct quotes) and ARTICLES count what is stored: a copy of an article\n"+
			"(the same text at another URL or outlet) is not stored again. REPORTS counts every\n"+
			"occurrence, each copy once more, as search's REPORTS and the csv/parquet export rows do.\n"+
			"With --outlet, --since or --until, every count is over the reports kept, most reports first.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "whosaid speakers: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	if *top < 0 {
		return usageError(env, "speakers", "--top %d: want 0 (all) or more", *top)
	}
	if !validFormat(*format) {
		fmt.Fprintf(env.Stderr, "whosaid speakers: --format %q: want table, jsonl or csv\n", *format)
		return ExitUsage
	}
	f := store.ExportFilter{Outlet: strings.TrimSpace(*outlet)}
	if f.Since, f.Until, ok = dateBounds(env, "speakers", *since, *until); !ok {
		return ExitUsage
	}
	st, code := openExisting(ctx, "speakers", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()
	sp, err := st.SpeakersIn(ctx, f, *top)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid speakers:", err)
		return ExitFailed
	}
	// quotes, clusters and articles count what is stored; reports, every
	// occurrence with the copies of articles, as search's REPORTS does.
	// type and gender are the speaker's as the articles told them, empty
	// when none did.
	header := []string{"id", "speaker", "quotes", "clusters", "articles", "reports", "type", "gender", "aliases"}
	var rows [][]string
	var items []any
	for _, s := range sp {
		rows = append(rows, []string{strconv.FormatInt(s.ID, 10), s.Name, strconv.Itoa(s.Quotes), strconv.Itoa(s.Clusters),
			strconv.Itoa(s.Articles), strconv.Itoa(s.Reports), s.Type, s.Gender, strings.Join(s.Aliases, "; ")})
		items = append(items, s)
	}
	out := &outWriter{w: env.Stdout}
	return printed(env, "speakers", out, write(out, *format, header, rows, items, 8))
}
