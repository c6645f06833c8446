package quote_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The shared sample is read at run time, never copied: the test skips without it.
const sampleBase = "../../../shared/samples/assad-bbc-interview"

type goldFile struct {
	Quotes []struct {
		Content  string `json:"content"`
		Speaker  string `json:"speaker"`
		Optional bool   `json:"optional"`
	} `json:"quotes"`
}

// nameTokens is the referee's reading of a name: folded, lower-cased, split on
// spaces and hyphens, without particles ("al", "de", "van").
func nameTokens(name string) []string {
	particles := []string{"al", "el", "ul", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der", "le", "la"}
	drop := regexp.MustCompile(`[^0-9a-z\x{00c0}-\x{ffff}']`)
	var out []string
	for _, t := range regexp.MustCompile(`[\s\-]+`).Split(strings.ToLower(fold.Replace(name)), -1) {
		t = drop.ReplaceAllString(t, "")
		if t != "" && !slices.Contains(particles, t) {
			out = append(out, t)
		}
	}
	return out
}

// TestSharedSample runs the shared sample through the real pipeline: every required
// gold quote is matched (token F1 ≥ 0.5, pairs taken greedily best first, one to one,
// as the referee does) and its speaker name holds the gold speaker's surname.
func TestSharedSample(t *testing.T) {
	body, err := os.ReadFile(sampleBase + ".txt")
	if err != nil {
		t.Skipf("shared sample absent: %v", err)
	}
	gb, err := os.ReadFile(sampleBase + ".gold.json")
	if err != nil {
		t.Skipf("shared gold absent: %v", err)
	}
	var gold goldFile
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatalf("gold: %v", err)
	}
	a := articleOf(t, sampleBase+".txt", body)
	engine.Annotate(a)
	checkContract(t, a)

	type pair struct {
		f      float64
		gi, pi int
	}
	var pairs []pair
	for gi, g := range gold.Quotes {
		for pi, p := range a.Quotes {
			if f := tokenF1(g.Content, p.Content); f >= 0.5 {
				pairs = append(pairs, pair{f, gi, pi})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].f > pairs[j].f })
	gm, pm := map[int]int{}, map[int]bool{}
	for _, p := range pairs {
		if _, ok := gm[p.gi]; !ok && !pm[p.pi] {
			gm[p.gi], pm[p.pi] = p.pi, true
		}
	}
	required, matched := 0, 0
	for gi, g := range gold.Quotes {
		if g.Optional {
			continue
		}
		required++
		pi, ok := gm[gi]
		if !ok {
			t.Errorf("gold quote %d not found: %.60q…", gi, g.Content)
			continue
		}
		matched++
		q := a.Quotes[pi]
		gt := nameTokens(g.Speaker)
		if len(gt) == 0 {
			continue
		}
		surname := gt[len(gt)-1]
		if q.Speaker.Name == nil || !slices.Contains(nameTokens(*q.Speaker.Name), surname) {
			t.Errorf("gold quote %d (%.40q…): speaker %s, want a name with %q", gi, g.Content, deref(q.Speaker.Name), surname)
		}
	}
	t.Logf("%d of %d required gold quotes matched; %d predicted", matched, required, len(a.Quotes))
}
