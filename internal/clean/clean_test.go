package clean

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden is a draft as the golden files hold it.
type golden struct {
	Title     string        `json:"title"`
	Byline    string        `json:"byline"`
	Published string        `json:"published"`
	Zone      string        `json:"zone"`
	Blocks    []goldenBlock `json:"blocks"`
}

type goldenBlock struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

func toGolden(d article.Draft) golden {
	g := golden{Title: d.Title, Byline: d.Byline, Zone: d.Zone, Blocks: []goldenBlock{}}
	if !d.Published.IsZero() {
		g.Published = d.Published.Format(time.RFC3339)
	}
	for _, b := range d.Blocks {
		g.Blocks = append(g.Blocks, goldenBlock{b.Kind, b.Text})
	}
	return g
}

func TestTextGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			d := Text(string(raw))
			checkInvariants(t, string(raw), d)
			got, err := json.MarshalIndent(toGolden(d), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := strings.TrimSuffix(in, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file:\n%s", in, got)
			}
		})
	}
}

// checkInvariants holds for every input: blocks are non-empty and trimmed, and
// every paragraph and heading is in the input as written (headings may have lost
// their quotation marks).
func checkInvariants(t *testing.T, raw string, d article.Draft) {
	t.Helper()
	norm := strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\r", "\n")
	for _, b := range d.Blocks {
		if b.Text == "" || b.Text != trim(b.Text) {
			t.Errorf("block %q is empty or untrimmed", b.Text)
		}
		switch b.Kind {
		case article.Paragraph, article.Heading:
			if !strings.Contains(norm, b.Text) {
				t.Errorf("%s %q is not in the input", b.Kind, b.Text)
			}
		case article.Caption:
		default:
			t.Errorf("block %q has kind %q", b.Text, b.Kind)
		}
	}
}

// TestSample checks the shared sample article against what its gold says.
func TestSample(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/samples/assad-bbc-interview.txt")
	if err != nil {
		t.Skip("shared sample not present")
	}
	d := Text(string(raw))
	checkInvariants(t, string(raw), d)
	if want := "Assad: We Can’t Be in Alliance with Countries That Support Terrorism"; d.Title != want {
		t.Errorf("title = %q, want %q", d.Title, want)
	}
	if got := d.Published.Format(time.RFC3339); got != "2024-11-22T14:01:00+02:00" || d.Zone != "Asia/Jerusalem" {
		t.Errorf("published = %s %q, want 2024-11-22T14:01:00+02:00 Asia/Jerusalem", got, d.Zone)
	}
	var paras, headings, captions []string
	for _, b := range d.Blocks {
		switch b.Kind {
		case article.Paragraph:
			paras = append(paras, b.Text)
		case article.Heading:
			headings = append(headings, b.Text)
		case article.Caption:
			captions = append(captions, b.Text)
		}
		if b.Text == d.Title {
			t.Errorf("title printed again in the body")
		}
	}
	if len(paras) != 11 {
		t.Errorf("%d paragraphs, want 11", len(paras))
	}
	if len(headings) != 1 || headings[0] != "Efforts to Train Moderate Rebels Pipe-Dream" {
		t.Errorf("headings = %q", headings)
	}
	if len(captions) != 1 || captions[0] != "Assad in interview with BBC" {
		t.Errorf("captions = %q", captions)
	}
	lead := 0
	for _, p := range paras {
		if strings.HasPrefix(p, "Syrian President Bashar al-Assad stressed") {
			lead++
		}
		if strings.Contains(p, "Assad in interview") {
			t.Errorf("caption still inside %q", p)
		}
	}
	if lead != 1 {
		t.Errorf("lead printed %d times", lead)
	}
}

