package webpage

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/whosaid/whosaid/internal/article"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden is the comparable form of a Page.
type golden struct {
	Title     string               `json:"title"`
	Byline    string               `json:"byline"`
	URL       string               `json:"url"`
	Published string               `json:"published"`
	Zone      string               `json:"zone"`
	Day       string               `json:"day"`
	Blocks    []article.DraftBlock `json:"blocks"`
	Error     string               `json:"error,omitempty"`
}

func TestExtractGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".html")
		if name == "bench" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ExtractPage(page, "https://news.example/"+name, Options{NoClean: true})
			g := golden{Title: p.Draft.Title, Byline: p.Draft.Byline, URL: p.Draft.URL,
				Zone: p.Draft.Zone, Day: p.Day, Blocks: p.Draft.Blocks}
			g.Published = formatPub(pubTime{t: p.Draft.Published, local: p.Draft.Local, dateOnly: p.Draft.DateOnly})
			if err != nil {
				g.Error = err.Error()
			}
			got, _ := json.MarshalIndent(g, "", "  ")
			got = append(got, '\n')
			gpath := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(gpath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gpath)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("draft differs from %s:\n%s", gpath, got)
			}
		})
	}
}

// TestExtractProperties checks what the golden files are meant to show, so that
// an -update cannot silently bless a regression.
func TestExtractProperties(t *testing.T) {
	read := func(name string) Page {
		t.Helper()
		page, err := os.ReadFile(filepath.Join("testdata", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := ExtractPage(page, "", Options{NoClean: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return p
	}
	text := func(d article.Draft) string {
		var parts []string
		for _, b := range d.Blocks {
			parts = append(parts, b.Text)
		}
		return strings.Join(parts, "\n\n")
	}
	hasBlock := func(d article.Draft, kind, prefix string) bool {
		for _, b := range d.Blocks {
			if b.Kind == kind && strings.HasPrefix(b.Text, prefix) {
				return true
			}
		}
		return false
	}

	t.Run("news", func(t *testing.T) {
		p := read("news")
		d := p.Draft
		if d.Title != "Harbour bridge reopens after two-year repair" {
			t.Errorf("title %q", d.Title)
		}
		if got := d.Published.Format(time.RFC3339); got != "2025-03-14T09:30:00+02:00" {
			t.Errorf("published %s", got)
		}
		body := text(d)
		for _, junk := range []string{"Advertisement", "Sponsored", "Related stories", "All rights reserved", "Weather"} {
			if strings.Contains(body, junk) {
				t.Errorf("body keeps %q", junk)
			}
		}
		// go-trafilatura drops <figure> (captions are built when a content tree
		// keeps them: see TestBuildBlocks), and the caption is not body text.
		if strings.Contains(body, "The repaired harbour bridge") {
			t.Error("caption in body")
		}
		if !hasBlock(d, article.Heading, "Costs doubled") {
			t.Error("no heading block")
		}
		if !hasBlock(d, article.Paragraph, "“We are glad") {
			t.Error("touching paragraphs were glued")
		}
	})
	t.Run("meta date", func(t *testing.T) {
		d := read("meta-date").Draft
		if got := d.Published.Format(time.RFC3339); got != "2024-07-02T18:05:00-04:00" {
			t.Errorf("published %s", got)
		}
		if d.Title != "Orchard growers count frost losses" {
			t.Errorf("title %q", d.Title)
		}
	})
	t.Run("time only", func(t *testing.T) {
		d := read("time-only").Draft
		if got := d.Published.Format(time.RFC3339); got != "2023-11-05T07:15:00+05:30" {
			t.Errorf("published %s", got)
		}
	})
	t.Run("day only", func(t *testing.T) {
		// A day without offset is a local date, not a midnight in some offset.
		p := read("day-only")
		if d := p.Draft; d.Published.Format(time.DateOnly) != "2024-05-06" || !d.Local || !d.DateOnly || p.Day != "2024-05-06" {
			t.Errorf("published %v local %v date only %v day %q", d.Published, d.Local, d.DateOnly, p.Day)
		}
		if p.Draft.Title != "Library extends opening hours" {
			t.Errorf("title %q", p.Draft.Title)
		}
	})
	t.Run("printed date", func(t *testing.T) {
		// Published, not Updated, nor the masthead's or a related story's date.
		d := read("printed-date").Draft
		if got := d.Published.Format(time.RFC3339); got != "2025-05-08T17:40:00+01:00" || d.Zone != "Europe/London" {
			t.Errorf("published %s %q", got, d.Zone)
		}
	})
	t.Run("printed date in the running text only", func(t *testing.T) {
		if d := read("printed-date-prose").Draft; !d.Published.IsZero() {
			t.Errorf("published %s", d.Published.Format(time.RFC3339))
		}
	})
	t.Run("touching", func(t *testing.T) {
		d := read("touching").Draft
		if !hasBlock(d, article.Paragraph, "It was okay.") || strings.Contains(text(d), "okay.Second") {
			t.Errorf("blocks %q", d.Blocks)
		}
		if got := d.Published.Format(time.RFC3339); got != "2022-09-18T16:40:00Z" {
			t.Errorf("published %s", got)
		}
	})
	t.Run("broken", func(t *testing.T) {
		d := read("broken").Draft
		if !strings.Contains(text(d), "found safe on Sunday") || !strings.Contains(text(d), "fence has fallen") {
			t.Errorf("body %q", text(d))
		}
	})
	t.Run("no content", func(t *testing.T) {
		page, _ := os.ReadFile(filepath.Join("testdata", "no-content.html"))
		if _, err := Extract(page, ""); !errors.Is(err, ErrNoContent) {
			t.Errorf("err = %v, want ErrNoContent", err)
		}
	})
}

func TestExtractEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "<html></html>", "<p>", "just some words"} {
		if _, err := Extract([]byte(in), ""); !errors.Is(err, ErrNoContent) {
			t.Errorf("%q: err = %v", in, err)
		}
	}
}

func TestBuildBlocks(t *testing.T) {
	tests := []struct {
		name, html string
		want       []article.DraftBlock
	}{
		{"touching paragraphs", `<p>It was okay.</p><p>Second one.</p>`,
			[]article.DraftBlock{{Kind: "paragraph", Text: "It was okay."}, {Kind: "paragraph", Text: "Second one."}}},
		{"inline and br", "<p>One <b>bold</b>\n word<br>next line</p>",
			[]article.DraftBlock{{Kind: "paragraph", Text: "One bold word\nnext line"}}},
		{"heading and caption", `<h2>Sub</h2><figure><img src=x><figcaption>A <i>cap</i></figcaption></figure>`,
			[]article.DraftBlock{{Kind: "heading", Text: "Sub"}, {Kind: "caption", Text: "A cap"}}},
		{"loose text around blocks", `<div>Loose text<p>Para</p>tail text</div>`,
			[]article.DraftBlock{{Kind: "paragraph", Text: "Loose text"}, {Kind: "paragraph", Text: "Para"}, {Kind: "paragraph", Text: "tail text"}}},
		{"list and quote", `<ul><li>one</li><li>two</li></ul><blockquote><p>q1</p><p>q2</p></blockquote>`,
			[]article.DraftBlock{{Kind: "paragraph", Text: "one"}, {Kind: "paragraph", Text: "two"}, {Kind: "paragraph", Text: "q1"}, {Kind: "paragraph", Text: "q2"}}},
		{"table row", `<table><tr><td>a</td><td>b c</td></tr></table>`,
			[]article.DraftBlock{{Kind: "paragraph", Text: "a | b c"}}},
		{"pre keeps lines", "<pre>line 1\n  line 2</pre>",
			[]article.DraftBlock{{Kind: "paragraph", Text: "line 1\nline 2"}}},
		{"script skipped", `<p>a<script>var x=1</script> b</p>`,
			[]article.DraftBlock{{Kind: "paragraph", Text: "a b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFragment(t, tt.html)
			got := buildBlocks(doc)
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(tt.want)
			if !bytes.Equal(gj, wj) {
				t.Errorf("got %s\nwant %s", gj, wj)
			}
		})
	}
}

func TestParseStamp(t *testing.T) {
	tests := []struct {
		in        string
		ok        bool
		want      string // RFC 3339 when hasTime and hasOffset, else the day
		hasOffset bool
	}{
		{"2024-11-22T14:01:00+02:00", true, "2024-11-22T14:01:00+02:00", true},
		{"2024-11-22T14:01:00.123Z", true, "2024-11-22T14:01:00Z", true},
		{"2024-11-22T14:01:00+0200", true, "2024-11-22T14:01:00+02:00", true},
		{"2024-11-22 14:01:00 -0500", true, "2024-11-22T14:01:00-05:00", true},
		{"2024-11-22T14:01-03:30", true, "2024-11-22T14:01:00-03:30", true},
		{"2024-11-22T14:01:00", true, "2024-11-22", false},
		{"2024-11-22", true, "2024-11-22", false},
		{"2024-11-22T00:00:00Z", true, "2024-11-22", false},
		{"2024-11-22T00:00:00+01:00", true, "2024-11-22T00:00:00+01:00", true},
		{"Fri, 22 Nov 2024 14:01:00 +0200", true, "2024-11-22T14:01:00+02:00", true},
		{"Fri, 22 Nov 2024 14:01:00 GMT", true, "2024-11-22T14:01:00Z", true},
		{"Fri, 22 Nov 2024 14:01:00 XYZ", true, "2024-11-22", false},
		{"2024-02-31", false, "", false},
		{"2024-13-01T10:00:00Z", false, "", false},
		{"yesterday", false, "", false},
		{"1850-01-01", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, ok := parseStamp(tt.in)
			if ok != tt.ok {
				t.Fatalf("ok = %v", ok)
			}
			if !ok {
				return
			}
			got := st.day()
			if st.hasOffset {
				got = st.t.Format(time.RFC3339)
			}
			if got != tt.want || st.hasOffset != tt.hasOffset {
				t.Errorf("got %s offset=%v", got, st.hasOffset)
			}
		})
	}
}

// formatPub formats a publication time as the article's JSON gives it: RFC 3339
// with its offset, or a local wall clock ("2006-01-02T15:04:05", "2006-01-02")
// after "local ".
func formatPub(p pubTime) string {
	switch {
	case p.t.IsZero():
		return ""
	case p.local && p.dateOnly:
		return "local " + p.t.Format(time.DateOnly)
	case p.local:
		return "local " + p.t.Format("2006-01-02T15:04:05")
	}
	return p.t.Format(time.RFC3339)
}

// publishedCase is a page's head and body, and the publication time (as formatPub
// writes it, "" for none), zone and day published must find in it.
type publishedCase struct {
	name, head, body string
	want, zone, day  string
}

// checkPublished runs published on each case's page, a subtest each.
func checkPublished(t *testing.T, tests []publishedCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFragment(t, "<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>")
			p := published(doc, readMeta(doc), "", "", false)
			if gs := formatPub(p); gs != tt.want || p.zone != tt.zone || p.day != tt.day {
				t.Errorf("got %q %q %q, want %q %q %q", gs, p.zone, p.day, tt.want, tt.zone, tt.day)
			}
		})
	}
}

