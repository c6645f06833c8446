package quote_test

import (
	"strings"
	"testing"
)

// TestPronounFirstName: a person's first name tells the gender a pronoun
// needs, when no title does; the person the pronoun fits comes before others
// nearer whose gender is unknown; a surname's title tells it too.
func TestPronounFirstName(t *testing.T) {
	cases := []struct {
		name    string
		paras   []string
		content string
		want    string
	}{
		{
			name: "not the last speaker, a man",
			paras: []string{`Margaret Holloway said the ferry would run all winter.`,
				`Thomas Brandt said the harbour needed repairs first.`,
				`"We have waited long enough," she said.`},
			content: "We have waited long enough", want: "Margaret Holloway",
		},
		{
			name: "not the places named after her",
			paras: []string{`Since Monday Margaret Holloway has held meetings in Portview, in Eastmere and in Kessock.`,
				`She said the schools in Kessock needed new roofs.`},
			content: "the schools in Kessock needed new roofs", want: "Margaret Holloway",
		},
		{
			name: "a surname's title",
			paras: []string{`Dana Okafor said on Monday that the pier would close.`,
				`Tomas Delgado said the pier should stay open.`,
				`Ms. Okafor disagreed with the plan. "It is not safe," he said.`},
			content: "It is not safe", want: "Tomas Delgado",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "Harbour vote", c.paras...)
			q := quoteWith(a, c.content)
			if q == nil {
				t.Fatalf("no quote %q:%s", c.content, dump(a))
			}
			if q.Speaker.Name == nil || *q.Speaker.Name != c.want {
				t.Errorf("speaker %v, want %s:%s", q.Speaker.Name, c.want, dump(a))
			}
		})
	}
}

// TestColonIntroduced: a quotation introduced by a colon in its own sentence is
// the words of the one the sentence opens with ("The mayor was blunt: “…”"),
// the words before the colon its cue, whoever spoke last.
func TestColonIntroduced(t *testing.T) {
	cases := []struct {
		name          string
		paras         []string
		content       string
		want, wantCue string
	}{
		{
			name: "a name after a job",
			paras: []string{`"We will build the homes," Mayor Lena Voss said on Sunday.`,
				`Construction boss Jonas Berg was more cautious: "Ten thousand is possible, but not by the spring."`},
			content: "Ten thousand is possible, but not by the spring", want: "Jonas Berg", wantCue: "was more cautious",
		},
		{
			name: "a description",
			paras: []string{`Tomas Reyes said the council would vote on Monday. Mayor Lena Voss spoke after him.`,
				`The mayor was blunt: "We will not pay for the pier."`},
			content: "We will not pay for the pier", want: "Lena Voss", wantCue: "was blunt",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "Harbour vote", c.paras...)
			q := quoteWith(a, c.content)
			if q == nil {
				t.Fatalf("no quote %q:%s", c.content, dump(a))
			}
			if q.Speaker.Name == nil || *q.Speaker.Name != c.want || q.Cue == nil || q.Cue.Text != c.wantCue {
				t.Errorf("speaker %v, cue %v, want %s, %q:%s", q.Speaker.Name, q.Cue, c.want, c.wantCue, dump(a))
			}
		})
	}
	// Nobody opens "The plan has three parts".
	a := annotate(t, "Harbour vote", `Tomas Reyes said the council would vote on Monday.`,
		`The plan has three parts: "build, borrow and wait."`)
	for _, q := range a.Quotes {
		if q.Cue != nil && q.Cue.Text == "has three parts" {
			t.Errorf("a quote of the plan:%s", dump(a))
		}
	}
}

// TestOpeningTrade: a trade capitalised to open a sentence is no part of the
// name after it ("Curator Ingrid Solberg"), and a headline's name finds the
// body's person of the same name.
func TestOpeningTrade(t *testing.T) {
	a := annotate(t, "Ingrid Solberg: 'We will open again in May'",
		`Curator Ingrid Solberg said the museum would open again in May after the flood.`,
		`"The paintings are safe," Solberg said.`)
	for _, q := range a.Quotes {
		if q.Speaker.Name == nil || *q.Speaker.Name != "Ingrid Solberg" {
			t.Errorf("quote %q: speaker %v, want Ingrid Solberg:%s", q.Content, q.Speaker.Name, dump(a))
		}
	}
	if len(a.Quotes) < 3 {
		t.Errorf("%d quotes, want 3 (the headline's too):%s", len(a.Quotes), dump(a))
	}
}

// TestSingleMarks: quotations in single marks (UK style) are direct, and a
// split one is one quote; apostrophes ("the ‘90s", "the workers’ union") open
// or close nothing.
func TestSingleMarks(t *testing.T) {
	a := annotate(t, "Surgeons protest",
		`‘This is a betrayal,’ said retired surgeon Edwin Marsh on Monday.`,
		`‘It is a disgrace,’ Marsh added. ‘Patients will suffer.’`,
		`In the ‘90s the ward was full, and the nurses’ union said it would fight the closure.`)
	for _, c := range []string{"This is a betrayal", "It is a disgrace Patients will suffer"} {
		q := quoteWith(a, c)
		if q == nil {
			t.Fatalf("no quote %q:%s", c, dump(a))
		}
		if q.Kind != "direct" || q.Speaker.Name == nil || *q.Speaker.Name != "Edwin Marsh" {
			t.Errorf("%q: %s by %v, want direct by Edwin Marsh:%s", c, q.Kind, q.Speaker.Name, dump(a))
		}
	}
	for _, q := range a.Quotes {
		if strings.Contains(q.Content, "fight") && q.Kind != "indirect" {
			t.Errorf("%q is %s, want indirect:%s", q.Content, q.Kind, dump(a))
		}
	}
}
