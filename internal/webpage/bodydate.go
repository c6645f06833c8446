package webpage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/whosaid/whosaid/internal/dates"
)

// A page whose metadata gives no publication time often prints one at the top of
// the article: "Published: 16:20 Tuesday 17 March 2026" under the headline, "Updated
// 9 May 2025, 08:15 BST" in the byline. bodyStamps reads those, and only those: the
// running text is full of dates that are not the article's, and so are a site's
// masthead (today's date) and its lists of other stories.

// maxDateText is the longest element text read as a printed date: a date line or a
// byline, not a paragraph.
const maxDateText = 160

// proseWords is how many words make a paragraph of running text.
const proseWords = 20

// proseBefore is the paragraph of running text before which the top of the article
// ends: a date may follow the standfirst, not the story.
const proseBefore = 2

// maxOtherWords is how many words besides a date an element not marked as a date
// may hold ("By Ada Quill | March 5, 2025, 10:15 AM EST | 4 min read").
const maxOtherWords = 6

// dateSkipTags hold no date of the article: menus, asides, footers, forms, figures.
var dateSkipTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Figure: true,
	atom.Menu: true, atom.H1: true,
}

// bodyStamps returns the dates printed in short elements at the top of the article,
// in document order: those said to be the publication (or not said to be anything)
// in pub, those said to be an update in upd. The top of the article is, before the
// headline, what precedes it in its <article> (or in its parent element, unless
// that is the page's body); after the headline, every element up to the second
// paragraph of running text. A page without headline is read from the start of its
// first <article>; a page without either is not read. Elements inside running text,
// menus, asides, footers and figures are not read.
func bodyStamps(doc *html.Node, title string) (pub, upd []stamp) {
	head := headline(doc, title)
	var root *html.Node // before the headline, only this counts
	after := false      // past the headline
	if head != nil {
		root = head.Parent
		if a := ancestor(head, atom.Article); a != nil {
			root = a
		} else if root != nil && (root.DataAtom == atom.Body || root.DataAtom == atom.Html) {
			root = nil
		}
	} else if root = findElement(doc, atom.Article); root == nil {
		return nil, nil
	}
	prose := 0
	day := ""                                      // the text of the last date printed without a time of day
	var visit func(n *html.Node, inRoot bool) bool // false: the top of the article has ended
	visit = func(n *html.Node, inRoot bool) bool {
		if n.Type == html.ElementNode {
			a := tagAtom(n)
			switch {
			case n == head:
				after = true
				return true
			case n == root:
				inRoot = true
				after = after || head == nil
			case skipTags[a] || dateSkipTags[a] || a == atom.Head:
				return true
			}
			if !after && !inRoot {
				// Outside the article before its headline: look no closer.
			} else if isBlock(n) && !hasBlockChild(n) && isProse(n) {
				if after {
					prose++
				}
				return prose < proseBefore
			} else if st, ok := printedDate(n, day); ok {
				if st.updated {
					upd = append(upd, st.stamp)
				} else {
					pub = append(pub, st.stamp)
				}
				if !st.hasTime {
					day = st.text
				}
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !visit(c, inRoot) {
				return false
			}
		}
		return true
	}
	visit(doc, false)
	return pub, upd
}

// headline is the article's <h1>: the one that says the title, else the first in an
// <article>, else the first of the page; nil when there is none.
func headline(doc *html.Node, title string) *html.Node {
	t := fold(title)
	var first, inArticle *html.Node
	var visit func(n *html.Node) *html.Node
	visit = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode {
			a := tagAtom(n)
			if skipTags[a] || a != atom.H1 && dateSkipTags[a] {
				return nil
			}
			if a == atom.H1 {
				text := fold(textOf(n))
				if text == "" {
					return nil
				}
				if t != "" && text == t {
					return n
				}
				if first == nil {
					first = n
				}
				if inArticle == nil && ancestor(n, atom.Article) != nil {
					inArticle = n
				}
				return nil
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if h := visit(c); h != nil {
				return h
			}
		}
		return nil
	}
	if h := visit(doc); h != nil {
		return h
	}
	if inArticle != nil {
		return inArticle
	}
	return first
}

// ancestor returns the nearest element above n of type a, or nil.
func ancestor(n *html.Node, a atom.Atom) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return p
		}
	}
	return nil
}

// isProse reports whether a leaf block is running text: many words, or more text
// than a date line holds.
func isProse(n *html.Node) bool {
	text, short := boundedText(n, maxDateText)
	return !short || len(strings.Fields(text)) >= proseWords
}

