package quote_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// canadaCase is an invented article with what its speakers and entities
// must be.
type canadaCase struct {
	name  string
	paras []string
	// speakers: the speaker names of the quotes, in order ("" for none),
	// when set.
	speakers []string
	// types: entities that must be listed, by name, with their type.
	types map[string]string
	// absent: names no entity may have.
	absent []string
	// contents: a quote must hold each of these in its content; notIn: no
	// quote's content may hold any of those.
	contents, notIn []string
}

func runCanadaCases(t *testing.T, cases []canadaCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "", c.paras...)
			if c.speakers != nil {
				if got := speakerNames(a); !slices.Equal(got, c.speakers) {
					t.Errorf("speakers %q, want %q%s", got, c.speakers, dump(a))
				}
			}
			for name, typ := range c.types {
				found := false
				for _, e := range a.Entities {
					if e.Name == name {
						found = true
						if e.Type != typ {
							t.Errorf("entity %q typed %s, want %s", name, e.Type, typ)
						}
					}
				}
				if !found {
					t.Errorf("no entity %q (%s)", name, typ)
				}
			}
			noEntities(t, a, c.absent...)
			for _, want := range c.contents {
				if !slices.ContainsFunc(a.Quotes, func(q article.Quote) bool { return strings.Contains(q.Content, want) }) {
					t.Errorf("no quote holds %q%s", want, dump(a))
				}
			}
			for _, bad := range c.notIn {
				for _, q := range a.Quotes {
					if strings.Contains(q.Content, bad) {
						t.Errorf("quote %q holds %q", q.Content, bad)
					}
				}
			}
		})
	}
}

// A body named by its work and the country or city it serves is an
// organisation, and a people counted ("one in four Norwegians") no speaker.
func TestCanadaAgencies(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "agency of a country",
			paras: []string{
				`Transport Norway said Monday that the ferry inspections would be finished by spring.`,
				`Fisheries Denmark warned that cod quotas could fall again, and Norway said it would wait.`,
			},
			speakers: []string{"Transport Norway", "Fisheries Denmark", "Norway"},
			types:    map[string]string{"Transport Norway": "ORG", "Fisheries Denmark": "ORG", "Norway": "GPE"},
		},
		{
			name: "part of a country is a place",
			paras: []string{
				`Residents of Northern Ireland and of Greater Toronto said the fares were too high, according to Dana Whitcombe.`,
			},
			absent: []string{"Ireland", "Toronto"},
		},
		{
			name: "a people counted",
			paras: []string{
				`A survey by Tennis Norway found that one in four Norwegians said they had never held a racket.`,
			},
			absent: []string{"Norwegians"},
		},
	})
}

// Titles of provincial members, First Nations' leaders and elders, and a
// party before an office, are no part of a name.
func TestCanadaTitles(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "party and provincial member",
			paras: []string{
				`Green MPP Harriet Vogel said the budget ignored the north.`,
				`"We asked twice," Ms. Vogel said.`,
			},
			speakers: []string{"Harriet Vogel", "Harriet Vogel"},
			types:    map[string]string{"Harriet Vogel": "PERSON"},
			absent:   []string{"Green MPP Harriet Vogel", "MPP Harriet Vogel"},
		},
		{
			name: "vice-chief after a federation",
			paras: []string{
				`Northern Plains Treaty Council Vice-Chief Orrin Wapemoose said the talks had stalled. He said four bands had walked out.`,
			},
			speakers: []string{"Orrin Wapemoose", "Orrin Wapemoose"},
			types:    map[string]string{"Orrin Wapemoose": "PERSON"},
		},
		{
			name: "elder and grand chief",
			paras: []string{
				`Grand Chief Lorna Bigcanoe said the water advisory had lasted nine years.`,
				`Elder Rosalie Kinew, 79, said she had packed only the quilts. "My mother sewed them," she said.`,
			},
			speakers: []string{"Lorna Bigcanoe", "Rosalie Kinew", "Rosalie Kinew"},
			types:    map[string]string{"Lorna Bigcanoe": "PERSON", "Rosalie Kinew": "PERSON"},
			absent:   []string{"Elder Rosalie Kinew", "Grand Chief Lorna Bigcanoe"},
		},
	})
}

// The speaker is the sentence's subject, not a name inside a phrase between it
// and the verb, nor the body a description or a role opens with.
func TestCanadaSubjectSpeaker(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "participial phrase",
			paras: []string{
				`Transit Minister Oskar Lindqvist, standing beside Mayor Beatrix Holm, said the new line would open in June.`,
			},
			speakers: []string{"Oskar Lindqvist"},
		},
		{
			name: "description then name",
			paras: []string{
				`The Third Party's finance critic, Green MPP Tobias Greer, said the deficit was hidden.`,
			},
			speakers: []string{"Tobias Greer"},
			types:    map[string]string{"Tobias Greer": "PERSON"},
		},
		{
			name: "union then role then name",
			paras: []string{
				`Rail, Bus and Allied Drivers union president Corinne Maple said the strike vote would be held Monday.`,
			},
			speakers: []string{"Corinne Maple"},
			types:    map[string]string{"Corinne Maple": "PERSON"},
			absent:   []string{"Bus"},
		},
	})
}

