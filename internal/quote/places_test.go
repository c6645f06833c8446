package quote_test

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// entityType returns the type of the entity named name, "" when there is none.
func entityType(a *article.Article, name string) string {
	for _, e := range a.Entities {
		if e.Name == name {
			return e.Type
		}
	}
	return ""
}

// TestPlaces: countries, states and cities are listed as places (GPE), whether
// the list knows them for sure, knows them weakly and the text says where, or
// only the text says so; people and organisations named like places are not.
func TestPlaces(t *testing.T) {
	cases := []struct {
		name  string
		paras []string
		want  map[string]string // entity name → type ("" for: not listed)
	}{
		{"known countries, also as acronyms",
			[]string{`Marta Kowalczyk said Norway would sign the treaty in the US, not in Moscow.`},
			map[string]string{"Norway": "GPE", "US": "GPE", "Marta Kowalczyk": "PERSON"}},
		{"a place known weakly needs the text",
			[]string{`The plant in Lincoln, Nebraska, will close, Orrin Tavish said.`},
			map[string]string{"Lincoln": "GPE", "Nebraska": "GPE"}},
		{"a person named like a place",
			[]string{`Georgia Hendry said the plant would close.`, `Mr. Lincoln said it would not.`},
			map[string]string{"Georgia Hendry": "PERSON", "Lincoln": "PERSON"}},
		{"an unknown town beside a known state",
			[]string{`Residents of Tarrow Bend, Ohio, said the river had risen overnight.`},
			map[string]string{"Tarrow Bend": "GPE", "Ohio": "GPE"}},
		{"an unknown town twice after a preposition",
			[]string{`The ferry to Port Kellin stopped on Monday.`, `In Port Kellin the shops closed early, and the school in Port Kellin shut.`},
			map[string]string{"Port Kellin": "GPE"}},
		{"a dateline",
			[]string{`HALDEN FALLS, Vt. — The mill will reopen, Orla Pemberton said on Tuesday.`},
			map[string]string{"Halden Falls": "", "HALDEN FALLS": "GPE"}},
		{"modifiers and titles are no places",
			[]string{`The case was heard in Executive Session, a first in American history, said Dora Quist.`,
				`Submarines entered Swedish waters, and storms in Earth's climate grew, she said.`},
			map[string]string{"Executive Session": "", "American": "", "Swedish": "", "Earth": ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "Harbour vote", c.paras...)
			for name, want := range c.want {
				got := entityType(a, name)
				if got != want && !(want == "" && got == "PERSON") {
					t.Errorf("%q: type %q, want %q:%s", name, got, want, dump(a))
				}
			}
		})
	}
}

// TestPlacesArePronounsOfNobody: "he" and "she" never stand for a place, nor
// does "the mayor"; the person named before the place is meant.
func TestPlacesArePronounsOfNobody(t *testing.T) {
	checkSpeakers(t, []speakerCase{
		{name: "he after a city",
			paras: []string{
				`Quillon Osei met the fishermen of the harbour on Monday.`,
				`Later, at a hall in Baltimore, he said the quotas would be cut by half.`},
			content: "the quotas would be cut by half",
			want:    "Quillon Osei"},
		{name: "she after a country",
			paras: []string{
				`Ashby Carrow flew to Portugal on Monday.`,
				`"We came close to a deal," she said.`},
			content: "We came close to a deal.",
			want:    "Ashby Carrow"},
	})
}

// TestPlacesFromUserTrials: what a trial by a new user found.
func TestPlacesFromUserTrials(t *testing.T) {
	t.Run("a town after a sentence's first word, and a river", func(t *testing.T) {
		a := annotate(t, "Flood warning",
			`Residents in Hessleby were told on Monday to expect more flooding after the River Wend burst its banks.`,
			`Ms Knight said sandbags had been handed out at the leisure centre in Hessleby since Tuesday.`)
		for name, want := range map[string]string{"Hessleby": "GPE", "River Wend": "LOC"} {
			if got := entityType(a, name); got != want {
				t.Errorf("%q: type %q, want %q:%s", name, got, want, dump(a))
			}
		}
	})
	checkSpeakers(t, []speakerCase{
		{name: "names inside a who clause are not who",
			paras: []string{
				`Lincoln Hayes reopened the mill in March.`,
				`Hayes, who grew up in Milford, Neb., said the town had given him a second chance.`},
			content: "the town had given him a second chance", want: "Lincoln Hayes"},
		{name: "a pronoun passes over a river",
			paras: []string{
				`Ivo Marsh, who chairs the flood group, met the engineers.`,
				`The River Wend rose again overnight. "We will need more pumps," he said.`},
			content: "We will need more pumps", want: "Ivo Marsh"},
	})
}

// TestPronounAfterApposition: "Her neighbour, Arthur Vance, agreed. He said …"
// is Arthur Vance's, and a first name tells a gender also before a surname
// that is a common word ("Georgia Banks").
func TestPronounAfterApposition(t *testing.T) {
	checkSpeakers(t, []speakerCase{
		{name: "apposition subject",
			paras: []string{
				`Georgia Banks said she would look for another route.`,
				`Her neighbour, Arthur Vance, agreed. He said the toll would push trucks onto residential streets.`},
			content: "the toll would push trucks onto residential streets", want: "Arthur Vance"},
	})
}