func TestPublished(t *testing.T) {
	tests := []publishedCase{
		{"json-ld first", `<meta property="article:published_time" content="2020-01-01T10:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-06-01T08:00:00-07:00"}</script>`, "",
			"2021-06-01T08:00:00-07:00", "", "2021-06-01"},
		{"day then time on that day", `<meta name="date" content="2021-06-01">`, `<time datetime="2021-06-01T08:00:00+01:00">x</time>`,
			"2021-06-01T08:00:00+01:00", "", "2021-06-01"},
		{"day then time on another day", `<meta name="date" content="2021-06-01">`, `<time datetime="2019-03-03T08:00:00+01:00">x</time>`,
			"local 2021-06-01", "", "2021-06-01"},
		{"named zone", `<meta property="article:published_time" content="2024-11-22T14:01:00+02:00"><meta name="timezone" content="Asia/Jerusalem">`, "",
			"2024-11-22T14:01:00+02:00", "Asia/Jerusalem", "2024-11-22"},
		{"named zone with other offset", `<meta property="article:published_time" content="2024-07-22T14:01:00+02:00"><meta name="timezone" content="Asia/Jerusalem">`, "",
			"2024-07-22T14:01:00+02:00", "", "2024-07-22"},
		{"wall clock in named zone", `<meta property="article:published_time" content="2024-07-22T14:01:00"><meta name="timezone" content="Asia/Jerusalem">`, "",
			"2024-07-22T14:01:00+03:00", "Asia/Jerusalem", "2024-07-22"},
		{"marked time first", "", `<time datetime="2020-05-05T05:05:00Z">a</time><time pubdate datetime="2021-05-05T06:06:00Z">b</time>`,
			"2021-05-05T06:06:00Z", "", "2021-05-05"},
		{"nothing", "", "<p>no date</p>", "", "", ""},
	}
	checkPublished(t, tests)
}

