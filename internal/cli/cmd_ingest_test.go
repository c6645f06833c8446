package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/whosaid/whosaid/internal/store"
)

func storeCounts(t *testing.T, db string) store.Counts {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// exampleCount is the number of articles shipped in examples/.
func exampleCount(t *testing.T) int {
	t.Helper()
	m, err := filepath.Glob("../../examples/*.txt")
	if err != nil || len(m) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return len(m)
}

// Ingesting the examples twice stores them once.
func TestIngestExamplesTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	code, out, errs := run(t, "", "ingest", "../../examples", "--db", db, "--batch", "2")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	n := exampleCount(t)
	if !strings.Contains(out, fmt.Sprintf("ingested %d new article(s) (0 known)", n)) {
		t.Errorf("summary %q", out)
	}
	if b := strings.Count(errs, "whosaid ingest: batch "); b != (n+1)/2 {
		t.Errorf("%d batch lines, want %d:\n%s", b, (n+1)/2, errs)
	}
	first := storeCounts(t, db)
	if first.Articles != n || first.Quotes == 0 || first.Speakers == 0 {
		t.Fatalf("counts after the first ingest: %+v", first)
	}
	code, out, errs = run(t, "", "ingest", "--db", db, "../../examples")
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("ingested 0 new article(s) (%d known), 0 quote(s)", n)) {
		t.Errorf("second ingest: exit %d\n%s%s", code, out, errs)
	}
	if again := storeCounts(t, db); again != first {
		t.Errorf("re-ingesting changed the counts:\n %+v\n %+v", first, again)
	}
}

// Bad inputs are named one line each; the good ones are stored; the status says
// something failed.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a-good.txt"), []byte(story), 0o644)
	os.WriteFile(filepath.Join(dir, "b-empty.txt"), nil, 0o644)
	db := filepath.Join(t.TempDir(), "w.db")
	code, out, errs := run(t, "", "ingest", "--db", db, dir, filepath.Join(dir, "missing.txt"))
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	for _, name := range []string{"b-empty.txt", "missing.txt"} {
		if strings.Count(errs, name) != 1 {
			t.Errorf("%s is not named once on stderr:\n%s", name, errs)
		}
	}
	if !strings.Contains(out, "1 new article(s)") || !strings.Contains(out, "2 error(s)") {
		t.Errorf("summary %q", out)
	}
	if c := storeCounts(t, db); c.Articles != 1 {
		t.Errorf("%d articles stored, want 1", c.Articles)
	}
}

// cancelOn cancels a context the first time a line containing mark is written.
type cancelOn struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	mark   string
	cancel context.CancelFunc
}

func (w *cancelOn) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.mark) {
		w.cancel()
	}
	return len(p), nil
}

// Ctrl-C after the first batch: what was saved is committed, the status says
// interrupted, and the next run stores the rest.
func TestIngestInterrupted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errw := &cancelOn{mark: "batch 1:", cancel: cancel}
	var out bytes.Buffer
	code := Run(ctx, []string{"ingest", "--db", db, "--batch", "1", "--workers", "1", "../../examples"}, strings.NewReader(""), &out, errw)
	if code != ExitAborted {
		t.Errorf("exit %d, want %d\n%s", code, ExitAborted, errw.buf.String())
	}
	c := storeCounts(t, db)
	if c.Articles < 1 {
		t.Errorf("nothing committed before the interrupt: %+v", c)
	}
	code, outs, errs := run(t, "", "ingest", "--db", db, "../../examples")
	if code != ExitOK {
		t.Fatalf("resume: exit %d\n%s", code, errs)
	}
	if c2, n := storeCounts(t, db), exampleCount(t); c2.Articles != n {
		t.Errorf("after resuming %d articles, want %d (%s)", c2.Articles, n, outs)
	}
}

// The real sample: after ingesting it, a search by the speaker's full name
// returns its quotes.
func TestIngestSamplesSearchSpeaker(t *testing.T) {
	const samples = "../../../shared/samples"
	if _, err := os.Stat(samples); err != nil {
		t.Skip("no ../shared/samples")
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, samples); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	code, out, errs := run(t, "", "search", "--db", db, "--speaker", "Bashar al-Assad", "--format", "jsonl", "--limit", "1000")
	if code != ExitOK {
		t.Fatalf("search: exit %d\n%s", code, errs)
	}
	hits := decode(t, out)
	if len(hits) == 0 {
		t.Fatal("no quotes of Bashar al-Assad")
	}
	ids := map[string]bool{}
	for _, h := range hits {
		ids[h["article"].(string)] = true
	}
	if len(ids) != 1 {
		t.Errorf("hits from %d articles, want the sample's one", len(ids))
	}
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for id := range ids {
		sa, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		clusters := map[int64]bool{}
		for i, q := range sa.Article.Quotes {
			if q.Speaker.Name != nil && *q.Speaker.Name == "Bashar al-Assad" {
				clusters[sa.Clusters[i]] = true
			}
		}
		if len(clusters) != len(hits) {
			t.Errorf("%d hits, want the article's %d quote clusters of Bashar al-Assad", len(hits), len(clusters))
		}
	}
	// Every hit must be a quote cluster that `quotes ID` can show.
	cluster := fmt.Sprint(hits[0]["cluster"])
	if code, out, errs := run(t, "", "quotes", "--db", db, cluster); code != ExitOK || !strings.Contains(out, "Bashar al-Assad") {
		t.Errorf("quotes %s: exit %d\n%s%s", cluster, code, out, errs)
	}
}
