package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Each result names the input it was read from: the folder as given, or the
// file.
func TestRunNamesTheInput(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "citynews")
	single := filepath.Join(dir, "single.txt")
	for _, p := range []string{filepath.Join(folder, "2025", "a.txt"), filepath.Join(folder, "b.txt"), single} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("A Story\n\nThe mayor said on Monday that the work was done.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(dir, "missing.txt")
	want := map[string]string{
		filepath.Join(folder, "2025", "a.txt"): folder + "/",
		filepath.Join(folder, "b.txt"):         folder + "/",
		single:                                 single,
		missing:                                missing,
	}
	n := 0
	err := Run(context.Background(), []string{folder + "/", single, missing}, Options{Workers: 2, NoQuotes: true}, func(r Result) error {
		n++
		if w, ok := want[r.Source]; !ok || r.Input != w {
			t.Errorf("%s: input %q, want %q", r.Source, r.Input, w)
		}
		return nil
	})
	if err != nil || n != len(want) {
		t.Errorf("%d results, %v; want %d", n, err, len(want))
	}
}
