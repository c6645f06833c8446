package quote

import (
	"testing"

	"github.com/whosaid/whosaid/internal/text"
)

func TestGroupOf(t *testing.T) {
	cue := func(w string) bool { return w == "says" || w == "claims" }
	for _, c := range []struct {
		src   string
		group bool
	}{
		{"Ortiz aides", true},
		{"Lena Ortiz's advisers", true},
		{"the Ortiz campaign's aides", true},
		{"Harbour Council election officials", true},
		{"Ortiz and her aides", false},          // she is among them
		{"Harbour Council statistics", false},   // records speak for their owner
		{"Ortiz says", false},                   // a cue the span took in
		{"Ortiz", false},                        // a name
		{"officials", false},                    // no name
		{"Ortiz spoke to the reporters", false}, // too far from the name
		{"Ortiz campaign", false},               // one body, not a group
		{"Harbour Council Democrats", false},    // capitalised: a name
		{"Ortiz, the mayor's aides", false},     // a comma: two things
	} {
		if got := groupOf(text.Tokenize(c.src), cue); got != c.group {
			t.Errorf("groupOf(%q) = %v, want %v", c.src, got, c.group)
		}
	}
}

func TestCapitaliseName(t *testing.T) {
	for in, want := range map[string]string{"DELGADO": "Delgado", "O'BRIEN-WARD": "O'Brien-Ward", "ANA PIRES": "Ana Pires", "L’ESTRANGE": "L’Estrange", "DON'T": "Don't"} {
		if got := capitalise(in); got != want {
			t.Errorf("capitalise(%q) = %q, want %q", in, got, want)
		}
	}
}
