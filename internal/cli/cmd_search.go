package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/store"
)

func runSearch(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	speaker := fs.String("speaker", "", "only quotes of this speaker (canonical name or any alias, any case, with or without accents or a title; a surname alone finds everyone of that surname)")
	since := fs.String("since", "", "only articles published on or after this date (2006-01-02, a day in UTC, or RFC 3339)")
	until := fs.String("until", "", "only articles published up to this date, inclusive (2006-01-02, a day in UTC), or before this RFC 3339 time")
	outlet := fs.String("outlet", "", "only articles of this outlet (a URL's host; for a local file, --outlet as ingested, else the site's name its page or record states, else the folder named to ingest, else the folder holding the file)")
	kind := fs.String("kind", "", "only quotes of this kind: direct, indirect or mixed")
	newest := fs.Bool("newest", false, "the quotes most recently reported first, each by its latest report (reports with no known time left out)")
	minConf := fs.Float64("min-confidence", 0, "only quotes found with at least this confidence (0 to 1: the chance, measured on held-out articles, that such a quote is real)")
	limit := fs.Int("limit", 50, "at most this many quote clusters")
	format := fs.String("format", "table", "output: table, jsonl or csv")
	articles := fs.Bool("articles", false, "find articles by the words of their title and text instead of quotes (best match first; --since, --until, --outlet and --limit apply)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid search [flags] [WORDS...]\n\nFinds quotes; WORDS use SQLite FTS5 syntax (coalition, \"a phrase\", terror*, a NOT b).\nEach quote cluster (the same words of one speaker) is shown once, by its earliest report.\nWith --articles, finds articles by their text instead.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	words, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	q := store.Query{Words: strings.Join(words, " "), Speaker: *speaker, Outlet: *outlet, Kind: *kind, MinConfidence: *minConf, Limit: *limit, Newest: *newest}
	if q.Since, q.Until, ok = dateBounds(env, "search", *since, *until); !ok {
		return ExitUsage
	}
	switch q.Kind {
	case "", article.Direct, article.Indirect, article.Mixed:
	default:
		fmt.Fprintf(env.Stderr, "whosaid search: --kind %q: want direct, indirect or mixed\n", q.Kind)
		return ExitUsage
	}
	if !(*minConf >= 0 && *minConf <= 1) {
		fmt.Fprintf(env.Stderr, "whosaid search: --min-confidence %v: want a number from 0 to 1\n", *minConf)
		return ExitUsage
	}
	if *limit < 1 {
		return usageError(env, "search", "--limit %d: want 1 or more", *limit)
	}
	if !validFormat(*format) {
		fmt.Fprintf(env.Stderr, "whosaid search: --format %q: want table, jsonl or csv\n", *format)
		return ExitUsage
	}
	if *articles && (q.Speaker != "" || q.Kind != "" || q.MinConfidence > 0 || q.Newest) {
		fmt.Fprintln(env.Stderr, "whosaid search: --articles finds articles, best match first: --speaker, --kind, --min-confidence and --newest select and order quotes")
		return ExitUsage
	}
	st, code := openExisting(ctx, "search", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()
	if *articles {
		aq := store.ArticleQuery{Words: q.Words, Since: q.Since, Until: q.Until, Outlet: q.Outlet}
		if fs.Lookup("limit").Value.String() != fs.Lookup("limit").DefValue {
			aq.Limit = q.Limit
		}
		hits, err := st.SearchArticles(ctx, aq)
		if code, ok := searchFailed(err, q.Words, env); !ok {
			return code
		}
		return printArticleHits(hits, *format, env)
	}
	hits, err := st.Search(ctx, q)
	if code, ok := searchFailed(err, q.Words, env); !ok {
		return code
	}
	header := []string{"cluster", "published", "outlet", "speaker", "kind", "quote", "reports", "confidence"}
	rows := make([][]string, 0, len(hits))
	items := make([]any, 0, len(hits))
	for _, h := range hits {
		rows = append(rows, []string{strconv.FormatInt(h.Cluster, 10), whenOf(h.Published, h.PublishedLocal), h.Outlet, opt(h.Speaker),
			h.Kind, h.Content, strconv.Itoa(h.Occurrences), strconv.FormatFloat(h.Confidence, 'f', -1, 64)})
		items = append(items, h)
	}
	out := &outWriter{w: env.Stdout}
	if code := printed(env, "search", out, write(out, *format, header, rows, items, 5)); code != ExitOK {
		return code
	}
	switch {
	case *format == "table" && len(hits) == 0:
		fmt.Fprintln(env.Stderr, "whosaid search: no quotes found")
	case len(hits) == *limit:
		fmt.Fprintf(env.Stderr, "whosaid search: showing the first %d quotes; there may be more (--limit N shows N)\n", *limit)
	}
	return ExitOK
}

// printed returns the exit status of a command that has written its output,
// err being what the writing returned: output that could not be written is
// ExitAborted, any other error ExitFailed; each is said in one line.
func printed(env Env, cmd string, out *outWriter, err error) int {
	if code, ok := writeFailed(env, cmd, out, err); !ok {
		return code
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "whosaid %s: %v\n", cmd, err)
		return ExitFailed
	}
	return ExitOK
}

// searchFailed reports a failed search: a query that is not FTS5 syntax is a
// usage error with a hint; ok is false when there was an error.
func searchFailed(err error, words string, env Env) (code int, ok bool) {
	if errors.Is(err, store.ErrBadQuery) {
		if why := explainQuery(words); why != "" {
			fmt.Fprintf(env.Stderr, "whosaid search: bad query: %s: `%s`\n", why, words)
			return ExitUsage, false
		}
		msg := err.Error()
		if i := strings.Index(msg, store.ErrBadQuery.Error()+": "); i >= 0 {
			msg = msg[i+len(store.ErrBadQuery.Error())+2:]
		}
		fmt.Fprintf(env.Stderr, "whosaid search: bad query `%s`: %s (FTS5 syntax: word, \"a phrase\", pre*, a AND b, a OR b, a NOT b, (…))\n", words, msg)
		return ExitUsage, false
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid search:", err)
		return ExitFailed, false
	}
	return ExitOK, true
}

// explainQuery says, in a user's terms, what makes words, a query FTS5
// refused, wrong; "" when it cannot tell.
func explainQuery(words string) string {
	var toks []string // words outside quotes, operators, "(", ")" and `"…"` for a phrase
	open, depth := false, 0
	cur := strings.Builder{}
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for _, r := range words {
		switch {
		case open:
			if r == '"' {
				open = false
			}
		case r == '"':
			flush()
			open = true
			toks = append(toks, `"…"`)
		case r == '(' || r == ')':
			flush()
			toks = append(toks, string(r))
			if r == '(' {
				depth++
			} else if depth--; depth < 0 {
				return "a closing parenthesis has no opening one"
			}
		case unicode.IsSpace(r):
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	if open {
		return "a quotation mark is not closed"
	}
	if depth > 0 {
		return "a parenthesis is not closed"
	}
	isOp := func(t string) bool { return t == "AND" || t == "OR" || t == "NOT" || t == "NEAR" }
	for i, t := range toks {
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1]
		}
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch {
		case t == "(" && next == ")":
			return "the parentheses are empty"
		case !isOp(t):
		case next == "":
			return "the query ends with an operator (" + t + ")"
		case next == ")":
			return "an operator (" + t + ") has nothing after it before the closing parenthesis"
		case isOp(next) && next == "NOT":
			// FTS5's NOT is binary, "and not" on its own.
			return "two operators follow each other (" + t + " NOT); NOT alone means \"and not\": write a NOT b"
		case isOp(next):
			return "two operators follow each other (" + t + " " + next + ")"
		case prev == "" || prev == "(":
			if t != "NEAR" {
				return "the query starts with an operator (" + t + ")"
			}
		}
	}
	return ""
}

// printArticleHits prints the articles a search found.
func printArticleHits(hits []store.ArticleHit, format string, env Env) int {
	header := []string{"article", "published", "outlet", "title", "quotes", "passage"}
	rows := make([][]string, 0, len(hits))
	items := make([]any, 0, len(hits))
	for _, h := range hits {
		rows = append(rows, []string{h.ID, opt(h.Published), h.Outlet, h.Title, strconv.Itoa(h.Quotes), h.Snippet})
		items = append(items, h)
	}
	out := &outWriter{w: env.Stdout}
	if code := printed(env, "search", out, write(out, format, header, rows, items, 3)); code != ExitOK {
		return code
	}
	if format == "table" && len(hits) == 0 {
		fmt.Fprintln(env.Stderr, "whosaid search: no articles found")
	}
	return ExitOK
}

func validFormat(f string) bool { return f == "table" || f == "jsonl" || f == "csv" }

// dateBounds reads the --since and --until flags of cmd (store.ParseBound),
// or says in one line which is wrong and returns false.
func dateBounds(env Env, cmd, since, until string) (s, u time.Time, ok bool) {
	var err error
	if s, err = store.ParseBound(since, false); err != nil {
		fmt.Fprintf(env.Stderr, "whosaid %s: --since: %v\n", cmd, err)
		return s, u, false
	}
	if u, err = store.ParseBound(until, true); err != nil {
		fmt.Fprintf(env.Stderr, "whosaid %s: --until: %v\n", cmd, err)
		return s, u, false
	}
	if err := store.CheckBounds(s, u); err != nil {
		fmt.Fprintf(env.Stderr, "whosaid %s: --since/--until: %v\n", cmd, err)
		return s, u, false
	}
	return s, u, true
}

// openExisting opens the store for reading (and writing when storeWrites
// says cmd writes too); a missing file is an error rather than a new empty
// store.
func openExisting(ctx context.Context, cmd, path string, env Env) (*store.SQLite, int) {
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(env.Stderr, "whosaid %s: no store at %s (run \"whosaid ingest PATH... --db %s\" first)\n", cmd, path, path)
		return nil, ExitFailed
	}
	open := store.OpenSQLiteReadOnly
	if storeWrites(cmd) {
		open = store.OpenSQLite
	}
	st, err := open(ctx, path)
	if errors.Is(err, store.ErrNeedsWrite) && store.Writable(path) {
		// A store an older whosaid wrote is brought up to date once, when it
		// can be written, and then read; when bringing it up to date fails,
		// that failure is the one to tell (a damaged store). A large store
		// takes a while: after a second, the user is told why they wait.
		told := make(chan struct{})
		timer := time.AfterFunc(time.Second, func() {
			defer close(told)
			fmt.Fprintf(env.Stderr, "whosaid %s: bringing %s, written by an older whosaid, up to date (once; a store of a million quotes takes a minute or two)\n", cmd, path)
		})
		w, werr := store.OpenSQLite(ctx, path)
		if !timer.Stop() {
			<-told
		}
		if werr == nil {
			w.Close()
			st, err = open(ctx, path)
		} else {
			err = werr
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "whosaid %s: %v\n", cmd, err)
		return nil, ExitFailed
	}
	return st, ExitOK
}

