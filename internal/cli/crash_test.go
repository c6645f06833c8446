package cli

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashArgsEnv carries the arguments of a child `whosaid` run, separated by
// crashArgSep, to TestCrashChild in a re-executed test binary.
const (
	crashArgsEnv = "WHOSAID_CRASH_CHILD_ARGS"
	crashArgSep  = "\x1f"
)

// TestCrashChild is not a test: it is `whosaid` itself when the crash test
// re-executes this test binary, so the child is the real command in its own
// process, killable with SIGKILL, without building a second binary.
func TestCrashChild(t *testing.T) {
	args := os.Getenv(crashArgsEnv)
	if args == "" {
		t.Skip("only run as the child of TestIngestSurvivesKill")
	}
	os.Exit(Run(context.Background(), strings.Split(args, crashArgSep), strings.NewReader(""), os.Stdout, os.Stderr))
}

// whosaidCmd is a `whosaid args...` subprocess.
func whosaidCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashArgsEnv+"="+strings.Join(args, crashArgSep))
	return cmd
}

// crashCorpus writes n small invented articles, each with a URL and quotes,
// as one JSON Lines file.
func crashCorpus(t *testing.T, path string, n int, rng *rand.Rand) {
	t.Helper()
	first := []string{"Mara", "Tobias", "Ines", "Oskar", "Lena", "Felix", "Noor", "Jonas", "Ada", "Milo", "Rhea", "Pavel"}
	last := []string{"Delacroix", "Brandt", "Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Ferreira", "Nakamura", "Quist"}
	roles := []string{"the mayor of Westhaven", "a harbour pilot", "the transport minister", "a union spokesperson", "the head of the port authority", "a local shopkeeper"}
	topics := []string{"ferry", "bridge", "harbour", "school", "railway", "library", "market", "tunnel", "clinic", "stadium"}
	verbs := []string{"said", "told reporters", "added", "warned", "insisted"}
	words := strings.Fields("the council plan would cost more than expected and the work may start next spring after a long debate over funding routes timetables tenders and the views of residents who live along the coast")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	sentence := func() string {
		k := 8 + rng.IntN(10)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = pick(words)
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	start := time.Date(2021, 1, 1, 9, 0, 0, 0, time.FixedZone("", 3600))
	for i := range n {
		topic := pick(topics)
		var b strings.Builder
		fmt.Fprintf(&b, "Officials in district %d met on Monday to discuss the %s project, number %d.\n\n", i, topic, i)
		for range 2 + rng.IntN(3) {
			name := pick(first) + " " + pick(last)
			fmt.Fprintf(&b, "%s %s\n\n", sentence(), sentence())
			fmt.Fprintf(&b, "\"We will finish the %s for district %d before the %s comes,\" %s %s, %s.\n\n",
				topic, i, pick([]string{"winter", "summer", "election", "festival"}), pick(verbs), name, pick(roles))
		}
		rec := map[string]string{
			"url":       fmt.Sprintf("https://news.example.org/%s/%d", topic, i),
			"title":     fmt.Sprintf("District %d weighs the %s project", i, topic),
			"published": start.Add(time.Duration(i) * time.Hour).Format(time.RFC3339),
			"text":      b.String(),
		}
		line, _ := json.Marshal(rec)
		w.Write(line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

// articleShape is what an article must have in full once it is stored.
type articleShape struct{ quotes, blocks, entities int }

// storeShapes opens the database as a crashed process left it and checks its
// consistency, returning each stored article's quote and block counts.
func storeShapes(t *testing.T, path string) map[string]articleShape {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		return map[string]articleShape{} // killed before the first migration committed
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check reports violations")
	}
	rows.Close()
	for _, fts := range []string{"quotes_fts", "articles_fts", "quotes_pairs"} {
		if _, err := db.Exec(`INSERT INTO ` + fts + `(` + fts + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s integrity-check: %v", fts, err)
		}
	}
	// Every article in the full-text index and every quote in it, no more.
	var ftsQuotes, quotes, ftsArticles, articles int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM quotes_fts_docsize), (SELECT count(*) FROM quotes),
		(SELECT count(*) FROM articles_fts_docsize), (SELECT count(*) FROM articles)`).
		Scan(&ftsQuotes, &quotes, &ftsArticles, &articles); err != nil {
		t.Fatal(err)
	}
	if ftsQuotes != quotes || ftsArticles != articles {
		t.Errorf("indexed %d/%d quotes and %d/%d articles", ftsQuotes, quotes, ftsArticles, articles)
	}
	// The phrase index's mark stands at the last quote: every quote's pairs are in.
	var pairsUpto, lastQuote int64
	if err := db.QueryRow(`SELECT (SELECT value FROM store_marks WHERE name = 'pairs_upto'), (SELECT ifnull(max(id), 0) FROM quotes)`).
		Scan(&pairsUpto, &lastQuote); err != nil {
		t.Fatal(err)
	}
	if pairsUpto != lastQuote {
		t.Errorf("phrase index up to quote %d, last quote %d", pairsUpto, lastQuote)
	}
	shapes := map[string]articleShape{}
	rows, err = db.Query(`SELECT a.id,
		(SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk),
		(SELECT count(*) FROM blocks b WHERE b.article_pk = a.pk),
		(SELECT count(*) FROM entities e WHERE e.article_pk = a.pk)
		FROM articles a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var s articleShape
		if err := rows.Scan(&id, &s.quotes, &s.blocks, &s.entities); err != nil {
			t.Fatal(err)
		}
		shapes[id] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return shapes
}

// kill -9 at random points of an ingest leaves a consistent database that has
// lost no committed article and holds every stored article whole; the next run
// picks up where the last one stopped, and the last complete run ends with
// exactly the corpus, nothing lost and nothing doubled.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real subprocesses; skipped with -short")
	}
	const articles, kills, batch = 2000, 6, 50
	rng := rand.New(rand.NewPCG(4, 2026))
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	crashCorpus(t, corpus, articles, rng)
	args := func(db string) []string { return []string{"ingest", "--db", db, "--batch", fmt.Sprint(batch), corpus} }

	// The reference: one uninterrupted run, and how long it takes.
	ref := filepath.Join(dir, "ref.db")
	t0 := time.Now()
	if out, err := whosaidCmd(args(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, tail(out))
	}
	full := time.Since(t0)
	want := storeShapes(t, ref)
	if len(want) != articles {
		t.Fatalf("reference run stored %d articles, want %d", len(want), articles)
	}
	t.Logf("uninterrupted run: %s", full.Round(time.Millisecond))

	// Each run is killed after a random number of its batches has been
	// committed (the log says so) plus a random delay of up to two batches,
	// so kills land while reading, extracting, saving or committing; the
	// first one lands at start-up, perhaps while the schema is created.
	db := filepath.Join(dir, "crash.db")
	batches := articles / batch
	perBatch := full / time.Duration(batches)
	killed, prev := 0, 0
	for attempt := 0; killed < kills && attempt < 3*kills; attempt++ {
		cmd := whosaidCmd(args(db)...)
		var out bytes.Buffer
		cmd.Stdout = &out
		pipe, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		committed := make(chan struct{}, batches+1)
		logDone := make(chan struct{})
		go func() {
			defer close(logDone)
			sc := bufio.NewScanner(pipe)
			for sc.Scan() {
				out.WriteString(sc.Text() + "\n")
				if strings.HasPrefix(sc.Text(), "whosaid ingest: batch ") {
					committed <- struct{}{}
				}
			}
		}()
		// Kills land in the first third of what is left, so that every
		// run still has batches to do when it is killed.
		after := 0
		if attempt > 0 {
			after = prev/batch + rng.IntN(max(1, (batches-prev/batch)/3))
		}
		delay := time.Duration(rng.Int64N(int64(2 * perBatch)))
		waited := 0
		for ; waited < after; waited++ {
			select {
			case <-committed:
				continue
			case <-logDone:
			}
			break
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		<-logDone
		err = cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			killed++
		} else if err != nil {
			t.Fatalf("run %d: %v\n%s", attempt, err, tail(out.Bytes()))
		}
		got := storeShapes(t, db)
		for id, s := range got {
			if w, ok := want[id]; !ok {
				t.Fatalf("after kill %d: article %s is not in the corpus", attempt, id)
			} else if s != w {
				t.Fatalf("after kill %d: article %s stored as %+v, want %+v", attempt, id, s, w)
			}
		}
		if len(got) < prev {
			t.Fatalf("after kill %d: %d articles, had %d: a committed article was lost", attempt, len(got), prev)
		}
		t.Logf("killed %s after batch %d: %d articles stored", delay.Round(time.Millisecond), waited, len(got))
		prev = len(got)
	}
	if killed < kills {
		t.Fatalf("only %d runs were killed while running, want %d", killed, kills)
	}

	out, err := whosaidCmd(args(db)...).CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, tail(out))
	}
	wantSummary := fmt.Sprintf("ingested %d new article(s) (%d known)", articles-prev, prev)
	if !strings.Contains(string(out), wantSummary) {
		t.Errorf("final run did not pick up where the last stopped: want %q in\n%s", wantSummary, tail(out))
	}
	if got := storeShapes(t, db); len(got) != articles {
		t.Errorf("final run: %d articles, want %d", len(got), articles)
	}
	if a, b := storeCounts(t, ref), storeCounts(t, db); a != b {
		t.Errorf("counts differ from the uninterrupted run:\n ref   %+v\n crash %+v", a, b)
	}
}

// tail is the end of a command's output, for failure messages.
func tail(b []byte) string {
	const n = 2000
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
