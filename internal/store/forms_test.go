package store

import "testing"

// TestTrimOpeners: a sentence's opening words are no part of a speaker's alias.
func TestTrimOpeners(t *testing.T) {
	for in, want := range map[string]string{
		"And Trump": "Trump", "Enter The Washington Post": "The Washington Post",
		"But then Reid": "Reid", "Jane Roe": "Jane Roe", "Sterling Brown": "Sterling Brown", "King": "King",
		"Manning": "Manning",
	} {
		if got := trimOpeners(in); got != want {
			t.Errorf("trimOpeners(%q) = %q, want %q", in, got, want)
		}
	}
}
