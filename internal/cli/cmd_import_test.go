package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// importData is the folder of the import fixtures (invented articles).
const importData = "testdata/import"

// writeFile writes data to name in a new temporary folder and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// mustImport imports files into a new store and returns the store's path.
func mustImport(t *testing.T, args ...string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "i.db")
	if code, _, errs := run(t, "", append([]string{"import", "--db", db}, args...)...); code != ExitOK {
		t.Fatalf("import %q: exit %d\n%s", args, code, errs)
	}
	return db
}

// mustExport returns the store's articles as export writes them.
func mustExport(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := run(t, "", append([]string{"export", "--db", db}, args...)...)
	if code != ExitOK {
		t.Fatalf("export %q: exit %d\n%s", args, code, errs)
	}
	return out
}

// citron export and import give back the store that was exported, byte for
// byte as jsonl does: headline quotes, bylines, entity names and types, and a
// speaker left unnamed stay as they were.
func TestImportCitronRoundTrip(t *testing.T) {
	for _, src := range []string{filepath.Join(importData, "good.jsonl"), ""} {
		db := ""
		if src == "" {
			db = ingestExamples(t)
		} else {
			db = mustImport(t, src)
		}
		want := mustExport(t, db)
		for _, folder := range []bool{false, true} {
			var in string
			if folder {
				in = t.TempDir()
				mustExport(t, db, "--format", "citron", "--out", in)
			} else {
				in = writeFile(t, "out.citron", []byte(mustExport(t, db, "--format", "citron")))
			}
			got := mustExport(t, mustImport(t, "--format", "citron", in))
			if folder {
				// The files come in the order of their names, and stories are
				// numbered in the order their articles are saved.
				got, want = sortedLines(withoutStoryIDs(got)), sortedLines(withoutStoryIDs(want))
			}
			if got != want {
				t.Errorf("%s, folder %v: citron round trip\n%s\nwant\n%s", src, folder, diffLine(got, want), "")
			}
		}
	}
}

// storyIDs matches the story number exported after an article's fields.
var storyIDs = regexp.MustCompile(`,"story_id":\d+,"outlet":`)

// withoutStoryIDs takes the story numbers out of exported articles.
func withoutStoryIDs(s string) string { return storyIDs.ReplaceAllString(s, `,"outlet":`) }

func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

// diffLine shows the first line where got and want differ.
func diffLine(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "got:  " + a + "\nwant: " + b
		}
	}
	return ""
}

// A record that breaks the contract is rejected with one line naming the
// file, the line and the reason; the others are imported; the exit is 1.
func TestImportBadRecords(t *testing.T) {
	file := filepath.Join(importData, "bad.jsonl")
	db := filepath.Join(t.TempDir(), "b.db")
	code, out, errs := run(t, "", "import", "--db", db, file)
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	if !strings.Contains(out, "imported 1 new article(s)") {
		t.Errorf("the good line was not imported: %s", out)
	}
	tests := []struct{ line, reason string }{
		{"2", "quote q1: span (500 to 900) out of range of the text"},
		{"3", `quote q1: kind "rumour"`},
		{"4", `quote q1: speaker entity "e9" is not among the entities`},
		{"5", `id "abc" does not match the text`},
		{"7", "not valid JSON"},
		{"8", `field "quotes.speaker" is a JSON string, want an object`},
		{"9", "quote q1: cue (-1 to"},
		{"10", "block 1 span (0 to 10000) out of range"},
		{"11", "article has no text"},
		{"12", "a JSON array, not an article object"},
		{"13", `quote q1: cue "NOT THE TEXT" is not the text at 171 to 175 ("said")`},
		{"14", `entity e1: mention "Someone" is not the text at 163 to 170 ("Ekwueme")`},
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != len(tests)+1 {
		t.Errorf("%d lines on standard error, want one per bad record and a summary:\n%s", len(lines), errs)
	}
	for _, tc := range tests {
		t.Run("line "+tc.line, func(t *testing.T) {
			want := "whosaid import: " + file + ":" + tc.line + ": " + tc.reason
			for _, l := range lines {
				if strings.HasPrefix(l, want) {
					return
				}
			}
			t.Errorf("no line %q in\n%s", want, errs)
		})
	}
	// The example of the report, from standard input.
	in := `{"id":"abc","text":"Hi","quotes":[{"id":"q1","kind":"direct","content":"zzz","spans":[{"start":500,"end":900}],"speaker":{"name":"X"}}]}`
	code, _, errs = run(t, in, "import", "--db", db, "-")
	if code != ExitFailed || !strings.HasPrefix(errs, "whosaid import: -:1: quote q1: span (500 to 900) out of range of the text (2 characters)\n") {
		t.Errorf("exit %d, standard error:\n%s", code, errs)
	}
}

// A whole file that cannot be imported is one line naming it and the reason,
// the inputs after it are imported, and the exit is 1. Gzip is read as it is.
func TestImportBadFiles(t *testing.T) {
	good := filepath.Join(importData, "good.jsonl")
	goodData, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(goodData)
	zw.Close()
	db := mustImport(t, good)
	citron := writeFile(t, "out.citron", []byte(mustExport(t, db, "--format", "citron")))
	folder := t.TempDir()
	mustExport(t, db, "--format", "citron", "--out", folder)
	jsonFile := writeFile(t, "one.json", []byte(strings.SplitN(string(goodData), "\n", 2)[0]))
	binary := append([]byte("{\"text\":"), bytes.Repeat([]byte{0, 1, 2, 0xff, '\n'}, 200)...)

	tests := []struct {
		name   string
		format string
		input  string
		reason string // "" when the input is good
	}{
		{"empty", "jsonl", writeFile(t, "empty.txt", nil), "empty"},
		{"blank lines", "jsonl", writeFile(t, "blank.jsonl", []byte("\n \n\n")), "empty"},
		{"binary", "jsonl", writeFile(t, "binary.txt", binary), "binary data, not JSON"},
		{"text", "jsonl", writeFile(t, "story.txt", []byte("A headline\n\nA paragraph.\n")), "not JSON Lines: the file does not start with a JSON object"},
		{"gzip", "jsonl", writeFile(t, "good.jsonl.gz", gz.Bytes()), ""},
		{"gzip without its header", "jsonl", writeFile(t, "plain.jsonl.gz", goodData), "corrupt gzip data: no gzip header"},
		{"truncated gzip", "jsonl", writeFile(t, "cut.jsonl.gz", gz.Bytes()[:gz.Len()/2]), "truncated gzip data"},
		{"citron as jsonl", "jsonl", citron, "looks like citron JSON; use --format citron"},
		{"citron folder file as jsonl", "jsonl", filepath.Join(folder, firstFile(t, folder)), "looks like citron JSON; use --format citron"},
		{"missing", "jsonl", filepath.Join(t.TempDir(), "nope.jsonl"), "no such file or directory"},
		{"empty citron", "citron", writeFile(t, "empty.json", nil), "empty"},
		{"empty folder", "citron", t.TempDir(), "no .json files in this folder"},
		{"binary citron", "citron", writeFile(t, "binary.json", binary), "binary data, not JSON"},
		{"jsonl as citron", "citron", good, "looks like JSON Lines of articles (as extract and export write them); use --format jsonl"},
		{"jsonl file in a folder as citron", "citron", filepath.Dir(jsonFile), "looks like JSON Lines of articles"},
		{"gzip citron", "citron", writeFile(t, "c.json.gz", gzipped(t, citron)), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "x.db")
			// A good input follows the bad one: the batch goes on.
			after := good
			if tc.format == "citron" {
				after = citron
			}
			code, out, errs := run(t, "", "import", "--db", db, "--format", tc.format, tc.input, after)
			known := "(0 known)"
			if tc.reason == "" {
				known = "(2 known)" // the good input before it had the same two
			}
			if !strings.Contains(out, "imported 2 new article(s) "+known) {
				t.Errorf("standard output %q, want the good articles imported", out)
			}
			if tc.reason == "" {
				if code != ExitOK || errs != "" {
					t.Errorf("exit %d, standard error:\n%s", code, errs)
				}
				return
			}
			if code != ExitFailed {
				t.Errorf("exit %d, want %d", code, ExitFailed)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "whosaid import: "+tc.input) || !strings.Contains(lines[0], ": "+tc.reason) ||
				lines[1] != "whosaid import: 1 record(s) failed" {
				t.Errorf("standard error:\n%s\nwant one line naming %s: %s, and the summary", errs, tc.input, tc.reason)
			}
			for _, r := range errs {
				if r < 0x20 && r != '\n' || r == 0x7f || r == '\ufffd' {
					t.Errorf("standard error holds the control character %U:\n%q", r, errs)
					break
				}
			}
			if strings.Contains(errs, "Go struct") || strings.Contains(errs, "article.") {
				t.Errorf("standard error speaks of Go types:\n%s", errs)
			}
		})
	}
}

