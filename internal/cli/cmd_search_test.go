package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ingestExamples stores the examples once per test and returns the store's path.
func ingestExamples(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, "../../examples"); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	return db
}

func TestSearch(t *testing.T) {
	db := ingestExamples(t)
	tests := []struct {
		name string
		args []string
		want string // a speaker every hit must have, "" for any
		min  int
	}{
		{"word", []string{"leaks"}, "Brigid Halloran", 1},
		{"word then flags", []string{"leaks", "--kind", "direct", "--since", "2025-01-01"}, "Brigid Halloran", 1},
		{"speaker alias", []string{"--speaker", "halloran"}, "Brigid Halloran", 2},
		{"speaker full name", []string{"--speaker", "Brigid Halloran"}, "Brigid Halloran", 2},
		{"speaker and word", []string{"--speaker", "Halloran", "market"}, "Brigid Halloran", 1},
		{"nobody", []string{"--speaker", "Nobody Atall"}, "", 0},
		{"before everything", []string{"--until", "2000-01-01"}, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"search", "--db", db, "--format", "jsonl"}, tc.args...)
			code, out, errs := run(t, "", args...)
			if code != ExitOK {
				t.Fatalf("exit %d\n%s", code, errs)
			}
			hits := decode(t, out)
			if len(hits) < tc.min || (tc.min == 0 && len(hits) != 0) {
				t.Fatalf("%d hits, want at least %d (0: none)\n%s", len(hits), tc.min, out)
			}
			for _, h := range hits {
				if tc.want != "" && h["speaker"] != tc.want {
					t.Errorf("hit by %v, want %s: %v", h["speaker"], tc.want, h["content"])
				}
			}
		})
	}
}

// --min-confidence keeps the quotes the engine was surer of, and says so in
// each hit.
func TestSearchMinConfidence(t *testing.T) {
	db := ingestExamples(t)
	_, out, _ := run(t, "", "search", "--db", db, "--format", "jsonl", "--limit", "1000")
	all := decode(t, out)
	var confs []float64
	for _, h := range all {
		c, _ := h["confidence"].(float64)
		if c <= 0 || c >= 1 {
			t.Fatalf("hit %v: confidence %v", h["content"], h["confidence"])
		}
		confs = append(confs, c)
	}
	slices.Sort(confs)
	if len(confs) < 4 || confs[0] == confs[len(confs)-1] {
		t.Fatalf("confidences of the examples' quotes: %v", confs)
	}
	cut := confs[len(confs)/2]
	code, out, errs := run(t, "", "search", "--db", db, "--format", "jsonl", "--limit", "1000", "--min-confidence", strconv.FormatFloat(cut, 'f', -1, 64))
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	sure := decode(t, out)
	if len(sure) == 0 || len(sure) >= len(all) {
		t.Errorf("%d of %d hits at confidence ≥ %v", len(sure), len(all), cut)
	}
	for _, h := range sure {
		if c, _ := h["confidence"].(float64); c < cut {
			t.Errorf("hit %v: confidence %v below %v", h["content"], c, cut)
		}
	}
}

func TestSearchFormats(t *testing.T) {
	db := ingestExamples(t)
	code, out, _ := run(t, "", "search", "--db", db, "--speaker", "Halloran")
	if code != ExitOK || !strings.HasPrefix(out, "CLUSTER") || !strings.Contains(out, "Brigid Halloran") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--speaker", "Halloran", "--format", "csv")
	if code != ExitOK || !strings.HasPrefix(out, "cluster,published,outlet,speaker,kind,quote,reports,confidence\n") {
		t.Errorf("csv: exit %d\n%s", code, out)
	}
}

// --articles finds articles by their text, with the passage that matched.
func TestSearchArticles(t *testing.T) {
	db := ingestExamples(t)
	code, out, errs := run(t, "", "search", "--db", db, "--articles", "--format", "jsonl", "market")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	hits := decode(t, out)
	if len(hits) == 0 {
		t.Fatal("no article mentions the market")
	}
	for _, h := range hits {
		if !strings.Contains(strings.ToLower(h["snippet"].(string)), "[market") {
			t.Errorf("passage without the match: %v", h["snippet"])
		}
	}
	if code, out, errs := run(t, "", "search", "--db", db, "--articles", "zeppelin"); code != ExitOK || strings.Count(out, "\n") != 1 || !strings.Contains(errs, "no articles") {
		t.Errorf("no match: exit %d, out %q, stderr %q", code, out, errs)
	}
	for _, args := range [][]string{{"--articles", "--speaker", "Halloran", "market"}, {"--articles", "--", `"open`}, {"--articles"}} {
		if code, _, errs := run(t, "", append([]string{"search", "--db", db}, args...)...); code != ExitUsage || errs == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
	}
}

