package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The same articles ingested in two orders give the same search results: a
// syndicated copy published before the article stored first is the first
// report, found by --until, shown with its own headline, and counted once
// among the reports; speakers tells stored quotes from reports.
func TestSearchCopiesIngestOrder(t *testing.T) {
	// Cluster numbers follow the order saved; an article's passage is from
	// its text, a copy's from the headline that matched.
	clusterID := regexp.MustCompile(`"cluster":\d+,|"snippet":"[^"]*",`)
	searches := [][]string{
		{"--format", "jsonl"},
		{"--format", "jsonl", `"closed doors"`, "--until", "2026-03-13T14:10:00Z"},
		{"--format", "jsonl", "--speaker", "Ilse Varga", "--since", "2026-03-13T14:10:00Z"},
		{"--format", "jsonl", "--articles", `"closed to public"`},
	}
	outs := make([][]string, 2)
	var dbs []string
	for i, file := range []string{"inorder.jsonl", "reversed.jsonl"} {
		db := filepath.Join(t.TempDir(), "s.db")
		dbs = append(dbs, db)
		if code, _, errs := run(t, "", "ingest", "--db", db, filepath.Join("testdata", "copies", file)); code != ExitOK {
			t.Fatalf("ingest %s: %d %s", file, code, errs)
		}
		for _, args := range searches {
			code, out, errs := run(t, "", append([]string{"search", "--db", db}, args...)...)
			if code != ExitOK {
				t.Fatalf("search %q: %d %s", args, code, errs)
			}
			outs[i] = append(outs[i], clusterID.ReplaceAllString(out, ""))
		}
	}
	for j, args := range searches {
		if outs[0][j] != outs[1][j] {
			t.Errorf("search %q differs with the ingest order:\n%s\n%s", args, outs[0][j], outs[1][j])
		}
	}
	wire := `"title":"Harbour inquiry closed to public","outlet":"wire.example","url":"https://wire.example/world/harbour-inquiry","published":"2026-03-13T14:00:00Z"`
	first := func(out string) string { return strings.SplitN(out, "\n", 2)[0] }
	if got := first(outs[1][0]); !strings.Contains(got, wire) {
		t.Errorf("first report %s, want the wire's copy", got)
	}
	if got := outs[1][1]; strings.Count(got, "\n") != 1 || !strings.Contains(got, "closed doors") || !strings.Contains(got, wire) ||
		!strings.Contains(got, `"occurrences":1`) {
		t.Errorf("--until 14:10Z: %s, want the quote once, at the wire", got)
	}
	if got := outs[1][2]; !strings.Contains(got, "closed doors") || !strings.Contains(got, `"outlet":"courier.example"`) ||
		!strings.Contains(got, `"occurrences":2`) {
		t.Errorf("--since 14:10Z: %s, want the courier first, 2 reports", got)
	}
	if got := outs[1][3]; strings.Count(got, "\n") != 1 || !strings.Contains(got, `"url":"https://wire.example/world/harbour-inquiry"`) {
		t.Errorf("--articles by the copy's headline: %s, want the copy", got)
	}
	code, out, _ := run(t, "", "speakers", "--db", dbs[0])
	if code != ExitOK || !strings.Contains(out, "REPORTS") || !regexp.MustCompile(`Ilse Varga\s+3\s+2\s+2\s+5\s`).MatchString(out) {
		t.Errorf("speakers: %s, want Ilse Varga with 3 quotes, 2 clusters, 2 articles, 5 reports", out)
	}
}