// Words that are no quote: an unanswered request, a document's signers, a
// translation after the guillemets, the time and place after the cue.
func TestCanadaFalseQuotes(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "no response",
			paras: []string{
				`Premier Walter Quist said the plant would stay open.`,
				`Labour Minister Greta Olsen's office did not respond to a request for comment.`,
			},
			speakers: []string{"Walter Quist"},
		},
		{
			name: "letter signed by",
			paras: []string{
				`Mayor Ingrid Solberg will not drop the bylaw, despite a petition signed by 900 cyclists, she said Tuesday.`,
			},
			speakers: []string{"Ingrid Solberg"},
		},
		{
			name: "translation in brackets",
			paras: []string{
				`« Nous resterons ici » [We will stay here], Mr. Tremblay told reporters in the lobby. "The town has decided."`,
			},
			contents: []string{"Nous resterons ici"},
			notIn:    []string{"We will stay here The town"},
		},
		{
			name: "narrative after the cue",
			paras: []string{
				`"The river gave us everything, and we gave it nothing back," Chief Hazel Tobacco said at the opening ceremony on Saturday. "That ends now."`,
			},
			contents: []string{"That ends now"},
			notIn:    []string{"opening ceremony"},
		},
	})
}

// A pronoun after a quotation goes to the one person of its gender named in
// the sentence before, though not as its subject, rather than to a speaker
// of an earlier paragraph.
func TestCanadaPronounAfterObject(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "object of a passive",
			paras: []string{
				`Senator Beatrice Holloway said the bill would pass. "We have the votes," she said.`,
				`The petition was started by Ingrid Solberg, a nurse in Kelowna. « Nous sommes fatiguées » [We are tired], she said in an interview.`,
			},
			speakers: []string{"Beatrice Holloway", "Beatrice Holloway", "Ingrid Solberg"},
		},
	})
}

// "Name, told Outlet the … <verb in -ed> …" reports what was told, without
// "said" or "that".
func TestCanadaToldOutlet(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "appositive and outlet",
			paras: []string{
				`The county's flood spokesperson, Imogen Tarrow, told River Radio the water crested at 6.2 metres overnight.`,
			},
			speakers: []string{"Imogen Tarrow"},
			contents: []string{"the water crested at 6.2 metres overnight"},
		},
	})
}

// A pronoun the first name's gender (a guess) does not fit still goes to the
// subject just named when nobody else fits; a singular "they" after a
// quotation goes to the person the sentence before opens on.
func TestCanadaPronounFit(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "first name's gender yields to the pronoun",
			paras: []string{
				`Fisheries officer Ola Nygaard said the quota would be cut. He said the boats would be inspected in May.`,
			},
			speakers: []string{"Ola Nygaard", "Ola Nygaard"},
		},
		{
			name: "singular they",
			paras: []string{
				`Robin Tessier, who runs a hardware store in Gimli, said sales had fallen. "It has been a hard winter," they said.`,
			},
			speakers: []string{"Robin Tessier", "Robin Tessier"},
		},
		{
			name: "plural they stays nobody's",
			paras: []string{
				`Residents and Robin Tessier said the road was flooded. "We cannot get out," they said.`,
			},
			speakers: []string{"Robin Tessier", ""},
		},
	})
}

// Bodies by their last word: a First Nation, a firm's "Solutions" or
// "Pharma".
func TestCanadaBodyEndings(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "nation and firm",
			paras: []string{
				`Sturgeon Point Dene Nation said the road would close. Keystone Rail Solutions said repairs would take a week, and Lakeview Pharma said it had recalled the pills.`,
			},
			types: map[string]string{"Sturgeon Point Dene Nation": "ORG", "Keystone Rail Solutions": "ORG", "Lakeview Pharma": "ORG"},
		},
	})
}

// A town named for a saint is a place, not a person; a word for the public
// opening a sentence is no part of the name after it, first name as it may be.
func TestCanadaSaintsAndRiders(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "saint's town",
			paras: []string{
				`Councillor Mirela Dunn, who lives in St. Eustache, said the bridge would reopen. Flooding also hit Sault Ste. Lucie, she said.`,
			},
			types: map[string]string{"Mirela Dunn": "PERSON", "St. Eustache": "GPE"},
		},
		{
			name: "rider before a name",
			paras: []string{
				`Rider Naomi Brandvold, who takes the 7 bus, said the delays were getting worse.`,
			},
			speakers: []string{"Naomi Brandvold"},
			absent:   []string{"Rider Naomi Brandvold"},
		},
	})
}
