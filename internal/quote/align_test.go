package quote

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// alignedRoles aligns golds to one-paragraph text and returns, per token, its text
// and the role the tags give it ("" none, "S", "C", "Q" for source, cue, content).
func alignedRoles(t *testing.T, txt string, golds []GoldQuote) (toks, roles []string, lost int) {
	t.Helper()
	ps := splitParagraphs("", txt, [][2]int{{0, utf8.RuneCountInString(txt)}})
	tags, lost := align(ps, golds)
	names := [4]string{"", "S", "C", "Q"}
	for i, tk := range ps[0].Toks {
		toks = append(toks, tk.Text)
		roles = append(roles, names[role(tags[0][i])])
	}
	return toks, roles, lost
}

// rolesOf renders the words of role r, in order, joined by spaces.
func rolesOf(toks, roles []string, r string) string {
	var out []string
	for i := range toks {
		if roles[i] == r {
			out = append(out, toks[i])
		}
	}
	return strings.Join(out, " ")
}

// A short content that occurs more than once is placed where its cue and source are,
// not at its first occurrence.
func TestAlignPicksTheOccurrenceByItsCue(t *testing.T) {
	txt := "The board met the mayor on Monday. Later the governor praised the mayor warmly."
	toks, roles, lost := alignedRoles(t, txt, []GoldQuote{{Content: "the mayor", Mention: "the governor", Cue: "praised"}})
	if lost != 0 {
		t.Fatalf("lost %d", lost)
	}
	var conAt []int
	for i := range toks {
		if roles[i] == "Q" {
			conAt = append(conAt, i)
		}
	}
	if len(conAt) != 2 || toks[conAt[0]-1] != "praised" {
		t.Errorf("content tagged at %v (%q), want the words after the cue", conAt, rolesOf(toks, roles, "Q"))
	}
	if got := rolesOf(toks, roles, "C"); got != "praised" {
		t.Errorf("cue %q", got)
	}
	if got := rolesOf(toks, roles, "S"); got != "the governor" {
		t.Errorf("source %q", got)
	}
}

// With two reports of the same short content, each is placed once, in text order.
func TestAlignKeepsTextOrder(t *testing.T) {
	txt := "Critics said no on Monday. Supporters said no, too, a spokesman said."
	_, roles, lost := alignedRoles(t, txt, []GoldQuote{
		{Content: "no", Mention: "Critics", Cue: "said"},
		{Content: "no", Mention: "Supporters", Cue: "said"},
	})
	if lost != 0 {
		t.Fatalf("lost %d", lost)
	}
	n := 0
	for _, r := range roles {
		if r == "Q" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d content tokens, want both reports placed", n)
	}
}

// A content whose first word stands alone before the cue ("she [was announced] the
// winner") is found in pieces.
func TestAlignLeadingWordPiece(t *testing.T) {
	txt := "After the count she was announced the winner of the race."
	toks, roles, lost := alignedRoles(t, txt, []GoldQuote{{Content: "she the winner", Cue: "was announced"}})
	if lost != 0 {
		t.Fatalf("lost %d", lost)
	}
	if got := rolesOf(toks, roles, "Q"); got != "she the winner" {
		t.Errorf("content %q", got)
	}
	if got := rolesOf(toks, roles, "C"); got != "was announced" {
		t.Errorf("cue %q", got)
	}
}
