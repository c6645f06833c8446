package cli

import (
	"strings"
	"testing"
)

// outlets lists each outlet with its quotes by the speakers' gender, in the
// three formats; a bad date is a usage error.
func TestOutletsCommand(t *testing.T) {
	db := ingestExamples(t)
	code, out, errs := run(t, "", "outlets", "--db", db)
	if code != ExitOK || !strings.Contains(out, "BY WOMEN") || !strings.Contains(out, "examples") {
		t.Fatalf("outlets: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "", "outlets", "--db", db, "--format", "jsonl")
	if code != ExitOK || !strings.Contains(out, `"outlet":"examples"`) || !strings.Contains(out, `"by_men":`) {
		t.Errorf("outlets --format jsonl: exit %d\n%s", code, out)
	}
	if code, _, errs := run(t, "", "outlets", "--db", db, "--since", "yesterday"); code != ExitUsage || !strings.Contains(errs, "--since") {
		t.Errorf("outlets --since yesterday: exit %d, %q", code, errs)
	}
}
