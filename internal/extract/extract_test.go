package extract

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/source"
)

// TestRecordTitle: a record whose title is given apart keeps its text whole;
// a copy of the title opening the text is no paragraph of it.
func TestRecordTitle(t *testing.T) {
	lead := "The port reopened on Monday, the harbour master said."
	for _, body := range []string{lead + "\n\nShips queued at the quay.", "Harbour reopens\n\n" + lead + "\n\nShips queued at the quay."} {
		a, err := Article(source.Document{Source: "r.jsonl:1", Title: "Harbour reopens", Format: source.Text, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Harbour reopens" {
			t.Errorf("title %q", a.Title)
		}
		if want := lead + "\n\nShips queued at the quay."; a.Text != want {
			t.Errorf("text %q, want %q", a.Text, want)
		}
	}
}

// TestTooLong: a text longer than any article is refused, saying why.
func TestTooLong(t *testing.T) {
	body := []byte(strings.Repeat("The chairman said \"the pier is safe\" and left. ", MaxText/40))
	_, err := Article(source.Document{Source: "big.txt", Format: source.Text, Body: body})
	if err == nil || !strings.Contains(err.Error(), "more than the 2 MiB an article may hold") {
		t.Errorf("err = %v", err)
	}
	if _, err := Article(source.Document{Source: "ok.txt", Format: source.Text, Body: body[:MaxText/2]}); err != nil {
		t.Errorf("half as long: %v", err)
	}
}

// TestIrishTime: "IST" in an Irish paper (its address in .ie, or the words of
// Irish public life) is Irish Standard Time; elsewhere it is India's.
func TestIrishTime(t *testing.T) {
	irish := "Housing targets will be met, says Taoiseach\n\nTuesday 3 June 2025 18.40 IST\n\n" +
		"DUBLIN: The Taoiseach told the Dáil on Tuesday that the housing targets would be met."
	indian := "Monsoon reaches the coast\n\nTuesday 3 June 2025 18.40 IST\n\n" +
		"The monsoon reached the coast of Kerala on Tuesday, the weather office said."
	for _, c := range []struct {
		name, body, url, want string
	}{
		{"Irish words", irish, "", "2025-06-03T18:40:00+01:00"},
		{"Irish address", indian, "https://www.example.ie/news/monsoon", "2025-06-03T18:40:00+01:00"},
		{"Indian", indian, "", "2025-06-03T18:40:00+05:30"},
	} {
		a, err := Article(source.Document{Source: "a.txt", URL: c.url, Format: source.Text, Body: []byte(c.body)})
		if err != nil {
			t.Fatal(err)
		}
		if a.Published == nil || *a.Published != c.want {
			t.Errorf("%s: published %v, want %s", c.name, a.Published, c.want)
		}
	}
}
