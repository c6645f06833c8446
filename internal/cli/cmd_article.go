package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/store"
)

func runArticle(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("article", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	format := fs.String("format", "table", "output: table, jsonl (the extract contract with a \"story\" field) or csv (its quotes)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid article [flags] ID\n\nShows a stored article (by its 16-digit id) with its quotes, and the other reports\nof its story (near-duplicates and copies at other outlets), the first report marked.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "whosaid article: give one article ID (the ARTICLE column of whosaid quotes)")
		return ExitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(env.Stderr, "whosaid article: --format %q: want table, jsonl or csv\n", *format)
		return ExitUsage
	}
	st, code := openExisting(ctx, "article", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()
	sa, err := st.Article(ctx, rest[0])
	if errors.Is(err, store.ErrNotFound) {
		// Imported articles keep the ids they came with, so only an id that
		// is not in the store and has no id's form is a usage error.
		if !isArticleID(rest[0]) {
			fmt.Fprintf(env.Stderr, "whosaid article: %q is not an article ID (16 hexadecimal digits, the ARTICLE column of whosaid quotes)\n", rest[0])
			return ExitUsage
		}
		fmt.Fprintf(env.Stderr, "whosaid article: no article %s\n", rest[0])
		return ExitFailed
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid article:", err)
		return ExitFailed
	}
	a := sa.Article
	var story *store.Story
	if *format != "csv" {
		if story, err = st.Story(ctx, a.ID); err != nil {
			fmt.Fprintln(env.Stderr, "whosaid article:", err)
			return ExitFailed
		}
	}
	out := &outWriter{w: env.Stdout}
	if *format == "jsonl" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		return printed(env, "article", out, enc.Encode(storied{a, story}))
	}
	if *format == "table" {
		fmt.Fprintf(out, "%s\n%s  %s  %s\nsource: %s  ingested: %s\n\n",
			a.Title, orDash(whenOf(a.Published, a.PublishedLocal)), sa.Outlet, str(a.URL), a.Source, sa.Ingested)
		if err := writeStory(out, a.ID, story); err != nil {
			return printed(env, "article", out, err)
		}
	}
	header := []string{"quote", "cluster", "kind", "speaker", "cue", "content"}
	var rows [][]string
	var items []any
	for i, q := range a.Quotes {
		cue := ""
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		rows = append(rows, []string{q.ID, strconv.FormatInt(sa.Clusters[i], 10), q.Kind, opt(q.Speaker.Name), cue, q.Content})
		items = append(items, q)
	}
	return printed(env, "article", out, write(out, *format, header, rows, items, 5))
}

// storied is an article in the extract contract's form with its story: the
// contract's fields unchanged, one more beside them.
type storied struct {
	*article.Article
	Story *store.Story `json:"story"`
}

// writeStory prints the other reports of the article's story (near-duplicates
// and copies at other URLs), the first report marked; nothing when the
// article is the story's only report.
func writeStory(w io.Writer, id string, st *store.Story) error {
	if st == nil || st.Size < 2 {
		return nil
	}
	var rows [][]string
	for _, r := range st.Articles {
		if r.ID == id && !r.Copy {
			continue
		}
		var notes []string
		if r.First {
			notes = append(notes, "first report")
		}
		if r.Copy {
			if r.ID == id {
				notes = append(notes, "copy of this article")
			} else {
				notes = append(notes, "copy")
			}
		}
		where := r.Source
		if r.URL != nil {
			where = *r.URL
		}
		rows = append(rows, []string{whenOf(r.Published, r.PublishedLocal), r.Outlet, r.ID, strings.Join(notes, ", "), where})
	}
	first := "first reported by " + st.Articles[0].Outlet
	switch {
	case st.Articles[0].ID == id && !st.Articles[0].Copy:
		first = "this article is the first report"
	case st.FirstReported != nil || st.FirstReportedLocal != nil:
		first += " on " + whenOf(st.FirstReported, st.FirstReportedLocal)
	default:
		first += " (time unknown)"
	}
	if _, err := fmt.Fprintf(w, "Story %d: %d reports; %s.\nAlso reported by:\n", st.ID, st.Size, first); err != nil {
		return err
	}
	if err := write(w, "table", []string{"published", "outlet", "article", "note", "url/source"}, rows, nil, -1); err != nil {
		return err
	}
	if more := st.Size - len(st.Articles); more > 0 {
		fmt.Fprintf(w, "… and %d more\n", more)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// isArticleID reports whether s has the form of an article's id: 16
// hexadecimal digits.
func isArticleID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// orDash is s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
