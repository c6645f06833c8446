package cli

import (
	"database/sql"
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

// An outlet that matches nothing, and a store whose speakers have no known
// gender, are each told in one line.
func TestOutletsNotices(t *testing.T) {
	db := ingestExamples(t)
	code, out, errs := run(t, "", "outlets", "--db", db, "--outlet", "nowhere.example")
	if code != ExitOK || strings.Contains(out, "examples") || !strings.Contains(errs, `no reports under an outlet named "nowhere.example"`) {
		t.Errorf("outlets --outlet nowhere.example: exit %d\n%s%s", code, out, errs)
	}
	if _, _, errs := run(t, "", "outlets", "--db", db); strings.Contains(errs, "no speaker here has a known gender") {
		t.Errorf("a store with genders: %q", errs)
	}
}

// A store whose speakers have no gender (written before whosaid kept them)
// says so rather than show no women and no men.
func TestOutletsNoGenders(t *testing.T) {
	db := ingestExamples(t)
	sdb, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`UPDATE speakers SET gender = NULL`); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	if code, _, errs := run(t, "", "outlets", "--db", db); code != ExitOK || !strings.Contains(errs, "no speaker here has a known gender") {
		t.Errorf("outlets on a store of no genders: exit %d, %q", code, errs)
	}
}
