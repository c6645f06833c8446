package quote

import (
	"slices"
	"testing"
)

// TestFirstNames: the embedded list reads, sorted, with a gender for names
// nearly everyone of one sex bears and none for those given to both.
func TestFirstNames(t *testing.T) {
	l := firstNames()
	if len(l.names) < 10000 || len(l.names) != len(l.gender) {
		t.Fatalf("%d names, %d genders: want 10,000 or more, one each", len(l.names), len(l.gender))
	}
	if !slices.IsSorted(l.names) {
		t.Error("the names are not sorted")
	}
	for w, want := range map[string]string{"margaret": "f", "thomas": "m", "tomas": "m", "lena": "f",
		"jordan": "", "taylor": "", "ashley": "", "Margaret": "", "": "", "zzzz": ""} {
		if got := firstNameGender(w); got != want {
			t.Errorf("firstNameGender(%q) = %q, want %q", w, got, want)
		}
	}
}