// TestDatelines: a dateline's place is a place of its own (not a body named
// after it, nor a person with a first name for a word), and the word after its
// dash opens a sentence ("Firefighters" is no name).
func TestDatelines(t *testing.T) {
	a := annotate(t, "Zoo news",
		`ALDERTON — Zoo Alderton announced on Thursday that its panda had given birth to twins.`,
		`SANTA MARGARITA, N.M. — Firefighters ordered 2,000 residents to leave their homes, Captain Luis Ortega said.`)
	want := map[string]string{"ALDERTON": "GPE", "Zoo Alderton": "ORG", "SANTA MARGARITA": "GPE", "Firefighters": ""}
	for name, w := range want {
		if got := entityType(a, name); got != w {
			t.Errorf("%q: type %q, want %q:%s", name, got, w, dump(a))
		}
	}
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if e.Name == "Zoo Alderton" && m.Text == "ALDERTON" {
				t.Errorf("the dateline is a mention of %q", e.Name)
			}
		}
	}
}

// TestDatelineNotInMention: a source opening the report after a dateline is
// mentioned without it.
func TestDatelineNotInMention(t *testing.T) {
	a := annotate(t, "Pier news", `HALDEN, Ohio — Mayor Ada Lund said on Monday that the city would reopen the pier in the spring.`)
	q := quoteWith(a, "the city would reopen the pier in the spring")
	if q == nil || q.Speaker.Mention == nil || *q.Speaker.Mention != "Mayor Ada Lund" {
		t.Fatalf("want the mention Mayor Ada Lund:%s", dump(a))
	}
}

// TestTownNames: names shaped as towns', or named after "the council of",
// are places; a body named after a river is a body.
func TestTownNames(t *testing.T) {
	a := annotate(t, "Clinic hours",
		`The harbour council of Port Kessel voted on Tuesday, Mayor Ida Brun said.`,
		`The River Valley Community Clinic in Ashcombe Falls will close at night, its board said.`)
	want := map[string]string{"Port Kessel": "GPE", "Ashcombe Falls": "GPE", "River Valley Community Clinic": "ORG"}
	for name, w := range want {
		if got := entityType(a, name); got != w {
			t.Errorf("%q: type %q, want %q:%s", name, got, w, dump(a))
		}
	}
}

// TestTitlesTellApart: two people the article names only by one surname and
// tells apart by their titles are named with them.
func TestTitlesTellApart(t *testing.T) {
	a := annotate(t, "Bakery",
		`Ms Roe and Mr Roe, who run the bakery on Quay Street, disagreed.`,
		`Mr Roe said the market should stay open. Ms Roe said it should close by March.`)
	for content, want := range map[string]string{"the market should stay open": "Mr Roe", "it should close by March": "Ms Roe"} {
		q := quoteWith(a, content)
		if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != want {
			t.Errorf("%q: want %s:%s", content, want, dump(a))
		}
	}
	// The title as the article first wrote it, not the first in the alphabet.
	b := annotate(t, "Bakery",
		`Mrs. Lee and Mr. Lee, who run the bakery on Quay Street, disagreed.`,
		`Mrs. Lee said the market should stay open. Miss Lee, their daughter, said nothing. Mr. Lee said it should close by March.`)
	if q := quoteWith(b, "the market should stay open"); q == nil || q.Speaker.Name == nil || *q.Speaker.Name != "Mrs. Lee" {
		t.Errorf("want Mrs. Lee:%s", dump(b))
	}
}

// TestFromSecondTrial: what a second trial by a new user found.
func TestFromSecondTrial(t *testing.T) {
	a := annotate(t, "Obituary",
		`Eleanor Vasquez, a marine biologist at the Halvorsen Institute of Oceanography, died on Sunday.`,
		`"She taught us to listen to the sea," said Dr. Mark Lund of the University of Miami.`,
		`The former Wales international Paul Gaskin said the club would miss her.`,
		`Forecasters in Nashville, Tennessee, said rain would continue.`,
		`Cllr Rosalind Pymm said the council would name a pier after her.`)
	for name, want := range map[string]string{"Halvorsen Institute of Oceanography": "ORG", "University of Miami": "ORG", "Oceanography": "", "Miami": ""} {
		if got := entityType(a, name); got != want {
			t.Errorf("%q: type %q, want %q:%s", name, got, want, dump(a))
		}
	}
	for content, want := range map[string]string{"the club would miss her": "Paul Gaskin", "rain would continue": "",
		"the council would name a pier after her": "Rosalind Pymm"} {
		q := quoteWith(a, content)
		switch {
		case q == nil:
			t.Errorf("no quote %q:%s", content, dump(a))
		case want == "" && q.Speaker.Name != nil:
			t.Errorf("%q: speaker %s, want none (a place is no speaker)", content, *q.Speaker.Name)
		case want != "" && (q.Speaker.Name == nil || *q.Speaker.Name != want):
			t.Errorf("%q: speaker %v, want %s:%s", content, q.Speaker.Name, want, dump(a))
		}
	}
	// A live report's time stamps: the name after one opens its sentence.
	checkSpeakers(t, []speakerCase{{name: "time stamps",
		paras: []string{
			`12:30 — Transport Secretary Anna Greaves arrived at the station.`,
			`12:45 — Chris Bellamy of the union said the talks had stalled.`,
			`13:00 — Greaves spoke again. "We are close to a deal," she said.`},
		content: "We are close to a deal", want: "Anna Greaves"}})
	// A single-word dateline is a place.
	b := annotate(t, "Storm", `TULSBERRY, Okla. — The river rose overnight, the mayor said.`)
	if got := entityType(b, "TULSBERRY"); got != "GPE" {
		t.Errorf("dateline: type %q, want GPE:%s", got, dump(b))
	}
}