// TestPolNeAR checks the headline and paragraph contract on a few corpus files.
func TestPolNeAR(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/data/polnear/dev/*.txt")
	if len(files) == 0 {
		t.Skip("PolNeAR not present")
	}
	if len(files) > 40 {
		files = files[:40]
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		d := Text(s)
		first := trim(strings.SplitN(s, "\n", 2)[0])
		if d.Title != first {
			t.Errorf("%s: title %q, want the first line %q", f, d.Title, first)
		}
		var body strings.Builder
		for _, b := range d.Blocks {
			body.WriteString(b.Text + "\n\n")
		}
		for _, p := range strings.Split(s, "\n\n")[1:] {
			p = trim(p)
			if p == "" || isBoilerplate(p) || strings.Contains(p, "\n") {
				continue
			}
			if !strings.Contains(body.String(), p) {
				t.Errorf("%s: paragraph lost or altered: %q", f, p)
			}
		}
	}
}

func TestBlocks(t *testing.T) {
	p := func(s string) article.DraftBlock { return article.DraftBlock{Kind: article.Paragraph, Text: s} }
	long := "The harbour master said the new berths would open in the autumn, later than planned."
	tests := []struct {
		name string
		in   []article.DraftBlock
		want []article.DraftBlock
	}{
		{"keeps paragraphs", []article.DraftBlock{p(long), p("Yes.")}, []article.DraftBlock{p(long), p("Yes.")}},
		{"exact repeat", []article.DraftBlock{p(long), p("  " + long)}, []article.DraftBlock{p(long)}},
		{"near repeat", []article.DraftBlock{p(long), p(strings.ToUpper(long))}, []article.DraftBlock{p(long)}},
		{"short repeat apart kept", []article.DraftBlock{p("No."), p(long), p("No.")}, []article.DraftBlock{p("No."), p(long), p("No.")}},
		{"short repeat adjacent", []article.DraftBlock{p("No."), p("No.")}, []article.DraftBlock{p("No.")}},
		{"teaser after", []article.DraftBlock{p(long), p("The harbour master said the new berths…")}, []article.DraftBlock{p(long)}},
		{"teaser before", []article.DraftBlock{p("The harbour master said the new berths..."), p("Other text here that is long."), p(long)},
			[]article.DraftBlock{p(long), p("Other text here that is long.")}},
		{"boilerplate", []article.DraftBlock{p("Advertisement"), p(long), p("Share this article"), p("(Reporting by Ann Lee; Editing by Bo Chan)")}, []article.DraftBlock{p(long)}},
		{"heading kept", []article.DraftBlock{{Kind: article.Heading, Text: "Why it matters."}, p(long)},
			[]article.DraftBlock{{Kind: article.Heading, Text: "Why it matters."}, p(long)}},
		{"glued caption", []article.DraftBlock{p("The berths will take ships of up to 300 metres.New berths at the east quay")},
			[]article.DraftBlock{p("The berths will take ships of up to 300 metres."), {Kind: article.Caption, Text: "New berths at the east quay"}}},
		{"caption line", []article.DraftBlock{p(long), p("Photo: Harbour Authority")}, []article.DraftBlock{p(long), {Kind: article.Caption, Text: "Photo: Harbour Authority"}}},
		{"empty", []article.DraftBlock{p(" "), {Text: long}}, []article.DraftBlock{p(long)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Blocks(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("block %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestSplitCaption(t *testing.T) {
	tests := []struct{ in, tail string }{
		{"The coalition struck again near the border on Sunday night.Smoke rises over the border town", "Smoke rises over the border town"},
		{"The minister spoke to reporters after the vote in the capital.”Minister Ana Ruiz in the capital", "Minister Ana Ruiz in the capital"},
		{"He said the troops moved into the U.S.Army base on the river", ""},
		{"The meeting ran until 10 p.m.Officials left the building", ""},
		{"Growth was 3.5 percent, the bank said, up from 3.1 last year", ""},
		{"Details are posted on the website of the council at example.com", ""},
		{"The mayor thanked the volunteers on Friday, naming Mr.Smith first", ""},
		{"The mayor thanked the volunteers who came out on Friday.Volunteers clear the beach.", ""},
		{"Short one.Caption here", ""},
		{"The report was published by the agency on Monday.Reuters", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, tail, ok := splitCaption(tt.in)
			if tail != tt.tail || ok != (tt.tail != "") {
				t.Errorf("tail = %q %v, want %q", tail, ok, tt.tail)
			}
		})
	}
}

func TestByline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe, Reuters"},
		{"Jane Doe | Staff writer", "Jane Doe"},
		{"BY Omar al-Rashid", "Omar al-Rashid"},
		{"Written by Lena van der Berg", "Lena van der Berg"},
		{"By Monday the water had gone", ""},
		{"By The Associated Press", ""},
		{"By contrast, the mayor said nothing.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := byline(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("byline(%q) = %q %v, want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestBoilerplate(t *testing.T) {
	yes := []string{"Read more: Island bus routes cut", "Share this article", "Related:", "Advertisement", "ADVERTISEMENT",
		"Sign up for our newsletter", "Follow us on Twitter", "Follow Jane Doe on Twitter @janedoe.", "Click here to subscribe.",
		"Read the rest here.", "(Reporting by Ann Lee; Editing by Bo Chan)", "Story continues below advertisement",
		"© 2025 Coastal Times", "***", "padding-top:20px;", "4 min read"}
	no := []string{"Read the report and you will see why the council voted no.", "Related parties were not told, she said.",
		"Advertisement revenue fell by a third last year.", "Share prices rose 4 percent.", "Follow the money, he said.",
		"Watch out for the tide, the coastguard warned."}
	for _, s := range yes {
		if !isBoilerplate(s) {
			t.Errorf("%q not taken for boilerplate", s)
		}
	}
	for _, s := range no {
		if isBoilerplate(s) {
			t.Errorf("%q taken for boilerplate", s)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Title\n\nBody one.\n\nBody one.", "22-11-2024 02:01 PM Jerusalem Timing\n\nA\n\nB.Caption words here",
		"“Heading Here”\nParagraph text follows here.", "By Jane Doe\r\n\r\nx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d := Text(raw)
		norm := strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\r", "\n")
		for _, b := range d.Blocks {
			if trim(b.Text) == "" {
				t.Fatalf("empty block in %q", raw)
			}
			if b.Kind == article.Paragraph && !strings.Contains(norm, b.Text) {
				t.Fatalf("paragraph %q not in input %q", b.Text, raw)
			}
		}
		Blocks(d.Blocks)
	})
}

func BenchmarkText(b *testing.B) {
	raw, err := os.ReadFile("testdata/ferry-strike.txt")
	if err != nil {
		b.Fatal(err)
	}
	// About 5 KB: the fixture's body repeated with distinct paragraphs.
	var sb strings.Builder
	sb.Write(raw)
	for i := 0; sb.Len() < 5000; i++ {
		sb.WriteString("\n\nThe harbour board met again on day " + strings.Repeat("x", i%7) + " and said the talks with the crew union, who want the same pay for night shifts as for days, would resume.")
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Text(in)
	}
}

// TestExamples checks the repository's example articles, which the README's
// demo uses: each has its title, time, byline, a heading and a glued caption.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.txt")
	if len(files) == 0 {
		t.Skip("no examples")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := Text(string(raw))
			checkInvariants(t, string(raw), d)
			// The invented examples carry a byline; the shipped seed sample has none.
			wantByline := strings.Contains(string(raw), "\nBy ")
			if d.Title == "" || (wantByline && d.Byline == "") || d.Published.IsZero() || d.Zone == "" {
				t.Errorf("title %q byline %q published %v zone %q", d.Title, d.Byline, d.Published, d.Zone)
			}
			kinds := map[string]int{}
			for _, b := range d.Blocks {
				kinds[b.Kind]++
				if b.Text == d.Title {
					t.Errorf("title repeated in the body")
				}
			}
			if kinds[article.Heading] != 1 || kinds[article.Caption] != 1 || kinds[article.Paragraph] < 8 {
				t.Errorf("block kinds %v", kinds)
			}
		})
	}
}

// TestTextTitled: a text whose title the source gives apart keeps its first
// paragraph, unless that paragraph is the title again.
func TestTextTitled(t *testing.T) {
	lead := "The port reopened on Monday, the harbour master said."
	tests := []struct {
		name, raw, title string
		want             []string
	}{
		{"lead kept", lead + "\n\nShips queued at the quay.", "Harbour reopens", []string{lead, "Ships queued at the quay."}},
		{"one paragraph", lead, "Harbour reopens", []string{lead}},
		{"title repeated", "Harbour reopens\n\n" + lead + "\n\nShips queued at the quay.", "Harbour reopens", []string{lead, "Ships queued at the quay."}},
		{"title repeated, other case", "HARBOUR REOPENS\n\n" + lead, " Harbour reopens ", []string{lead}},
		{"no title given", "Harbour reopens\n\n" + lead, "", []string{lead}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := TextTitled(tt.raw, tt.title)
			if want := strings.TrimSpace(tt.title); want == "" {
				want = "Harbour reopens"
				if d.Title != want {
					t.Errorf("title %q, want %q", d.Title, want)
				}
			} else if d.Title != want {
				t.Errorf("title %q, want %q", d.Title, want)
			}
			var got []string
			for _, b := range d.Blocks {
				got = append(got, b.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("blocks %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDatelineStamp: a timestamp line opened by a dateline's place in capitals
// is the article's time, not a paragraph.
func TestDatelineStamp(t *testing.T) {
	lead := "The port reopened on Monday, the harbour master said."
	for line, want := range map[string]string{
		"LONDON, 14 May 2025, 11:05 BST":         "2025-05-14T11:05:00+01:00",
		"ST. PETERSBURG, 3 March 2025 09:12 CET": "2025-03-03T09:12:00+01:00",
	} {
		d := Text("Harbour reopens\n\n" + line + "\n\n" + lead + "\n\nShips queued at the quay.")
		if got := d.Published.Format(time.RFC3339); d.Published.IsZero() || got != want {
			t.Errorf("%q: published %v, want %s", line, d.Published, want)
		}
		if len(d.Blocks) != 2 || d.Blocks[0].Text != lead {
			t.Errorf("%q: blocks %q", line, d.Blocks)
		}
	}
}

// TestOutletStampLine: a line giving the outlet (or a place) and the time, with
// or without a byline, is the article's time and no paragraph; a sentence that
// holds a date stays a paragraph.
func TestOutletStampLine(t *testing.T) {
	lead := "The harbour council voted on Monday to build a new sea wall."
	for _, c := range []struct{ line, want, byline string }{
		{"The Sentinel, Tuesday 3 June 2025 18:40 BST", "2025-06-03T18:40:00+01:00", ""},
		{"By Jo Lane | The Sentinel | 3 June 2025, 18:40 BST", "2025-06-03T18:40:00+01:00", "Jo Lane"},
		{"Port Aldren Gazette · 12 March 2024 09:05 GMT", "2024-03-12T09:05:00Z", ""},
		{"The Sentinel reported on Tuesday 3 June 2025 18:40 BST", "", ""},
		{"Harbour Council Meeting Of The Year Was Held 3 June 2025", "", ""},
	} {
		d := Text("Harbour council backs sea wall\n\n" + c.line + "\n\n" + lead + "\n\nShips queued at the quay.")
		got := ""
		if !d.Published.IsZero() {
			got = d.Published.Format(time.RFC3339)
		}
		if got != c.want || d.Byline != c.byline {
			t.Errorf("%q: published %q byline %q, want %q %q", c.line, got, d.Byline, c.want, c.byline)
		}
		kept := len(d.Blocks) == 3
		if kept != (c.want == "") {
			t.Errorf("%q: blocks %q", c.line, d.Blocks)
		}
	}
}

// TestScraperFurniture: the site's bars, breadcrumbs, share buttons, time
// lines with no day, lists of other stories and credited photo captions around
// a scraped article are no headline and no paragraph (a caption stays, marked).
func TestScraperFurniture(t *testing.T) {
	raw := strings.Join([]string{
		"Skip to main content",
		"Subscribe | Log in",
		"Home > Local > Harbour",
		"Updated 3:42 p.m. ET",
		"Harbour Council Backs New Sea Wall After Winter Storms",
		"By Jo Lane | Staff Writer",
		"Published March 11, 2025 | Updated 3:42 p.m. ET",
		"Share on Facebook Share on X Email Print",
		"Tweet Share Pin Email",
		"By the Gazette Staff",
		"PORT ALDREN — The harbour council voted on Monday to build a new sea wall.",
		"Workers survey the old wall on Monday. (Photo: Ana Ruiz/Port Aldren Gazette)",
		"RELATED:\n- Storm floods the quay for a second time\n- Ferry timetable changes from May",
		"Most Read\n1. Harbour festival moves to June\n2. New bakery opens on Quay Street",
		"The council said the work would begin in April.",
		"Boats line the quay at dusk. Ana Ruiz / Port Aldren Gazette",
	}, "\n\n")
	d := Text(raw)
	if d.Title != "Harbour Council Backs New Sea Wall After Winter Storms" {
		t.Errorf("title %q", d.Title)
	}
	if !d.DateOnly || d.Published.Format(time.DateOnly) != "2025-03-11" {
		t.Errorf("published %v (date only %v), want the day 11 March 2025", d.Published, d.DateOnly)
	}
	byKind := map[string][]string{}
	for _, b := range d.Blocks {
		byKind[b.Kind] = append(byKind[b.Kind], b.Text)
	}
	paras, captions := byKind[article.Paragraph], byKind[article.Caption]
	want := []string{"PORT ALDREN — The harbour council voted on Monday to build a new sea wall.", "The council said the work would begin in April."}
	if !slices.Equal(paras, want) {
		t.Errorf("paragraphs %q, want %q", paras, want)
	}
	if len(captions) != 2 {
		t.Errorf("captions %q, want the two credited ones", captions)
	}
}

// TestFurnitureLeavesProse: lines shaped like prose stay paragraphs.
func TestFurnitureLeavesProse(t *testing.T) {
	for _, line := range []string{
		"Prices rose > 5% in March, the bureau said.",
		"Share prices on the exchange fell on Monday.",
		"Most read the report as a warning to the council.",
		"By the harbour wall stood the old staff.",
		"The mayor said she was updated at 3 p.m. by the harbour master.",
	} {
		d := Text("Harbour council backs sea wall\n\n" + line + "\n\nThe council met on Monday.")
		if len(d.Blocks) != 2 || d.Blocks[0].Text != line {
			t.Errorf("%q: blocks %q", line, d.Blocks)
		}
	}
}

// TestNameDateInBody: a short line of a name and a date inside the body is the
// text's own (a notice, a heading), not the article's time.
func TestNameDateInBody(t *testing.T) {
	raw := "Harbour master retires after forty years\n\nThe harbour master will retire in June, the council said.\n\n" +
		"Memorial Service Saturday, June 14, 2025\n\nThe service will be held at the quay."
	d := Text(raw)
	if !d.Published.IsZero() {
		t.Errorf("published %v, want none", d.Published)
	}
	if len(d.Blocks) != 3 || d.Blocks[1].Text != "Memorial Service Saturday, June 14, 2025" {
		t.Errorf("blocks %q", d.Blocks)
	}
}

// TestListNeedsRun: one unbulleted line after "Read more" is the text's own
// heading; a heading with ">" in it is no breadcrumb.
func TestListNeedsRun(t *testing.T) {
	raw := "Harbour budget passes\n\nThe council passed the budget on Monday.\n\nRead more\n\nWhat happens next\n\n" +
		"The works start in May.\n\nIncome > Expenses\n\nThe harbour earned more than it spent.\n\n" +
		"You may also like:\n\nFerry strike ends\n\nNew bakery opens on Quay Street\n\nThe mayor thanked the staff."
	d := Text(raw)
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Text)
	}
	want := []string{"The council passed the budget on Monday.", "What happens next", "The works start in May.",
		"Income > Expenses", "The harbour earned more than it spent.", "The mayor thanked the staff."}
	if !slices.Equal(got, want) {
		t.Errorf("blocks %q,\nwant %q", got, want)
	}
}

// TestSectionTrail: a two-part trail opening on a site's section ("News >
// Local") is a breadcrumb, not the headline.
func TestSectionTrail(t *testing.T) {
	d := Text("News > Local\n\nPier reopens after storm repairs\n\nThe town pier reopened on Monday after six weeks of repairs.")
	if d.Title != "Pier reopens after storm repairs" {
		t.Errorf("title %q", d.Title)
	}
}

// A scraper's header lines give the address and the headline: "URL: https://…"
// and "Title: …" before the body are no headline nor text; in the body they
// are text.
func TestHeaderURLAndTitle(t *testing.T) {
	raw := "URL: https://news.example/port/spill\nTitle: Spill closes the port\nPUBLISHED: 2026-03-11T03:45:00+00:00\n\n" +
		"Port Edley: don't drink the water, minister says\n\nThe port was closed on Tuesday after a spill, officials said.\n\n" +
		"Source: https://other.example/x is where the figures came from, the council said."
	d := TextTitled(raw, "")
	if d.URL != "https://news.example/port/spill" {
		t.Errorf("URL %q", d.URL)
	}
	if d.Title != "Spill closes the port" {
		t.Errorf("title %q", d.Title)
	}
	var texts []string
	for _, b := range d.Blocks {
		texts = append(texts, b.Text)
	}
	if len(texts) != 3 || !strings.HasPrefix(texts[2], "Source: https://other.example/x") || strings.HasPrefix(texts[0], "URL") {
		t.Errorf("blocks %q", texts)
	}
}

// TestBylineBlocks: the bylines Canadian pages print over the body go, with
// their time: names, role, desk and outlet on lines of their own above the
// time line, a middle-dot line of byline, outlet and time, an outlet's "By The
// …" credit, a date with a reading time, and the share widget's heading. Lines
// of the same shape below the first paragraph, or with no time line after them,
// stay.
func TestBylineBlocks(t *testing.T) {
	const title = "Harbour council backs new sea wall"
	lead := "The harbour council voted on Monday to build a new sea wall, the mayor said."
	next := "Work will begin in April."
	tests := []struct {
		name, top string
		published string // RFC 3339; a bare wall clock when local, a day when date-only
		local     bool
		byline    string
		kept      []string // the top lines that stay
	}{
		{"middle dots", "Ana Ruiz · Harbour Radio News · Posted: Mar 4, 2027 7:15 PM ET | Last Updated: March 5, 2027",
			"2027-03-04T19:15:00-05:00", false, "Ana Ruiz", nil},
		{"middle dots, no name", "Harbour Radio News · Posted: Mar 4, 2027 7:15 PM NT | Last Updated: March 4, 2027",
			"2027-03-04T19:15:00-03:30", false, "", nil},
		{"outlet credit", "By The Coastal Wire · Posted March 9, 2027 2:20 pm", "2027-03-09T14:20:00", true, "", nil},
		{"weekday and reading time", "Wed., Mar. 10, 2027 timer 6 min. read", "2027-03-10", true, "", nil},
		{"names, desk, time", "Jo Lane and Pat Orr\nCity Hall\nPublished March 4, 2027", "2027-03-04", true, "Jo Lane and Pat Orr", nil},
		{"name and role", "Dee Marsh Transit Reporter\nPublished March 4, 2027 at 9:05 a.m. ET", "2027-03-04T09:05:00-05:00", false, "Dee Marsh", nil},
		{"by, name and role", "By Dee Marsh Transit Reporter\nWed., Mar. 10, 2027 timer 6 min. read", "2027-03-10", true, "Dee Marsh", nil},
		{"name and outlet", "Pierre Gagnon\nLe Courrier\nMarch 4, 2027 at 9:05 a.m.", "2027-03-04T09:05:00", true, "Pierre Gagnon", nil},
		{"share widget", "Posted: Mar 4, 2027 7:15 PM AT\n\nSocial Sharing", "2027-03-04T19:15:00-04:00", false, "", nil},
		{"no time line after", "Jo Lane and Pat Orr\nCity Hall", "", false, "", []string{"Jo Lane and Pat Orr", "City Hall"}},
		{"a section, no one's name", "Atlantic Canada\nPublished March 4, 2027", "2027-03-04", true, "", nil},
		{"prose before the time", "The vote was close.\nPublished March 4, 2027", "2027-03-04", true, "", []string{"The vote was close."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Text(title + "\n\n" + tt.top + "\n\n" + lead + "\n\n" + next)
			var got []string
			for _, b := range d.Blocks {
				got = append(got, b.Text)
			}
			if want := append(slices.Clone(tt.kept), lead, next); !slices.Equal(got, want) {
				t.Errorf("blocks %q, want %q", got, want)
			}
			pub := ""
			switch {
			case d.Published.IsZero():
			case d.DateOnly:
				pub = d.Published.Format(time.DateOnly)
			case d.Local:
				pub = d.Published.Format("2006-01-02T15:04:05")
			default:
				pub = d.Published.Format(time.RFC3339)
			}
			if pub != tt.published || !d.Published.IsZero() && d.Local != tt.local || d.Byline != tt.byline {
				t.Errorf("published %q local %v byline %q, want %q %v %q", pub, d.Local, d.Byline, tt.published, tt.local, tt.byline)
			}
			if d.Title != title {
				t.Errorf("title %q", d.Title)
			}
		})
	}
	// Below the first paragraph, a name line is the text's.
	d := Text(title + "\n\n" + lead + "\n\nJo Lane\nCity Hall\n\nPublished March 4, 2027\n\n" + next)
	if len(d.Blocks) != 4 || d.Blocks[1].Text != "Jo Lane" {
		t.Errorf("body name lines dropped: %q", d.Blocks)
	}
}
