package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A folder's files that are no articles by their names are named in one line
// at the end of extract and ingest; the run still succeeds.
func TestSkippedFilesTold(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"story.txt":  "Ferry Returns\n\nThe ferry returned to the island on Monday, the harbour master said.\n",
		"report.pdf": "%PDF-1.4\n", "notes.docx": "PK\x03\x04",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"extract", dir}, {"ingest", "--db", filepath.Join(t.TempDir(), "w.db"), dir}} {
		code, _, errs := run(t, "", args...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d\n%s", args[0], code, errs)
		}
		if strings.Count(errs, "skipped 2 file(s)") != 1 || !strings.Contains(errs, "notes.docx, ") || !strings.Contains(errs, "report.pdf") {
			t.Errorf("%s: stderr %q, want one line naming the two skipped files", args[0], errs)
		}
	}
	// None skipped, nothing said.
	if _, _, errs := run(t, "", "extract", filepath.Join(dir, "story.txt")); strings.Contains(errs, "skipped") {
		t.Errorf("a file given alone: %q", errs)
	}
}
