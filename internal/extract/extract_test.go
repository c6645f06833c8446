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
