package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/whosaid/whosaid/internal/store"
)

// exportCounts opens the store at db and returns its counts.
func exportCounts(t *testing.T, db string) store.Counts {
	t.Helper()
	st, code := openExisting(t.Context(), "test", db, Env{Stderr: os.Stderr})
	if st == nil {
		t.Fatalf("open %s: exit %d", db, code)
	}
	defer st.Close()
	c, err := st.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// JSONL export imported into a fresh store gives the same counts, and importing
// it again changes nothing.
func TestExportImportJSONL(t *testing.T) {
	db := ingestExamples(t)
	code, out, errs := run(t, "", "export", "--db", db)
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	db2 := filepath.Join(t.TempDir(), "w2.db")
	for range 2 {
		if code, _, errs := run(t, "", "import", file, "--db", db2); code != ExitOK {
			t.Fatalf("import: exit %d\n%s", code, errs)
		}
		if got, want := exportCounts(t, db2), exportCounts(t, db); got != want {
			t.Errorf("imported store %+v, want %+v", got, want)
		}
	}
	// From standard input too, into a third store.
	db3 := filepath.Join(t.TempDir(), "w3.db")
	if code, _, errs := run(t, out, "import", "--db", db3, "-"); code != ExitOK {
		t.Fatalf("import -: exit %d\n%s", code, errs)
	}
	if got, want := exportCounts(t, db3).Quotes, exportCounts(t, db).Quotes; got != want {
		t.Errorf("imported from stdin: %d quotes, want %d", got, want)
	}
}

func TestExportCSVAndParquet(t *testing.T) {
	db := ingestExamples(t)
	want := exportCounts(t, db)
	code, out, errs := run(t, "", "export", "--db", db, "--format", "csv")
	if code != ExitOK {
		t.Fatalf("export csv: exit %d\n%s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(store.QuoteColumns, ",") || recs[0][12] != "confidence" {
		t.Errorf("header %q", recs[0])
	}
	for _, r := range recs[1:] {
		if c, err := strconv.ParseFloat(r[12], 64); err != nil || c <= 0 || c > 1 {
			t.Errorf("confidence %q in %q", r[12], r)
			break
		}
		// The file each report was read from, for rows with no URL.
		if src := r[len(r)-1]; recs[0][len(r)-1] != "source" || !strings.Contains(src, "examples") {
			t.Errorf("source %q in %q, want the example's file", src, r)
			break
		}
	}
	if len(recs)-1 < want.Quotes {
		t.Errorf("%d rows, want at least one per quote (%d)", len(recs)-1, want.Quotes)
	}
	// --speaker keeps only that speaker's rows, by any alias.
	_, out, _ = run(t, "", "export", "--db", db, "--format", "csv", "--speaker", "halloran")
	recs, _ = csv.NewReader(strings.NewReader(out)).ReadAll()
	if len(recs) < 3 {
		t.Errorf("--speaker halloran: %d records, want a header and at least 2 rows", len(recs))
	}
	for _, r := range recs[1:] {
		if r[5] != "Brigid Halloran" {
			t.Errorf("--speaker halloran: row by %q", r[5])
		}
	}

	pq := filepath.Join(t.TempDir(), "q.parquet")
	if code, _, errs := run(t, "", "export", "--db", db, "--format", "parquet", "--out", pq); code != ExitOK {
		t.Fatalf("export parquet: exit %d\n%s", code, errs)
	}
	data, err := os.ReadFile(pq)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[store.QuoteRow](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < want.Quotes || rows[0].QuoteID == "" || rows[0].Content == "" || rows[0].Confidence <= 0 || rows[0].Confidence > 1 {
		t.Errorf("parquet: %d rows (first %+v), want at least %d", len(rows), rows[0], want.Quotes)
	}
}

// citron both ways: to a folder of files and back, keeping quotes and speakers.
func TestExportImportCitron(t *testing.T) {
	db := ingestExamples(t)
	dir := t.TempDir()
	if code, _, errs := run(t, "", "export", "--db", db, "--format", "citron", "--out", dir); code != ExitOK {
		t.Fatalf("export citron: exit %d\n%s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	want := exportCounts(t, db)
	if len(files) != want.Articles+want.Copies {
		t.Errorf("%d citron files, want %d", len(files), want.Articles+want.Copies)
	}
	db2 := filepath.Join(t.TempDir(), "c.db")
	if code, _, errs := run(t, "", "import", "--format", "citron", "--db", db2, dir); code != ExitOK {
		t.Fatalf("import citron: exit %d\n%s", code, errs)
	}
	got := exportCounts(t, db2)
	if got != want {
		t.Errorf("citron round trip %+v, want %+v", got, want)
	}
	_, out, _ := run(t, "", "search", "--db", db2, "--speaker", "Brigid Halloran", "--format", "jsonl")
	if len(decode(t, out)) < 2 {
		t.Errorf("after citron import, Brigid Halloran has fewer than 2 quotes:\n%s", out)
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export", "--format", "xml"},
		{"export", "extra"},
		{"export", "--since", "yesterday"},
		{"import"},
		{"import", "--format", "csv", "x"},
	} {
		if code, _, _ := run(t, "", args...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"text\": \"\"}\nnot json\n"), 0o644)
	code, _, errs := run(t, "", "import", "--db", filepath.Join(t.TempDir(), "b.db"), bad)
	if code != ExitFailed || !strings.Contains(errs, "bad.jsonl:2") {
		t.Errorf("bad records: exit %d, stderr %s", code, errs)
	}
}

// The same text filed in two folders is one article with a copy that has no
// URL; every export format carries both.
func TestExportCopyWithoutURL(t *testing.T) {
	root := t.TempDir()
	fileInFolders(t, root, "nine", "gazette", "herald")
	db := filepath.Join(root, "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, filepath.Join(root, "gazette"), filepath.Join(root, "herald")); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	for _, f := range []string{"jsonl", "csv", "citron"} {
		code, out, errs := run(t, "", "export", "--db", db, "--format", f)
		if code != ExitOK {
			t.Fatalf("export %s: exit %d\n%s", f, code, errs)
		}
		if f == "csv" && !strings.Contains(out, ",herald,") {
			t.Errorf("csv export has no occurrence at herald:\n%s", out)
		}
	}
}

// Every article of the jsonl export carries story_id, the number that
// "whosaid article ID --format jsonl" gives as story.id: one for a report and
// its near-duplicate at another outlet. The CSV of quotes has it last; the
// export imports again.
func TestExportStoryID(t *testing.T) {
	body, err := os.ReadFile("../../examples/harbour-council-vote.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []struct{ folder, text string }{
		{"wire", string(body)},
		{"daily", string(body) + "\n\nThis report was updated on Tuesday.\n"},
	} {
		os.MkdirAll(filepath.Join(dir, f.folder), 0o755)
		if err := os.WriteFile(filepath.Join(dir, f.folder, "vote.txt"), []byte(f.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, "../../examples", filepath.Join(dir, "wire"), filepath.Join(dir, "daily")); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	code, out, errs := run(t, "", "export", "--db", db)
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}
	bySource := map[string]float64{}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, line := range lines {
		var a struct {
			ID      string
			Source  string
			StoryID *float64 `json:"story_id"`
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.StoryID == nil {
			t.Fatalf("export line without story_id (%v): %.200s", err, line)
		}
		_, shown, _ := run(t, "", "article", "--db", db, "--format", "jsonl", a.ID)
		var s struct{ Story struct{ ID float64 } }
		if err := json.Unmarshal([]byte(shown), &s); err != nil || s.Story.ID != *a.StoryID {
			t.Errorf("%s: story_id %v, article shows story %v (%v)", a.Source, *a.StoryID, s.Story.ID, err)
		}
		bySource[filepath.Base(filepath.Dir(a.Source))] = *a.StoryID
	}
	if bySource["wire"] == 0 || bySource["wire"] != bySource["daily"] {
		t.Errorf("story_id of a report %v and of its near-duplicate %v: want one story", bySource["wire"], bySource["daily"])
	}

	_, csvOut, _ := run(t, "", "export", "--db", db, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if sid := 13; recs[0][sid] != "story_id" || recs[0][sid+1] != "published_local" || len(recs) < 2 || recs[1][sid] == "" {
		t.Errorf("csv header %q, first row %q: want story_id, filled, then published_local, after the first columns", recs[0], recs[1])
	}

	file := filepath.Join(t.TempDir(), "out.jsonl")
	os.WriteFile(file, []byte(out), 0o644)
	db2 := filepath.Join(t.TempDir(), "w2.db")
	if code, _, errs := run(t, "", "import", file, "--db", db2); code != ExitOK || strings.Contains(errs, "story_id") {
		t.Fatalf("import of the export: exit %d\n%s", code, errs)
	}
	if c := exportCounts(t, db2); c.Articles+c.Copies != len(lines) {
		t.Errorf("imported %d articles and %d copies, want %d in all", c.Articles, c.Copies, len(lines))
	}
}
