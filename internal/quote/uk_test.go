package quote_test

import (
	"slices"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// UK news copy: lead sentences that end on who said them, in the forms
// British papers use.
func TestUKLeadAttribution(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "has said",
			paras:    []string{`Midwives in Wales are to be balloted on industrial action, the Royal College of Midwives has said.`},
			speakers: []string{"Royal College of Midwives"},
			contents: []string{"balloted on industrial action"},
		},
		{
			name:     "have said",
			paras:    []string{`Ferry crossings to the islands will be cut by a third this winter, the ferry operators have said.`},
			contents: []string{"Ferry crossings"},
		},
		{
			name:     "the company said",
			paras:    []string{`Brackwell Foods will close two bakeries in Yorkshire and Scotland, the company said.`},
			contents: []string{"close two bakeries"},
		},
		{
			name:     "said in a statement on a day",
			paras:    []string{`Ostland Airways will drop its Glasgow route in the spring, the airline said in a statement on Monday.`},
			contents: []string{"drop its Glasgow route"},
		},
		{
			name:     "understands",
			paras:    []string{`The Treasury is expected to raise the tobacco levy again, Channel Nine News understands.`},
			speakers: []string{"Channel Nine News"},
			contents: []string{"raise the tobacco levy"},
		},
		{
			name:     "has been told",
			paras:    []string{`Ministers will scrap the planned road tunnel, the Evening Courier has been told.`},
			contents: []string{"scrap the planned road tunnel"},
		},
		{
			name:     "source told a paper",
			paras:    []string{`The inquiry will report before Christmas, a Cabinet Office source told the Herald.`},
			contents: []string{"The inquiry will report before Christmas"},
		},
	})
}

// "Sir" or "Dame" and a first name is a short form of the full name the
// article gives, as "Mr. Pembury" is.
func TestUKKnightShortForm(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "Sir and first name",
			paras: []string{
				`Sir Alaric Thornbury, the transport secretary, told reporters in Hull that he would not back down.`,
				`“We will build the line whatever it costs,” Sir Alaric said.`,
			},
			speakers: []string{"Alaric Thornbury", "Alaric Thornbury"},
			absent:   []string{"Alaric"},
		},
		{
			name: "Dame and first name",
			paras: []string{
				`Dame Winifred Ashcombe, who chairs the review, said the findings were stark.`,
				`“No trust can say it did not know,” Dame Winifred said.`,
			},
			speakers: []string{"Winifred Ashcombe", "Winifred Ashcombe"},
			absent:   []string{"Winifred"},
		},
	})
}

// A place's possessive before a role names no speaker by itself: the role's
// holder when the article names them, or nobody. A plural possessive before
// "groups" is an unnamed group, not the word "groups".
func TestUKPossessiveRole(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "place's minister, unnamed",
			paras: []string{
				`Spain’s housing minister said on Monday the government would cap rents in the big cities.`,
			},
			speakers: []string{""},
		},
		{
			name: "place's minister, named",
			paras: []string{
				`MADRID, June 3 (NWS) - Spain’s housing minister said on Monday the government would cap rents in the big cities.`,
				`“Nobody should spend half their wage on rent,” Housing Minister Inés Valcárcel told reporters in Madrid.`,
			},
			speakers: []string{"Inés Valcárcel", "Inés Valcárcel"},
		},
		{
			name: "plural possessive groups",
			paras: []string{
				`Tenants’ groups warned that the cap would come too late for many families.`,
			},
			speakers: []string{""},
		},
	})
}

// The tagger's report inside the clause gives way to the attribution that
// closes the sentence.
func TestUKLeadOverTagger(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "understands over is expected",
			paras:    []string{`The Chancellor is expected to scrap the stamp duty rise for first-time buyers, Westmoor Radio understands.`},
			speakers: []string{"Westmoor Radio"},
			contents: []string{"scrap the stamp duty rise"},
		},
		{
			name:     "has said over rejecting",
			paras:    []string{`Porters at four hospitals will walk out next month after rejecting a 2% pay offer, the Hospital Porters Union has said.`},
			speakers: []string{"Hospital Porters Union"},
			contents: []string{"Porters at four hospitals will walk out"},
		},
	})
}

// speakerMentions returns the speaker mentions of the quotes, in order ("" for
// none).
func speakerMentions(a *article.Article) []string {
	var out []string
	for _, q := range a.Quotes {
		m := ""
		if q.Speaker.Mention != nil {
			m = *q.Speaker.Mention
		}
		out = append(out, m)
	}
	return out
}

// The mention of a group a plural possessive opens holds the possessive.
func TestUKGroupMention(t *testing.T) {
	cases := []struct {
		name, para string
		mentions   []string
	}{
		{"curly", `Tenants’ groups warned that the cap would come too late for many families.`, []string{"Tenants’ groups"}},
		{"straight", `Parents' representatives said the new timetable was unworkable.`, []string{"Parents' representatives"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "", c.para)
			if got := speakerMentions(a); !slices.Equal(got, c.mentions) {
				t.Errorf("mentions %q, want %q%s", got, c.mentions, dump(a))
			}
		})
	}
}

// "The prime minister" is the one the article calls so, not whoever spoke
// last.
func TestUKRoleDescription(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "live blog",
			paras: []string{
				`Dame Edwina Lockhart, the prime minister, is on her feet.`,
				`Opposition leader Marcus Penhallow opens on housing.`,
				`“Where are the homes you promised?” Penhallow asked.`,
				`Lockhart replies that housebuilding is at a ten-year high.`,
				`“He can shout from the sidelines; we are building,” the prime minister said.`,
			},
			speakers: []string{"Marcus Penhallow", "Edwina Lockhart"},
		},
		{
			name: "nobody called so",
			paras: []string{
				`Opposition leader Marcus Penhallow opens on housing.`,
				`“Where are the homes you promised?” Penhallow asked.`,
				`“He can shout from the sidelines; we are building,” the prime minister said.`,
			},
			speakers: []string{"Marcus Penhallow", ""},
		},
	})
}

