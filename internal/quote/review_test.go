package quote_test

import "testing"

// A place word that ends a person's name is that person's short name, not the
// place: "Oksana Holland … Holland said".
func TestReviewPlaceSurname(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "surname Holland",
			paras: []string{
				`Oksana Holland said the schools were full. “We have no more room,” Holland said.`,
			},
			speakers: []string{"Oksana Holland", "Oksana Holland"},
			types:    map[string]string{"Oksana Holland": "PERSON"},
			absent:   []string{"Holland"},
		},
		{
			name: "surname Ireland",
			paras: []string{
				`Thandeka Ireland said the clinic would close. “We tried everything,” Ireland said.`,
			},
			speakers: []string{"Thandeka Ireland", "Thandeka Ireland"},
			types:    map[string]string{"Thandeka Ireland": "PERSON"},
			absent:   []string{"Ireland"},
		},
		{
			name: "surname Houston",
			paras: []string{
				`Nnamdi Houston said the league would expand. “Two teams will join next year,” Houston said.`,
			},
			speakers: []string{"Nnamdi Houston", "Nnamdi Houston"},
			types:    map[string]string{"Nnamdi Houston": "PERSON"},
			absent:   []string{"Houston"},
		},
		{
			name: "titled surname",
			paras: []string{
				`Dr. Keziah Holland said the wards were full. “We need more beds,” Holland said.`,
			},
			speakers: []string{"Keziah Holland", "Keziah Holland"},
		},
		{
			name: "agency stays apart from its country",
			paras: []string{
				`Health Canada said the recall was voluntary. Canada said it would review the rules.`,
			},
			speakers: []string{"Health Canada", "Canada"},
			types:    map[string]string{"Health Canada": "ORG", "Canada": "GPE"},
		},
	})
}

// A body named for a country is common nouns before it; a name before a
// country is a person's or a period's.
func TestReviewAgencyNeedsCommonNouns(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "unknown first name",
			paras: []string{
				`Thandeka Ireland said the clinic would close on Friday.`,
			},
			types: map[string]string{"Thandeka Ireland": "PERSON"},
		},
		{
			name: "agencies of common nouns",
			paras: []string{
				`Statistics Norway said prices rose. Parks Denmark said the trails were closed, and Hockey Sweden said the season would start late.`,
			},
			types: map[string]string{"Statistics Norway": "ORG", "Parks Denmark": "ORG", "Hockey Sweden": "ORG"},
		},
	})
}

// An age of a country ("Tudor England") is no body.
func TestReviewPeriodIsNoAgency(t *testing.T) {
	a := annotate(t, "", `The historian Mirela Dunn said Tudor England was poorer than Vichy France had been.`)
	for _, e := range a.Entities {
		if (e.Name == "Tudor England" || e.Name == "Vichy France") && e.Type == "ORG" {
			t.Errorf("%s typed ORG%s", e.Name, dump(a))
		}
	}
}

// A pronoun whose gender fits nobody named names no one, and does not change
// the gender of the subject.
func TestReviewPronounNoOverride(t *testing.T) {
	cases := []canadaCase{
		{
			name: "pronoun after a meeting",
			paras: []string{
				`Jane Porter met the new fire chief on Saturday. “We talked about the budget,” he said.`,
			},
			speakers: []string{""},
		},
	}
	runCanadaCases(t, cases)
	a := annotate(t, "", cases[0].paras...)
	for _, e := range a.Entities {
		if e.Name == "Jane Porter" && e.Gender != "female" {
			t.Errorf("Jane Porter gender %q, want female%s", e.Gender, dump(a))
		}
	}
	// The pronoun may still go to the subject when no one else is there, but
	// does not make the first name's guess its own.
	a = annotate(t, "", `Fisheries officer Ola Nygaard said the quota would be cut. He said the boats would be inspected in May.`)
	for _, e := range a.Entities {
		if e.Name == "Ola Nygaard" && e.Gender == "male" {
			t.Errorf("Ola Nygaard made male by the pronoun%s", dump(a))
		}
	}
}

// A singular "they" needs one person as the subject before it, not a group.
func TestReviewTheyGroups(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "residents and their councillor",
			paras: []string{
				`The residents and their councillor, Omar Sayed, met the health authority. “They told us nothing,” they said.`,
			},
			speakers: []string{""},
		},
		{
			name: "a team",
			paras: []string{
				`The Blue Jays beat the Yankees on Tuesday. “We played well,” they said.`,
			},
			speakers: []string{""},
		},
	})
}

// "Elder" is a title before a person's name only.
func TestReviewElderBeforeBody(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "elder care body",
			paras: []string{
				`Elder Care Alliance spokesperson Kim Boyd said the homes were short of staff.`,
			},
			speakers: []string{"Kim Boyd"},
			absent:   []string{"Care Alliance"},
		},
		{
			name: "elder before a name",
			paras: []string{
				`Elder Tobias Kinew said the river had risen.`,
			},
			speakers: []string{"Tobias Kinew"},
			absent:   []string{"Elder Tobias Kinew"},
		},
	})
}

// Every occupation word before a name is no part of it.
func TestReviewOccupations(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "nurse practitioner",
			paras: []string{
				`Nurse Practitioner Maya Cho said the clinic was full.`,
			},
			speakers: []string{"Maya Cho"},
			absent:   []string{"Practitioner Maya Cho", "Nurse Practitioner Maya Cho"},
		},
		{
			name: "senior and chief economists",
			paras: []string{
				`Senior Economist Pavel Lindgren said rates would fall. Chief Economist Ruth Okafor said they would not.`,
			},
			speakers: []string{"Pavel Lindgren", "Ruth Okafor"},
		},
	})
}

// A party's word and a place before a role name nobody: "the Independent
// Vermont senator" is no person for the pronoun after.
func TestReviewPartyPlaceRole(t *testing.T) {
	runCanadaCases(t, []canadaCase{
		{
			name: "party and state before a role",
			paras: []string{
				`Senator Walt Brenner said he would stay in the race. The Independent Vermont senator vowed to fight on. He said the polls were wrong.`,
			},
			speakers: []string{"Walt Brenner", "Walt Brenner", "Walt Brenner"},
			absent:   []string{"Independent Vermont"},
		},
	})
}