// Invented prose for the body-date tests: long enough to be running text.
const (
	ferryProse  = "<p>The harbour board voted on Monday to raise ferry fares by ten pence from the start of next month, after a year in which fuel and repair costs rose faster than the number of passengers.</p>"
	ferryProse2 = "<p>Commuters who use the early crossing said the rise would add up over a year, and the board promised to review the season ticket before the summer timetable begins.</p>"
)

// TestPublishedInBody: with no publication time in the metadata, a date printed in a
// short element at the top of the article is read, never one from the running text.
func TestPublishedInBody(t *testing.T) {
	const h1 = "<h1>Ferry fares rise by ten pence</h1>"
	tests := []publishedCase{
		{"printed under the headline, no zone", "",
			`<article>` + h1 + `<p class="date">Published: 16:20 Tuesday 17 March 2026</p>` + ferryProse + `</article>`,
			"local 2026-03-17T16:20:00", "", "2026-03-17"},
		{"printed under the headline, the page names its zone", `<meta name="timezone" content="Europe/London">`,
			`<article>` + h1 + `<p class="date">Published: 16:20 Tuesday 17 March 2026</p>` + ferryProse + `</article>`,
			"2026-03-17T16:20:00Z", "Europe/London", "2026-03-17"},
		{"byline span, updated only", "",
			h1 + `<div class="byline"><span class="author">By Ada Quill</span> <span class="byline-date">Updated 9 May 2025, 08:15 BST</span></div>` + ferryProse,
			"2025-05-09T08:15:00+01:00", "Europe/London", "2025-05-09"},
		{"plain div under the headline", "",
			`<div class="story">` + h1 + `<div>March 3, 2026 at 4:05 p.m. ET</div>` + ferryProse + `</div>`,
			"2026-03-03T16:05:00-05:00", "America/New_York", "2026-03-03"},
		{"published preferred over updated", "",
			h1 + `<p class="updated">Updated 9 May 2025, 08:15 BST</p><p class="published">Published 8 May 2025, 17:40 BST</p>` + ferryProse,
			"2025-05-08T17:40:00+01:00", "Europe/London", "2025-05-08"},
		{"an update does not give a published day its time", "",
			h1 + `<p>Published 8 May 2025</p><p>Updated 8 May 2025, 19:00 BST</p>` + ferryProse,
			"local 2025-05-08", "", "2025-05-08"},
		{"before the headline in the article", "",
			`<article><p class="kicker">Transport</p><p class="dateline">4 June 2025 10:00 CEST</p>` + h1 + ferryProse + `</article>`,
			"2025-06-04T10:00:00+02:00", "Europe/Paris", "2025-06-04"},
		{"byline with other words", "",
			h1 + `<p>By Ada Quill | March 5, 2025, 10:15 AM EST | 4 min read</p>` + ferryProse,
			"2025-03-05T10:15:00-05:00", "America/New_York", "2025-03-05"},
		{"after the standfirst", "",
			h1 + ferryProse + `<p class="meta">12 February 2026 07:30 GMT</p>` + ferryProse2,
			"2026-02-12T07:30:00Z", "Europe/London", "2026-02-12"},
		{"no headline: marked at the top of the article", "",
			`<article><p class="post-date">Posted 12 February 2026 07:30 GMT</p>` + ferryProse + `</article>`,
			"2026-02-12T07:30:00Z", "Europe/London", "2026-02-12"},
		{"metadata gives the day, the body its time", `<meta name="date" content="2025-05-09">`,
			h1 + `<p class="date">9 May 2025 08:15 BST</p>` + ferryProse,
			"2025-05-09T08:15:00+01:00", "Europe/London", "2025-05-09"},
		{"metadata time wins", `<meta property="article:published_time" content="2025-05-09T06:00:00Z">`,
			h1 + `<p class="date">10 May 2025 08:15 BST</p>` + ferryProse,
			"2025-05-09T06:00:00Z", "", "2025-05-09"},
		{"not from the running text", "",
			h1 + `<p>The vote on March 3, 2026 at 4:05 p.m. ET ended a year in which the harbour board argued over fuel costs, repairs and the timetable.</p>` + ferryProse,
			"", "", ""},
		{"not from a date marked inside the running text", "",
			h1 + `<p>The board met on <span class="date">March 3, 2026 at 4:05 p.m. ET</span> and voted to raise the fares by ten pence from the start of next month.</p>` + ferryProse,
			"", "", ""},
		{"not after the running text has begun", "",
			h1 + ferryProse + ferryProse2 + `<p class="date">March 3, 2026 at 4:05 p.m. ET</p>`,
			"", "", ""},
		{"not the masthead's date", "",
			`<header><span class="date">Tuesday 17 March 2026 09:00 GMT</span></header><nav><a href="/">Home</a></nav><main><article>` + h1 + ferryProse + `</article></main>`,
			"", "", ""},
		{"not a related story's date", "",
			`<article>` + h1 + ferryProse + ferryProse2 + `</article><aside><ul><li><a href="/b">Bus lanes</a> <span class="date">March 3, 2026 at 4:05 p.m. ET</span></li></ul></aside>`,
			"", "", ""},
	}
	checkPublished(t, tests)
}

