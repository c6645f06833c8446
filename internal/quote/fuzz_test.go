package quote_test

import (
	"strings"
	"testing"
)

// FuzzAnnotate feeds arbitrary text as a title and paragraphs (split at blank lines):
// no panic, every offset within the text, every content non-empty.
func FuzzAnnotate(f *testing.F) {
	f.Add("", `"We will not back down," Mayor Lena Ortiz said.`)
	f.Add("Ortiz: \"No Retreat\"", "Ortiz said that the budget would pass.\n\n\"It will,\" she said, \"and soon.\"")
	f.Add("", "“Unclosed quote, said someone.\n\n”’‘«»„‹›\"'")
	f.Add("", "according to\n\nsaid said said\n\n: : :")
	// A headline ending on a cue and a colon, and a transcript's turns.
	f.Add("Mayor Lena Ortiz told reporters:", "\"We will not back down on the budget, and we will win the vote.\"")
	f.Add("", "HOST: Will it open?\n\nVOSS: It will open in March, and we have the money.\n\n\"VOSS: And then the ferry.\n\nHe told reporters:\n\n\"Soon.\"")
	f.Fuzz(func(t *testing.T, title, body string) {
		// Documents are valid UTF-8 by the time they are articles (source decodes
		// them), so the contract is checked on valid text; invalid bytes must only
		// not crash the engine.
		engine.Annotate(build(title, strings.Split(body, "\n\n")...))
		title, body = strings.ToValidUTF8(title, "\uFFFD"), strings.ToValidUTF8(body, "\uFFFD")
		a := build(title, strings.Split(body, "\n\n")...)
		engine.Annotate(a)
		checkContract(t, a)
	})
}