// A query that FTS5 cannot parse is one clear line and exit 2, never a crash.
func TestSearchBadQuery(t *testing.T) {
	db := ingestExamples(t)
	for _, q := range []string{`"unterminated`, `market AND`, `(`, `nosuch:word`, `*`} {
		code, out, errs := run(t, "", "search", "--db", db, "--", q)
		if code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", q, code, ExitUsage)
		}
		if out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "whosaid search: bad query") {
			t.Errorf("%q: stdout %q stderr %q", q, out, errs)
		}
	}
	// The usual mistakes are said in the user's terms, with the query.
	for q, want := range map[string]string{
		`coalition AND`:  "the query ends with an operator (AND): `coalition AND`",
		`"coalition`:     "a quotation mark is not closed: `\"coalition`",
		`OR coalition`:   "the query starts with an operator (OR)",
		`a AND OR b`:     "two operators follow each other (AND OR)",
		`a AND NOT b`:    "two operators follow each other (AND NOT); NOT alone means \"and not\": write a NOT b",
		`(a OR b`:        "a parenthesis is not closed",
		`a OR b)`:        "a closing parenthesis has no opening one",
		`(a OR) b`:       "an operator (OR) has nothing after it",
		`"a AND" (b NOT`: "a parenthesis is not closed",
	} {
		_, _, errs := run(t, "", "search", "--db", db, "--", q)
		if !strings.Contains(errs, want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: stderr %q, want %q", q, errs, want)
		}
	}
}