// TestPublishedLocal: a date the page gives without zone or offset is its local
// time when it comes from the metadata, a <time> element or a date line the page
// marks or labels as one; an offset found anywhere still comes first, and a date
// from the running text, an aside or an event is never the publication's.
func TestPublishedLocal(t *testing.T) {
	const h1 = "<h1>Ferry fares rise by ten pence</h1>"
	ld := func(date string) string {
		return `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"` + date + `"}</script>`
	}
	tests := []publishedCase{
		{"time element without datetime in the byline", "",
			`<article>` + h1 + `<div class="byline">By Staff Reporter &middot; <time>Published: 12 March 2026 at 09:30</time></div>` + ferryProse + `</article>`,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"time element, day only", "",
			`<article>` + h1 + `<div class="byline">By Staff Reporter &middot; <time>March 12, 2026</time></div>` + ferryProse + `</article>`,
			"local 2026-03-12", "", "2026-03-12"},
		{"date-classed paragraph", "",
			h1 + `<p class="date">25/03/2026 09:30</p>` + ferryProse,
			"local 2026-03-25T09:30:00", "", "2026-03-25"},
		{"date-classed paragraph, slash date read month first", "",
			h1 + `<p class="date">12/03/2026 09:30</p>` + ferryProse,
			"local 2026-12-03T09:30:00", "", "2026-12-03"},
		{"span in a date-classed wrapper", "",
			h1 + `<div class="entry-date"><span>Thursday</span> <span>12 March 2026, 09:30</span></div>` + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"labelled, in a plain paragraph", "",
			h1 + `<p>Posted on 12 March 2026 at 09:30</p>` + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"JSON-LD without offset", ld("2026-03-12T09:30:00"), h1 + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"JSON-LD without offset, space-separated", ld("2026-03-12 09:30:15"), h1 + ferryProse,
			"local 2026-03-12T09:30:15", "", "2026-03-12"},
		{"JSON-LD day, printed time that day", ld("2026-03-12"),
			h1 + `<p class="date">12 March 2026 09:30</p>` + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"JSON-LD day, printed time another day", ld("2026-03-12"),
			h1 + `<p class="date">14 March 2026 09:30</p>` + ferryProse,
			"local 2026-03-12", "", "2026-03-12"},
		{"time datetime without offset", "",
			h1 + `<div class="meta"><time datetime="2026-03-12T09:30">12 March</time></div>` + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"microdata element", "",
			h1 + ferryProse + ferryProse2 + `<div style="display:none"><div itemprop="datePublished">2026-03-12T09:30:00+02:00</div></div>`,
			"2026-03-12T09:30:00+02:00", "", "2026-03-12"},
		{"offset in JSON-LD wins over a printed local time", ld("2026-03-12T07:30:00Z"),
			h1 + `<p class="date">12 March 2026 09:30</p>` + ferryProse,
			"2026-03-12T07:30:00Z", "", "2026-03-12"},
		{"offset in meta wins over JSON-LD without", ld("2026-03-12T09:30:00") + `<meta property="article:published_time" content="2026-03-12T09:30:00+02:00">`,
			h1 + ferryProse,
			"2026-03-12T09:30:00+02:00", "", "2026-03-12"},
		{"offset in a time element wins over JSON-LD without", ld("2026-03-12T09:30:00"),
			h1 + `<p class="date"><time datetime="2026-03-12T09:30:00+02:00">12 March 2026</time></p>` + ferryProse,
			"2026-03-12T09:30:00+02:00", "", "2026-03-12"},
		{"printed offset wins over a local one", "",
			h1 + `<p class="date">12 March 2026 09:30</p><p class="published">12 March 2026 09:30 SAST</p>` + ferryProse,
			"2026-03-12T09:30:00+02:00", "Africa/Johannesburg", "2026-03-12"},
		{"published, not the update before it", "",
			h1 + `<p class="updated">Updated 14 March 2026 11:00</p><p class="published">Published 12 March 2026 09:30</p>` + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"published, not the update after it", "",
			h1 + `<div class="byline"><time>Published: 12 March 2026 at 09:30</time> <time>Updated: 14 March 2026 at 11:00</time></div>` + ferryProse,
			"local 2026-03-12T09:30:00", "", "2026-03-12"},
		{"not a date in the running text", "",
			h1 + `<p>The vote on <time>12 March 2026 at 09:30</time> ended a year in which the harbour board argued over fuel costs, repairs and the timetable.</p>` + ferryProse,
			"", "", ""},
		{"not a time element with datetime in the running text", "",
			h1 + `<p>The vote on <time datetime="2026-03-12T09:30">12 March</time> ended a year in which the harbour board argued over fuel costs, repairs and the timetable.</p>` + ferryProse,
			"", "", "2026-03-12"},
		{"not a time element in an aside", "",
			`<article>` + h1 + ferryProse + ferryProse2 + `</article><aside><a href="/b">Bus lanes</a> <time datetime="2026-03-10T08:00">10 March</time></aside>`,
			"", "", "2026-03-10"},
		{"not after the running text has begun", "",
			h1 + ferryProse + ferryProse2 + `<p class="date">12 March 2026 09:30</p>`,
			"", "", ""},
		{"not an event's date", "",
			h1 + `<p class="event-date">12 March 2026, 19:30</p>` + ferryProse,
			"", "", "2026-03-12"},
		{"not an unmarked line", "",
			`<div class="story">` + h1 + `<div>March 3, 2026 at 4:05 p.m.</div>` + ferryProse + `</div>`,
			"", "", "2026-03-03"},
		{"not the masthead's date", "",
			`<header><span class="date">Tuesday 17 March 2026 09:00</span></header><main><article>` + h1 + ferryProse + `</article></main>`,
			"", "", ""},
		{"the page's zone makes a local time an instant", ld("2026-03-12T09:30:00") + `<meta name="timezone" content="Africa/Johannesburg">`,
			h1 + ferryProse,
			"2026-03-12T09:30:00+02:00", "Africa/Johannesburg", "2026-03-12"},
	}
	checkPublished(t, tests)
}

