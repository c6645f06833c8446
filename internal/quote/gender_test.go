package quote_test

import "testing"

// A person's gender in the output: a title, a first name nearly everyone
// given it shares, the pronouns standing for them; unknown when a singular
// "they" stands for them, when the pronouns disagree, or when nothing tells.
// Organisations and places have none.
func TestEntityGender(t *testing.T) {
	a := annotate(t, "Council Backs New Ferry Plan",
		"NORRVIK — The council voted on Tuesday to buy a second ferry for the island route.",
		"\u201cThis is the day the islands waited for,\u201d Mayor Karin Lund said.",
		"Mr. Jensen said the price of the boat was too high for a town of this size.",
		"Kim Sato, who runs the island shop, said the ferry would help her business. \u201cNow my deliveries come on time,\u201d she said.",
		"Pharmacist Robin Vale, who uses they/them pronouns, spoke to the council. \u201cPeople here need the early crossing,\u201d they said.",
		"Tomas Berg, the harbour master, said the pier would need work before the spring.",
		"The Norrvik Ferry Company said in a statement that it welcomed the decision.",
	)
	want := map[string]string{
		"Karin Lund": "female", "Jensen": "male", "Kim Sato": "female", "Robin Vale": "", "Tomas Berg": "male",
		"Norrvik Ferry Company": "",
	}
	for _, e := range a.Entities {
		g, ok := want[e.Name]
		if !ok {
			continue
		}
		delete(want, e.Name)
		if e.Gender != g {
			t.Errorf("%s (%s): gender %q, want %q%s", e.Name, e.Type, e.Gender, g, dump(a))
		}
	}
	for name := range want {
		t.Errorf("no entity %q%s", name, dump(a))
	}
}
