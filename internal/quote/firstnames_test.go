package quote

import (
	"testing"
)

// TestFirstNames: the embedded list reads, with a gender for names nearly
// everyone of one sex bears and none for those given to both.
func TestFirstNames(t *testing.T) {
	if n := len(firstNames()); n < 10000 {
		t.Fatalf("%d names: want 10,000 or more", n)
	}
	for w, want := range map[string]string{"margaret": "f", "thomas": "m", "tomas": "m", "lena": "f",
		"jordan": "", "taylor": "", "ashley": "", "Margaret": "", "": "", "zzzz": ""} {
		if got := firstNameGender(w); got != want {
			t.Errorf("firstNameGender(%q) = %q, want %q", w, got, want)
		}
	}
}