// A weather warning is no report; words said beside it still are.
func TestUKWeatherWarning(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "issued a warning for",
			paras:    []string{`The Met Office has issued a yellow warning for fog.`, `“Drivers should leave extra time,” forecaster Idris Penrose said.`},
			speakers: []string{"Idris Penrose"},
		},
		{
			// A warning that says something is a report (a review's case).
			name:     "a warning in quotation marks",
			paras:    []string{`He issued a warning for the fans: “Do not travel without a ticket.”`},
			contents: []string{"Do not travel without a ticket"},
		},
	})
	a := annotate(t, "Yellow fog warning for south-west England", `“Drivers should leave extra time,” forecaster Idris Penrose said.`)
	for _, q := range a.Quotes {
		if q.Content == "England" || q.Content == "south-west England" {
			t.Errorf("headline quote %q%s", q.Content, dump(a))
		}
	}
}

// Unnamed speakers the article does name: a union by its name before
// "union", a body's spokesperson, a role held by the one person titled so.
func TestUKUnnamedSpeakers(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "the X union",
			paras:    []string{`The Brightwork union said the closures were “a betrayal” of the north-east.`},
			speakers: []string{"Brightwork"},
		},
		{
			name:     "a body's spokesperson",
			paras:    []string{`A Home Office spokesperson said: “We do not comment on individual cases.”`},
			speakers: []string{"Home Office"},
		},
		{
			// Whose chief executive "its" means is a guess: no one (a review's
			// case found another firm's chief executive taken).
			name: "its chief executive names no one",
			paras: []string{
				`Gatwick will open a second terminal by 2031, its chief executive said on Thursday.`,
				`“This will change how the south-east travels,” Gatwick chief executive Morwenna Tresize said.`,
			},
			speakers: []string{"", "Morwenna Tresize"},
		},
	})
}

// A pronoun after "A Downing Street spokeswoman" is the spokeswoman, unnamed,
// though her words are Downing Street's.
func TestUKPronounAfterBodySpokesperson(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "place's spokeswoman",
			paras: []string{
				`Alwyn Tregarthen says he will vote against the bill tonight.`,
				`A Downing Street spokeswoman said the government was confident of winning.`,
				`“We have the numbers,” she said.`,
			},
			speakers: []string{"Alwyn Tregarthen", "Downing Street", ""},
		},
	})
}

// "The company", "the carmaker" name the business named last whose name says
// it is one ("… Automotive", "… Ltd"), and no one else: not a union, an
// auditor or a person (a review found each taken for it by a wider rule),
// and a person before it stays a person.
func TestUKFirmDescription(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "the carmaker in the lead",
			paras:    []string{`Vellmark Automotive will shut its plant in Swindon next year, the carmaker said in a statement on Friday.`},
			speakers: []string{"Vellmark Automotive"},
		},
		{
			name: "a union is no company",
			paras: []string{`The Transport Workers Union said the offer was an insult.`,
				`The plant will close in May, the company said.`},
			speakers: []string{"Transport Workers Union", ""},
		},
		{
			name: "a person before the company",
			paras: []string{
				`Tobenna Okafor, who has worked at the plant for 20 years, was shocked.`,
				`The site will shut in May, the company said.`,
			},
			speakers: []string{""},
			types:    map[string]string{"Tobenna Okafor": "PERSON"},
		},
	})
}

// The review's cases of the closing cue: a named speaker's own report stays
// beside what a newsroom knows; no source with an adverb, nor a person who
// "understands"; a knight's short form only for one titled so.
func TestUKClosingCueBounds(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "a speaker's report and the BBC's knowledge",
			paras:    []string{`Mara Quell said she would resign, the BBC understands.`},
			contents: []string{"she would resign"},
		},
		{
			name:     "an adverb in the source",
			paras:    []string{`Cricket is a strange game, the Americans never understand.`},
			speakers: []string{},
		},
		{
			name:     "a person who understands",
			paras:    []string{`Pupils find maths hard, Mr Jones understands.`},
			speakers: []string{},
		},
		{
			name: "a lord and a first name",
			paras: []string{
				`Lord Owen spoke to the committee on Tuesday about the hospital's future.`,
				`Owen Farrell, the rugby player, was in the public gallery.`,
				`“We cannot close the ward,” Lord Owen said.`,
			},
			speakers: []string{"Owen"},
		},
	})
}

// A name after "the café chain" is a business.
func TestUKFirmNamedAfterNoun(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:  "café chain",
			paras: []string{`The bakery chain Crumbwell Hartley has reported profits of £12m.`, `“It has been a strong year,” chief executive Oona Falk said.`},
			types: map[string]string{"Crumbwell Hartley": "ORG", "Oona Falk": "PERSON"},
		},
	})
}

// A report with a source of its own inside the clause stays its own; a
// newsroom's "understands" takes the clause all the same (TestUKLeadOverTagger).
func TestUKNestedReportKept(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:     "nested",
			paras:    []string{`Councillors were furious that the depot would close without a vote, officials told the Wexcombe Gazette.`},
			contents: []string{"the depot would close"},
		},
	})
}

// A firm's name ending on a trade that is nobody's surname is an
// organisation, which no "she" stands for.
func TestUKTradeNames(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name:  "automotive, mining",
			paras: []string{`Vellmark Automotive said it would appeal.`, `Tarrow Mining said the mine would reopen in May.`},
			types: map[string]string{"Vellmark Automotive": "ORG", "Tarrow Mining": "ORG"},
		},
	})
}
