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
	// This session's conventions: interviews, colons, "according to", "Asked",
	// "who", appositions, single marks, ages, a quoted headline.
	f.Add("“We cannot lose”: an interview", "Q: Why?\n\nA: Because we must, said nobody.\n\nQ: And?\n\nA: And so.\n\nA:\n\nQ")
	f.Add("", "The mayor was blunt: “No.”\n\n: “x”\n\nAccording to a statement from the ministry, the pier was “safe”.\n\nAccording to,")
	f.Add("", "Asked whether he would resign, Tomas Reyes replied: “No.”\n\nA council official, who asked not to be named, said so.\n\nwho")
	f.Add("", "The Harbour Board press secretary, Dana Brooks, said it.\n\nSen. Mark Roe (R-Idaho said it.\n\n‘It is wrong,’ Roe added. ‘Very.’ The ‘90s, the nurses’ union.")
	f.Add("", "Dr Aisha Rahman worked there. The 54-year-old said she was tired.\n\nThe 54-year-old\n\n\"We have no other choice\"")
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