// The help shows FTS5's NOT as it is written, between two terms, and a query
// that puts AND before it is told how to write it.
func TestSearchNotSyntax(t *testing.T) {
	code, _, errs := run(t, "", "search", "-h")
	if code != ExitOK || !strings.Contains(errs, "a NOT b") || strings.Contains(errs, "AND NOT") {
		t.Errorf("search -h: exit %d, help %q: want \"a NOT b\", no \"AND NOT\"", code, errs)
	}
	for q, want := range map[string]string{
		"polls AND NOT turnout": "write a NOT b",
		"polls OR NOT turnout":  "write a NOT b",
		"polls NOT turnout":     "",
		"polls AND OR turnout":  "two operators follow each other (AND OR)",
	} {
		if got := explainQuery(q); !strings.Contains(got, want) || (want == "") != (got == "") {
			t.Errorf("explainQuery(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestSearchUsageErrors(t *testing.T) {
	db := ingestExamples(t)
	for _, args := range [][]string{
		{"search", "--db", db, "--since", "last week"},
		{"search", "--db", db, "--since", "2025-06-12", "--until", "2025-06-11"},
		{"search", "--db", db, "--kind", "shouted"},
		{"search", "--db", db, "--min-confidence", "1.5"},
		{"search", "--db", db, "--min-confidence", "NaN"},
		{"search", "--db", db, "--articles", "--min-confidence", "0.5", "x"},
		{"search", "--db", db, "--format", "xml"},
		{"quotes", "--db", db},
		{"quotes", "--db", db, "abc"},
		{"article", "--db", db},
	} {
		if code, _, errs := run(t, "", args...); code != ExitUsage || errs == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, errs := run(t, "", "search", "--db", missing, "x"); code != ExitFailed || !strings.Contains(errs, "no store") {
		t.Errorf("missing store: exit %d %q", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("searching a missing store created it")
	}
}

func TestBrowse(t *testing.T) {
	db := ingestExamples(t)
	code, out, errs := run(t, "", "speakers", "--db", db, "--top", "2")
	if code != ExitOK || strings.Count(out, "\n") != 3 {
		t.Errorf("speakers --top 2: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--speaker", "Halloran", "--format", "jsonl", "--limit", "1")
	hits := decode(t, out)
	if code != ExitOK || len(hits) != 1 {
		t.Fatalf("search: exit %d\n%s", code, out)
	}
	cluster := fmt.Sprint(hits[0]["cluster"])
	code, out, errs = run(t, "", "quotes", "--db", db, cluster)
	if code != ExitOK || !strings.Contains(out, "Brigid Halloran") || !strings.Contains(out, hits[0]["article"].(string)) {
		t.Errorf("quotes %s: exit %d\n%s%s", cluster, code, out, errs)
	}
	id := hits[0]["article"].(string)
	code, out, errs = run(t, "", "article", "--db", db, id, "--format", "jsonl")
	arts := decode(t, out)
	if code != ExitOK || len(arts) != 1 || arts[0]["id"] != id || len(arts[0]["quotes"].([]any)) == 0 {
		t.Errorf("article %s: exit %d\n%s%s", id, code, out, errs)
	}
	code, out, _ = run(t, "", "article", "--db", db, id)
	if code != ExitOK || !strings.Contains(out, "QUOTE") {
		t.Errorf("article table: exit %d\n%s", code, out)
	}
	if code, _, errs := run(t, "", "quotes", "--db", db, "999999"); code != ExitFailed || !strings.Contains(errs, "no quote cluster") {
		t.Errorf("missing cluster: exit %d %q", code, errs)
	}
	if code, _, errs := run(t, "", "article", "--db", db, "ffffffffffffffff"); code != ExitFailed || !strings.Contains(errs, "no article") {
		t.Errorf("missing article: exit %d %q", code, errs)
	}
}

// A search that fills its --limit says there may be more; one that does not
// says nothing. A table row is one line; CSV cells are whole.
func TestSearchLimitAndCells(t *testing.T) {
	db := ingestExamples(t)
	if code, _, errs := run(t, "", "search", "--db", db, "--limit", "2"); code != ExitOK || !strings.Contains(errs, "showing the first 2 quotes") {
		t.Errorf("exit %d, stderr %q: want a note that there may be more", code, errs)
	}
	if _, _, errs := run(t, "", "search", "--db", db, "--limit", "100000"); strings.Contains(errs, "showing the first") {
		t.Errorf("stderr %q: no note when the limit is not reached", errs)
	}
	_, js, _ := run(t, "", "search", "--db", db, "--articles", "--format", "jsonl", "market")
	_, out, _ := run(t, "", "search", "--db", db, "--articles", "--format", "csv", "market")
	hits := decode(t, js)
	if len(hits) == 0 {
		t.Fatal("no article found")
	}
	if title := hits[0]["title"].(string); !strings.Contains(out, title) {
		t.Errorf("the CSV does not hold the whole title %q:\n%s", title, out)
	}
	_, out, _ = run(t, "", "search", "--db", db, "--articles", "market")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if len(strings.Fields(line)) < 5 {
			t.Errorf("a table row broken over lines: %q\n%s", line, out)
		}
	}
}

// A report that gave its day but no offset shows that day, marked local, in
// the table and in the JSON, not "-".
func TestSearchLocalDate(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "gazette", "wall.txt")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "Harbour council backs new sea wall\n\nPublished March 11, 2025 | Updated 3:42 p.m. ET\n\n" +
		"“We cannot lose another summer,” said Mara Quinn, the council leader.\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, src); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	code, out, errs := run(t, "", "search", "--db", db, "summer")
	if code != ExitOK || !strings.Contains(out, "2025-03-11 (local)") {
		t.Errorf("table: exit %d, want the local day\n%s%s", code, out, errs)
	}
	_, out, _ = run(t, "", "search", "--db", db, "--format", "jsonl", "summer")
	hits := decode(t, out)
	if len(hits) != 1 || hits[0]["published"] != nil || hits[0]["published_local"] != "2025-03-11" {
		t.Errorf("jsonl hits %v", hits)
	}
}

// --newest lists the quotes most recently reported first; the default, the
// earliest first.
func TestSearchNewest(t *testing.T) {
	db := ingestExamples(t)
	times := func(args ...string) []string {
		t.Helper()
		code, out, errs := run(t, "", append([]string{"search", "--db", db, "--format", "jsonl", "--limit", "500"}, args...)...)
		if code != ExitOK {
			t.Fatalf("search %q: exit %d %s", args, code, errs)
		}
		var ts []string
		for _, h := range decode(t, out) {
			if p, ok := h["published"].(string); ok {
				tm, err := time.Parse(time.RFC3339, p)
				if err != nil {
					t.Fatal(err)
				}
				ts = append(ts, tm.UTC().Format(time.RFC3339))
			}
		}
		return ts
	}
	first, newest := times(), times("--newest")
	if len(newest) < 2 || !slices.IsSorted(first) {
		t.Fatalf("earliest first: %v", first)
	}
	if !slices.IsSortedFunc(newest, func(a, b string) int { return strings.Compare(b, a) }) || newest[0] != slices.Max(first) {
		t.Errorf("--newest: %v, want the latest first (%s)", newest, slices.Max(first))
	}
	if code, _, errs := run(t, "", "search", "--db", db, "--articles", "--newest", "harbour"); code != ExitUsage || errs == "" {
		t.Errorf("--articles --newest: exit %d %q, want a usage error", code, errs)
	}
}
