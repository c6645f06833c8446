package webpage

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/whosaid/whosaid/internal/article"
)

// When go-trafilatura's main extraction yields less than its minimum size (250
// characters by default, so any short page), it falls back to its "baseline" on
// the raw tree. Baseline takes the text of the page's <article> element, or
// failing that of <body>, and puts it in one <p>: the article element's text nodes
// are joined with no separator at all (dom.TextContent), so "<h1>Title</h1><p>One.
// </p><p>Two.</p>" comes back as the single paragraph "TitleOne.Two.". That block
// is useless as it stands: the headline is folded into the body, the paragraphs
// are one, and words at the element boundaries are glued.
//
// splitRuns recognises such a block (its text, spaces aside, is exactly the text
// of the element baseline read) and rebuilds it from that element's own block
// structure, so each <h1>, <p>… is a block again.

// splitRuns replaces a block that is the run-together text of the page's
// <article> or <body> (after the cleaning go-trafilatura's baseline does) with
// the blocks of that element. Blocks whose text the run already holds (a
// heading found before it, a short JSON-LD body) are dropped with it, since the
// rebuilt blocks say them again.
func splitRuns(blocks []article.DraftBlock, doc *html.Node) []article.DraftBlock {
	// Baseline gives one block, with at most a heading or two found beside it:
	// a page of more blocks is left alone without looking at its tree.
	if len(blocks) == 0 || len(blocks) > 3 {
		return blocks
	}
	body := findElement(doc, atom.Body)
	if body == nil {
		return blocks
	}
	body = baselineClone(body)
	sources := []*html.Node{body}
	if a := findElement(body, atom.Article); a != nil {
		sources = []*html.Node{a, body} // baseline tries <article> first
	}
	texts := make([]string, len(sources))
	for k, src := range sources {
		texts[k] = squeeze(textContent(src))
	}
	for i, b := range blocks {
		run := squeeze(b.Text)
		if run == "" {
			continue
		}
		for k, src := range sources {
			if texts[k] != run {
				continue
			}
			rebuilt := buildBlocks(src)
			if len(rebuilt) < 2 {
				return blocks
			}
			out := make([]article.DraftBlock, 0, len(blocks)+len(rebuilt))
			for j, o := range blocks {
				switch {
				case j == i:
					out = append(out, rebuilt...)
				case strings.Contains(run, squeeze(o.Text)):
				default:
					out = append(out, o)
				}
			}
			return out
		}
	}
	return blocks
}

// baselineClone copies n without what go-trafilatura's baseline removes before
// reading the text: asides, footers (also divs named as footers), scripts and
// styles.
func baselineClone(n *html.Node) *html.Node {
	c := &html.Node{
		Type:      n.Type,
		DataAtom:  n.DataAtom,
		Data:      n.Data,
		Namespace: n.Namespace,
		Attr:      append([]html.Attribute(nil), n.Attr...),
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if baselineDrops(k) {
			continue
		}
		c.AppendChild(baselineClone(k))
	}
	return c
}

func baselineDrops(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Aside, atom.Footer, atom.Script, atom.Style:
		return true
	case atom.Div:
		for _, a := range n.Attr {
			if (a.Key == "id" || a.Key == "class") && strings.Contains(a.Val, "footer") {
				return true
			}
		}
	}
	return false
}

// findElement returns the first element of type a below n, in document order.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// textContent is the text of every text node below n, run together as
// go-trafilatura's baseline reads it.
func textContent(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				sb.WriteString(c.Data)
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return sb.String()
}

// squeeze removes all white space, so that texts compare whatever spacing the
// extractor put in or left out.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
