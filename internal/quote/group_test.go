package quote

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

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
	for in, want := range map[string]string{"DELGADO": "Delgado", "O'BRIEN-WARD": "O'Brien-Ward", "ANA PIRES": "Ana Pires", "L’ESTRANGE": "L’Estrange", "DON'T": "Don't", "MCCAIN": "McCain", "MCGEE-LORD": "McGee-Lord", "MACK": "Mack"} {
		if got := capitalise(in); got != want {
			t.Errorf("capitalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPeopleWords: a word capitalised as a people's adjective, and written in
// "-s" too, is a people's; a surname, followed by verbs and names, is not.
func TestPeopleWords(t *testing.T) {
	txt := strings.Join([]string{
		"Many Veltrans said the Veltran economy was weak.",
		"Young Veltran voters, Veltran workers and Veltran farmers agreed.",
		"The Veltran press wrote that Jana Evans and Tom Evans disagreed.",
		"Later Evans said that Evans would stay, and Evans left.",
		"The Evans family and the Evans team met.",
	}, "\n\n")
	m := newModel(10)
	var exs []example
	for _, p := range splitParagraphs("", txt, blocksOf(txt)) {
		info := make([]tokInfo, len(p.Toks))
		m.prepare(p.Toks, info)
		exs = append(exs, example{toks: p.Toks, info: info})
	}
	m.peoples = peopleWords(exs, map[uint64]uint8{hashString("said"): 3})
	if want := []uint64{hashString("veltran")}; !slices.Equal(m.peoples, want) {
		t.Errorf("peoples %v, want only Veltran's %v", m.peoples, want)
	}
	if !m.isPeople("Veltrans") || m.isPeople("Evans") || m.isPeople("Veltran") {
		t.Error("isPeople")
	}
}

// blocksOf splits txt into its paragraphs' code-point ranges.
func blocksOf(txt string) [][2]int {
	var out [][2]int
	at := 0
	for _, p := range strings.Split(txt, "\n\n") {
		n := utf8.RuneCountInString(p)
		out = append(out, [2]int{at, at + n})
		at += n + 2
	}
	return out
}
