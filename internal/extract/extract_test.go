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

// TestDayFirstDates: a slash date that could be either ("03/06/2025") is read
// day first when the article comes from a country that writes the day first (its
// address, its other dates, Irish words), and month first otherwise.
func TestDayFirstDates(t *testing.T) {
	const (
		head  = "Ferry timetable changes from next month\n\n"
		lead  = "\n\nThe operator said on Tuesday that the evening sailings would move to an earlier slot."
		irish = "Ferry timetable changes from next month\n\nPublished 03/06/2025 18:40\n\n" +
			"The Taoiseach told the Dáil on Tuesday that the evening sailings would be kept."
	)
	tests := []struct {
		name, url, format, body, published, want string
	}{
		{"British address", "https://www.example.co.uk/news/ferry", "", head + "Published 03/06/2025 18:40" + lead, "", "local 2025-06-03T18:40:00"},
		{"commercial address", "https://www.example.com/news/ferry", "", head + "Published 03/06/2025 18:40" + lead, "", "local 2025-03-06T18:40:00"},
		{"no address", "", "", head + "Published 03/06/2025 18:40" + lead, "", "local 2025-03-06T18:40:00"},
		{"Canadian address", "https://www.example.ca/news/ferry", "", head + "Published 03/06/2025 18:40" + lead, "", "local 2025-03-06T18:40:00"},
		{"day-first date elsewhere", "", "", head + "Published 03/06/2025 18:40" + lead + "\n\nThe consultation closes on 25/06/2025, it said.", "", "local 2025-06-03T18:40:00"},
		{"month-first date elsewhere", "https://www.example.co.uk/news/ferry", "", head + "Published 03/06/2025 18:40" + lead + "\n\nThe consultation closes on 06/25/2025, it said.", "", "local 2025-03-06T18:40:00"},
		{"Irish words", "", "", irish, "", "local 2025-06-03T18:40:00"},
		{"day alone", "https://news.example.com.au/ferry", "", head + "03/06/2025" + lead, "", "local 2025-06-03"},
		{"zone of the Americas", "https://www.example.co.uk/news/ferry", "", head + "Published 03/06/2025 09:00 ET" + lead, "", "2025-03-06T09:00:00-05:00"},
		{"UTC", "https://www.example.co.uk/news/ferry", "", head + "Published 03/06/2025 18:40 UTC" + lead, "", "2025-06-03T18:40:00Z"},
		{"day-first zone elsewhere", "", "", head + "Published 03/06/2025 18:40\nUpdated 4 June 2025 09:15 BST" + lead, "", "local 2025-06-03T18:40:00"},
		{"same day in words", "https://www.example.co.uk/news/ferry", "", head + "Published 03/06/2025 18:40" + lead + "\n\nThursday 6 March 2025", "", "local 2025-03-06T18:40:00"},
		{"a date the story tells", "https://www.example.co.uk/news/ferry", "", head + "Published 03/06/2025 18:40" + lead +
			" The morning crossing will stay as it is for the whole of the summer season, and passengers with bookings will be told by email." +
			"\n\nThe consultation closed on 6 March 2025.", "", "local 2025-06-03T18:40:00"},
		{"record's date", "https://www.example.co.nz/ferry", "", "The operator said on Tuesday that the evening sailings would move.", "03/06/2025 18:40 UTC", "2025-06-03T18:40:00Z"},
		{"page's date", "https://www.example.co.uk/news/ferry", "html", `<html><head><title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1>` +
			`<p class="date">Published <time>03/06/2025 18:40</time> GMT+1</p><p>The operator said on Tuesday that the evening sailings would move to an earlier slot, and that the ` +
			`morning crossing would stay as it is for the whole of the summer season.</p><p>Passengers with bookings will be told by email, the operator said in a statement on Tuesday evening.</p></article></body></html>`, "", "2025-06-03T18:40:00+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := source.Document{Source: "a.txt", URL: tt.url, Format: source.Text, Body: []byte(tt.body), Published: tt.published}
			if tt.format == "html" {
				doc.Format = source.HTML
			}
			a, err := Article(doc)
			if err != nil {
				t.Fatal(err)
			}
			got := "none"
			switch {
			case a.Published != nil:
				got = *a.Published
			case a.PublishedLocal != nil:
				got = "local " + *a.PublishedLocal
			}
			if got != tt.want {
				t.Errorf("published %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSlashDates(t *testing.T) {
	tests := map[string]slashCount{
		"on 25/06/2025 and 06/25/2025 and 03/06/2025": {1, 1, 1},
		"3/6/25, 13/6/25":                    {1, 0, 1},
		"/news/2025/06/03/ and /03/06/2025/": {},
		"06/06/2025 123/06/2025 1/2 3/4/5":   {},
		"31/12/1899 12/31/2200":              {},
		"03/06/2025/":                        {},
	}
	for in, want := range tests {
		if got := slashDates(in); got != want {
			t.Errorf("slashDates(%q) = %+v, want %+v", in, got, want)
		}
	}
}

// TestSiteName: the outlet's name a page states, or a record gives (first), is
// the article's; plain text states none.
func TestSiteName(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Ferry fares rise</title>
<meta property="og:site_name" content="Jozi Daily"></head><body><main><article><h1>Ferry fares rise</h1>
<p>The ferry company raised its fares by ten pence on Monday, the first rise in three years, citing the cost of fuel.</p>
<p>Commuters who cross the harbour twice a day said the rise would cost them more than forty pounds a year.</p>
</article></main></body></html>`
	text := "Ferry fares rise\n\nThe ferry company raised its fares by ten pence on Monday, the first rise in three years."
	tests := []struct {
		name string
		doc  source.Document
		want string
	}{
		{"page", source.Document{Source: "saved/a.html", Format: source.HTML, Body: []byte(page)}, "Jozi Daily"},
		{"record over page", source.Document{Source: "r.jsonl:1", SiteName: "Karoo Ledger", Format: source.HTML, Body: []byte(page)}, "Karoo Ledger"},
		{"record text", source.Document{Source: "r.jsonl:2", SiteName: "Karoo Ledger", Format: source.Text, Body: []byte(text)}, "Karoo Ledger"},
		{"plain text", source.Document{Source: "saved/a.txt", Format: source.Text, Body: []byte(text)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if a.SiteName != tt.want {
				t.Errorf("site name %q, want %q", a.SiteName, tt.want)
			}
		})
	}
}

// A record's markup that is paragraphs and no page is read for all its text;
// a page with no article in it is still an error.
func TestHTMLFragment(t *testing.T) {
	frag := source.Document{Format: source.HTML, Source: "api.jsonl:1", Title: "Talks to resume",
		Body: []byte("<p>Talks resume, the union said.</p><p>Workers stayed home.</p>")}
	a, err := Article(frag)
	if err != nil {
		t.Fatalf("fragment: %v", err)
	}
	if !strings.Contains(a.Text, "Talks resume, the union said.") || !strings.Contains(a.Text, "Workers stayed home.") {
		t.Errorf("fragment text %q", a.Text)
	}
	page := source.Document{Format: source.HTML, Source: "empty.html",
		Body: []byte("<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav></body></html>")}
	if _, err := Article(page); err == nil {
		t.Errorf("a page with no article gave no error")
	}
}
