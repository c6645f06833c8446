package quote_test

import "testing"

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