// TestPublishedHTMLDateNotLocal: a day only go-htmldate found (here in the address)
// may be any date of the page, so it gives the day but no local date.
func TestPublishedHTMLDateNotLocal(t *testing.T) {
	doc := parseFragment(t, "<html><head></head><body><h1>Ferry fares rise by ten pence</h1>"+ferryProse+"</body></html>")
	p := published(doc, readMeta(doc), "https://news.example/2026/03/12/ferry-fares", "", true)
	if !p.t.IsZero() || p.local {
		t.Errorf("got %q, want no time", formatPub(p))
	}
}

// TestExtractLocal: whole pages whose only date has no zone give a local draft.
func TestExtractLocal(t *testing.T) {
	page := func(head, date string) string {
		return `<!DOCTYPE html><html><head><title>Ferry fares rise | Harbour Post</title>` + head + `</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>
<h1>Ferry fares rise by ten pence</h1>` + date + ferryProse + ferryProse2 + `
<p>The board will meet again in the spring to decide whether the evening crossings stay on the timetable next year.</p>
</article></main><footer>Harbour Post</footer></body></html>`
	}
	tests := []struct {
		name, page      string
		want            string // wall clock, "2006-01-02T15:04:05", or a day
		local, dateOnly bool
	}{
		{"byline time without datetime", page("", `<div class="byline">By Staff Reporter &middot; <time>Published: 12 March 2026 at 09:30</time></div>`),
			"2026-03-12T09:30:00", true, false},
		{"date-classed paragraph", page("", `<p class="date">25/03/2026 09:30</p>`), "2026-03-25T09:30:00", true, false},
		{"day only", page("", `<div class="byline"><time>March 12, 2026</time></div>`), "2026-03-12", true, true},
		{"zone printed", page("", `<div class="byline"><time>Published: 12 March 2026 at 09:30 SAST</time></div>`),
			"2026-03-12T09:30:00", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Extract([]byte(tt.page), "")
			if err != nil {
				t.Fatal(err)
			}
			layout := "2006-01-02T15:04:05"
			if tt.dateOnly {
				layout = time.DateOnly
			}
			if got := d.Published.Format(layout); got != tt.want || d.Local != tt.local || d.DateOnly != tt.dateOnly {
				t.Errorf("got %s local %v date only %v, want %s %v %v", got, d.Local, d.DateOnly, tt.want, tt.local, tt.dateOnly)
			}
		})
	}
}