// TestPlacesNotPeople: what a review found: surnames shaped like streets, lists
// of surnames, a person crowded around and an acronym opening a sentence are
// not places; a budget deal called “Fantastic” is still quoted.
func TestPlacesNotPeople(t *testing.T) {
	cases := []struct {
		name, para, content, want string
	}{
		{"a surname like a street", `Diane Lane said the film would open in May. She said the crew was tired.`, "the crew was tired", "Diane Lane"},
		{"a list of surnames", `Goals came from Okafor, Austin and Reyes. Okafor said the team had earned the win. He said the fans were loud.`, "the fans were loud", "Okafor"},
		{"around a person", `Fans crowded around Okafor, who signed shirts for an hour. Okafor said the team had earned the win. He said the fans were loud.`, "the fans were loud", "Okafor"},
		{"an acronym", `NATO, the military alliance, said it would send more ships.`, "it would send more ships", "NATO"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "Title", c.para)
			q := quoteWith(a, c.content)
			if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != c.want {
				t.Errorf("want %s:%s", c.want, dump(a))
			}
			for _, e := range a.Entities {
				if e.Name == c.want && e.Type != "PERSON" && e.Type != "ORG" {
					t.Errorf("%s typed %s", e.Name, e.Type)
				}
			}
		})
	}
	a := annotate(t, "Budget", `Ortiz said the budget deal was “Fantastic” and would pass next week.`)
	if len(a.Quotes) == 0 || a.Quotes[0].Kind != "mixed" {
		t.Errorf("want a mixed quote:%s", dump(a))
	}
}

// A part of a known place named by a point of the compass, where the text
// puts a place, is a place ("in Soweto East"); not "Kanye West", nor "Jordan
// West said" (a first name, and nothing placing it); a city shaped as a natural
// feature's name is a city ("Cape Town" GPE, "Rhode Island" too).
func TestCompassPartsAndCities(t *testing.T) {
	a := annotate(t, "Clashes in Soweto",
		`Residents of Soweto East protested in Cape Town on Monday.`,
		`Kanye West said the show would go on. Jordan West said the plan was bad.`,
		`Police in Soweto East said 12 people were arrested.`)
	for name, want := range map[string]string{"Soweto East": "GPE", "Cape Town": "GPE", "Kanye West": "PERSON", "Jordan West": "PERSON"} {
		if got := entityType(a, name); got != want {
			t.Errorf("%s typed %q, want %s%s", name, got, want, dump(a))
		}
	}
}

// A wire's credit between a dateline's place and its dash leaves the place a
// place and no speaker ("PORT KELLIN (Harbour Press) — Residents …"); a
// headline whose words end by naming who says them is no "Name: words" quote
// of what stands before its colon; a polymers maker is a body.
func TestDatelineCreditAndTopicHeadline(t *testing.T) {
	a := annotate(t, "Port Kellin: don't drink the water, minister says",
		`PORT KELLIN (Harbour Press) — Residents of Port Kellin were told on Tuesday night not to drink tap water after a spill at the Halvorsen Polymers plant, officials said.`,
		`Environment Minister Maren Lindqvist said the ban would stay in place for 72 hours.`)
	for _, q := range a.Quotes {
		if q.Speaker.Name != nil && strings.EqualFold(*q.Speaker.Name, "Port Kellin") {
			t.Errorf("%q: the place speaks%s", q.Content, dump(a))
		}
		if q.Where == "title" && q.Speaker.Mention != nil && *q.Speaker.Mention == "Port Kellin" {
			t.Errorf("headline quote %q of the topic%s", q.Content, dump(a))
		}
	}
	for name, want := range map[string]string{"Halvorsen Polymers": "ORG", "Port Kellin": "GPE"} {
		if got := entityType(a, name); got != want {
			t.Errorf("%s typed %q, want %s%s", name, got, want, dump(a))
		}
	}
	for _, e := range a.Entities {
		if e.Name == "PORT KELLIN" && e.Type != "GPE" {
			t.Errorf("dateline typed %s%s", e.Type, dump(a))
		}
	}
}