// printed is a date read in an element.
type printed struct {
	stamp
	updated bool
	text    string // the element's text, spaces folded
}

// printedDate reads the element's text as a date line ("Published: 16:20 Tuesday 17
// March 2026"), or finds a date among a few other words ("By Ada Quill | March 5,
// 2025, 10:15 AM EST") when the element is marked as a date or holds no sentence.
// A time of day alone ("Updated 10:32 BST") is read on day, the text of the date
// printed just before it without a time ("Thursday 14 May 2026"), if any.
func printedDate(n *html.Node, day string) (printed, bool) {
	text, short := boundedText(n, maxDateText)
	if !short || !strings.ContainsFunc(text, unicode.IsDigit) {
		return printed{}, false
	}
	text = strings.Join(strings.Fields(text), " ")
	marked, markedUpdate := dateMarks(n)
	st, ok := dates.Parse(text)
	if !ok && day != "" && len(strings.Fields(text)) <= 4 {
		// The label first, then the day, then the time: "Updated Thursday 14
		// May 2026 10:32 BST".
		label, rest, _ := strings.Cut(text, " ")
		on := day + " " + text
		if labelled(label) {
			on = label + " " + day + " " + rest
		}
		if st, ok = dates.Parse(on); ok && !st.HasTime {
			ok = false
		}
	}
	if !ok {
		var a, b int
		st, a, b, ok = dates.Find(text)
		if !ok {
			return printed{}, false
		}
		others := wordsIn(text[:a]) + wordsIn(text[b:])
		last, _ := utf8.DecodeLastRuneInString(text)
		if !marked && (others > maxOtherWords || strings.ContainsRune(".!?\"”", last)) {
			return printed{}, false
		}
	}
	s, ok := validStamp(stamp{t: st.Time, hasTime: st.HasTime, hasOffset: st.HasOffset, zone: st.Zone})
	s.weak = !st.Updated && !labelled(text) && !dateLine(n)
	return printed{stamp: s, updated: st.Updated || markedUpdate, text: text}, ok
}

// dateLine reports whether n is an element a page prints its own date in: a
// <time>, one holding a <time>, or one whose class or id (or its parent's or
// grandparent's) names a date or a byline, and none of them an event. A date
// there may stand without a zone as the article's local time; a date in another
// short element at the top of the article (a kicker, a caption line) may be any
// date and gives only its day unless it states its offset.
func dateLine(n *html.Node) bool {
	marked := n.DataAtom == atom.Time || findElement(n, atom.Time) != nil
	for i, e := 0, n; i < 3 && e != nil && e.Type == html.ElementNode; i, e = i+1, e.Parent {
		for _, k := range []string{"class", "id", "itemprop"} {
			v, _ := attr(e, k)
			v = strings.ToLower(v)
			if strings.Contains(v, "event") {
				return false
			}
			marked = marked || strings.Contains(v, "byline")
		}
		if d, _ := dateMarks(e); d {
			marked = true
		}
	}
	return marked
}

// labelled reports whether a date line says what its date is ("Published: …",
// "Posted on …", "Updated …").
func labelled(text string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "published", "posted", "updated", "modified", "created":
			return true
		}
	}
	return false
}

// dateMarks reports whether the element's class or id names a date ("date",
// "time", "published", "dateline"), and whether it names an update ("updated",
// "modified") rather than the publication.
func dateMarks(n *html.Node) (date, update bool) {
	for _, k := range []string{"class", "id", "itemprop"} {
		v, _ := attr(n, k)
		v = strings.ToLower(v)
		switch {
		case strings.Contains(v, "publish"), strings.Contains(v, "posted"), strings.Contains(v, "created"):
			return true, false
		case strings.Contains(v, "update"), strings.Contains(v, "modified"):
			date, update = true, true
		case strings.Contains(v, "date"), strings.Contains(v, "time"):
			date = true
		}
	}
	return date, update
}

// boundedText is n's text as textOf gives it, unless it is longer than limit bytes:
// then short is false and the text is cut (the walk stops there).
func boundedText(n *html.Node, limit int) (text string, short bool) {
	var sb strings.Builder
	var visit func(*html.Node) bool
	visit = func(c *html.Node) bool {
		if c.Type == html.TextNode {
			writeText(&sb, c.Data, false)
			return sb.Len() <= limit
		}
		if c != n && c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
			return true
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if !visit(k) {
				return false
			}
		}
		return true
	}
	short = visit(n)
	return sb.String(), short
}

// wordsIn counts the words of s that hold a letter or a digit ("|" is none).
func wordsIn(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.ContainsFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			n++
		}
	}
	return n
}