func TestChooseTitle(t *testing.T) {
	tests := []struct {
		name string
		m    pageMeta
		h1   string
		site string
		want string
	}{
		{"og agrees with h1", pageMeta{meta: map[string]string{"og:title": "Rain at last"}, title: "Rain at last | Daily"}, "Rain at last", "", "Rain at last"},
		{"h1 is the logo", pageMeta{meta: map[string]string{"og:title": "Rain at last"}, title: "Rain at last | Daily"}, "The Daily Planet", "", "Rain at last"},
		{"title suffix stripped", pageMeta{meta: map[string]string{}, title: "Rain at last - The Daily Planet"}, "", "", "Rain at last"},
		{"site name known", pageMeta{meta: map[string]string{}, title: "Rain at last: what it means | Daily Planet News Service"}, "", "Daily Planet News Service", "Rain at last: what it means"},
		{"site name first", pageMeta{meta: map[string]string{}, title: "Daily Planet | Rain at last, and more to come"}, "", "Daily Planet", "Rain at last, and more to come"},
		{"h1 begins title", pageMeta{meta: map[string]string{}, title: "Rain at last after a dry summer ~ Daily"}, "Rain at last after a dry summer", "", "Rain at last after a dry summer"},
		{"twitter agrees, og does not", pageMeta{meta: map[string]string{"og:title": "Share this!", "twitter:title": "Rain at last"}}, "Rain at last", "", "Rain at last"},
		{"h1 only", pageMeta{meta: map[string]string{}}, "Rain at last", "", "Rain at last"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chooseTitle(tt.m, tt.h1, tt.site); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAgree(t *testing.T) {
	p := func(s string) article.DraftBlock { return article.DraftBlock{Kind: article.Paragraph, Text: s} }
	own := []article.DraftBlock{
		p("The council met on Monday to discuss the new budget for the harbour."),
		p("Sign up for our newsletter and get the news every morning in your inbox."),
		p("Members voted nine to four in favour of the plan after a long debate."),
		p("Short line"),
	}
	other := []article.DraftBlock{
		p("The council met on Monday to discuss the new budget for the harbour."),
		p("Members voted nine to four in favour of the plan after a long debate. Short line"),
	}
	got := agree(own, other)
	if len(got) != 3 || got[1].Text != own[2].Text || got[2].Text != "Short line" {
		t.Errorf("agree = %q", got)
	}
	// When the other extractor found little of ours, ours stands.
	if got := agree(own, other[:0:0]); len(got) != len(own) {
		t.Errorf("no other: %q", got)
	}
	if got := agree(own, []article.DraftBlock{p("Something else entirely, about another matter.")}); len(got) != len(own) {
		t.Errorf("disagreement: %q", got)
	}
}

// TestShortPageOnce: a short page's paragraphs come once, without the page's
// whole text run together after them (go-trafilatura's last resort).
func TestShortPageOnce(t *testing.T) {
	page := `<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>` +
		`<p>Mayor Lena Ortiz spoke on Monday.</p><p>The council meets again on Monday in the town hall.</p></article></body></html>`
	d, err := Extract([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Text)
	}
	want := []string{"Mayor Lena Ortiz spoke on Monday.", "The council meets again on Monday in the town hall."}
	if !slices.Equal(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}

// TestShortPageBlocks: on a page too short for go-trafilatura's main extraction,
// its baseline returns the <article> (or <body>) text as one paragraph with the
// text nodes run together ("Ferry timetable cutTransport officer …"). Each
// element must be its own block again, the headline out of the body, and no two
// words glued.
func TestShortPageBlocks(t *testing.T) {
	tests := []struct {
		name, title string
		want        []string
	}{
		{"short-article", "Ferry timetable cut", []string{
			"Transport officer Ilse Marquardt said two crossings would go in March.",
			`"Fewer people travel at night," Marquardt said.`,
			"She added that fares would stay the same.",
		}},
		{"short-divs", "Orchard fair returns", []string{
			"Organiser Tomas Varga said the fair would open on Saturday.",
			`"We expect more stalls than ever," Varga said.`,
			"Entry remains free for children.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", tt.name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			d, err := Extract(page, "")
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title {
				t.Errorf("title %q, want %q", d.Title, tt.title)
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

func TestSplitRuns(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><body><article><h1>Head</h1><p>One.</p><p>Two.</p></article><footer>Foot</footer></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	para := func(s string) article.DraftBlock { return article.DraftBlock{Kind: article.Paragraph, Text: s} }
	head := article.DraftBlock{Kind: article.Heading, Text: "Head"}
	tests := []struct {
		name     string
		in, want []article.DraftBlock
	}{
		{"run", []article.DraftBlock{para("HeadOne.Two.")}, []article.DraftBlock{head, para("One."), para("Two.")}},
		{"heading before run", []article.DraftBlock{head, para("Head One. Two.")}, []article.DraftBlock{head, para("One."), para("Two.")}},
		{"spaced run", []article.DraftBlock{para("Head\nOne.\nTwo.")}, []article.DraftBlock{head, para("One."), para("Two.")}},
		{"not a run", []article.DraftBlock{para("One.Two.")}, []article.DraftBlock{para("One.Two.")}},
		{"separate", []article.DraftBlock{head, para("One."), para("Two.")}, []article.DraftBlock{head, para("One."), para("Two.")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitRuns(tt.in, doc); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropByline: the author's line at the top of the body goes; the byline
// keeps it; a paragraph that only starts with the name stays.
func TestDropByline(t *testing.T) {
	p := func(s string) article.DraftBlock { return article.DraftBlock{Kind: article.Paragraph, Text: s} }
	body := p("A water company has been fined after sewage was pumped into the river for years.")
	for _, tc := range []struct {
		in   []article.DraftBlock
		want int
	}{
		{[]article.DraftBlock{p("Tom Carver, Harbour News, Devon"), body}, 1},
		{[]article.DraftBlock{p("By Tom Carver"), body}, 1},
		{[]article.DraftBlock{p("Tom Carver said the fine was too small for a company of its size and history."), body}, 2},
		{[]article.DraftBlock{p("Tom Carvery opens"), body}, 2},
	} {
		if got := dropByline(tc.in, "Tom Carver"); len(got) != tc.want {
			t.Errorf("%q: %d blocks, want %d", tc.in[0].Text, len(got), tc.want)
		}
	}
	if got := dropByline([]article.DraftBlock{p("Tom Carver, Harbour News"), body}, ""); len(got) != 2 {
		t.Error("no author, yet a block went")
	}
}

// A page of one paragraph says it once: go-trafilatura's last resort adds the
// page's whole text (its title run into the paragraph) after the paragraph it
// found. A heading and the paragraph repeating its words both stay.
func TestOneParagraphOnce(t *testing.T) {
	p, err := ExtractPage([]byte(`<html><head><title>Trunc</title></head><body><p>The mayor said "we will go on," adding that the budget for the new year was tight.</p></body></html>`), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Draft.Blocks) != 1 {
		t.Errorf("%d blocks, want 1: %q", len(p.Draft.Blocks), p.Draft.Blocks)
	}
	kept := dropAggregate([]article.DraftBlock{{Kind: article.Heading, Text: "Budget cuts"}, {Kind: article.Paragraph, Text: "Budget cuts will hit every school in the county next year."}})
	if len(kept) != 2 {
		t.Errorf("heading and paragraph: %q", kept)
	}
}