func firstFile(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) == 0 {
		t.Fatalf("no file in %s: %v", dir, err)
	}
	return ents[0].Name()
}

func gzipped(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// TestImportCancelStdin: "whosaid import -" reading a pipe that delivers a
// record and then stalls stops at once on Ctrl-C (its context cancelled),
// and the record read before is saved.
func TestImportCancelStdin(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(importData, "good.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := bytes.Cut(good, []byte("\n"))
	// Blank lines past the start that decides the format, then part of a
	// record: import waits in a read.
	stream := string(first) + "\n" + strings.Repeat(" \n", importSniff) + `{"source":"next.txt","te`
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(stream))

	db := filepath.Join(t.TempDir(), "i.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"import", "--db", db, "-"}, pr, &out, &errb) }()
	time.Sleep(300 * time.Millisecond) // import blocks in a read
	cancel()
	select {
	case code := <-done:
		if code != ExitAborted || !strings.Contains(errb.String(), "interrupted") || strings.Contains(errb.String(), "canceled") {
			t.Errorf("exit %d, want %d, saying it was interrupted (not as a bad record)\n%s", code, ExitAborted, errb.String())
		}
	case <-time.After(2 * time.Second):
		t.Fatal("import still blocked 2 s after the context was cancelled")
	}
	if c := exportCounts(t, db); c.Articles != 1 {
		t.Errorf("%d articles saved, want the 1 read before the interruption", c.Articles)
	}
}

// A command that stores nothing and fails leaves no empty store it made;
// a store that was there stays.
func TestNoEmptyStoreLeft(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "quotes.csv")
	if err := os.WriteFile(bad, []byte("quote_id,content\nq1,hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "photo.jpg")
	if err := os.WriteFile(bin, []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 2, 0, 0, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", bad}, {"ingest", bin}} {
		db := filepath.Join(t.TempDir(), "new.db")
		code, _, errs := run(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
		if code == ExitOK {
			t.Errorf("%s: exit 0, want a failure", args[0])
		}
		if _, err := os.Stat(db); err == nil || !strings.Contains(errs, "removed") {
			t.Errorf("%s: the empty store it made is left (stat %v), stderr %q", args[0], err, errs)
		}
	}
	db := ingestExamples(t)
	if code, _, _ := run(t, "", "import", "--db", db, bad); code == ExitOK {
		t.Errorf("import into a store: exit 0, want a failure")
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("a store that was there is gone: %v", err)
	}
}