// str is p for a line of text, "-" when there is none.
func str(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

// opt is p for a cell of a table or CSV row, "" when there is none: a CSV
// field stays empty, and the table shows "-".
func opt(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// write prints rows as an aligned table (the column wide at index wrap cut to
// fit a line, every cell on one line, "-" in an empty cell), CSV with a header
// (cells whole), or items as JSON Lines.
func write(w io.Writer, format string, header []string, rows [][]string, items []any, wrap int) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(header)
		for _, r := range rows {
			safe := make([]string, len(r))
			for i, c := range r {
				safe[i] = store.CSVCell(c)
			}
			cw.Write(safe)
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(header, "\t")))
	for _, r := range rows {
		r = append([]string(nil), r...)
		if wrap >= 0 && wrap < len(r) {
			r[wrap] = shorten(r[wrap], 72)
		}
		for i, c := range r {
			switch {
			case c == "":
				r[i] = "-"
			case strings.ContainsAny(c, "\t\n\r"):
				r[i] = strings.Join(strings.Fields(c), " ") // a row is one line
			}
		}
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// shorten cuts s to n runes on one line, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// whenOf is a report's time for a table: its published time, else its local
// time or day marked "(local)", else "-".
func whenOf(published, local *string) string {
	if published == nil && local != nil && *local != "" {
		return *local + " (local)"
	}
	return opt(published)
}
