package webpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/whosaid/whosaid/internal/article"
)

// blockTags are the elements that start a block of their own. A leaf among them
// (one with no block below it) becomes one DraftBlock; one with blocks below it is
// walked into, and its loose text becomes blocks of its own.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Body: true, atom.Html: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Li: true, atom.Dd: true, atom.Dt: true,
	atom.Blockquote: true, atom.Pre: true, atom.Code: true, atom.Figure: true, atom.Figcaption: true,
	atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Caption: true, atom.Summary: true, atom.Details: true,
	atom.Hr: true, atom.Address: true, atom.Center: true, atom.Form: true, atom.Fieldset: true,
	atom.Nav: true, atom.Menu: true,
}

// skipTags hold no readable text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Img: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
}

// go-trafilatura renames some elements (code blocks become "code", which has an
// atom) but may also leave non-HTML names such as "head" or "lb"; tagAtom maps
// those to what they stand for.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	a := atom.Lookup([]byte(n.Data))
	switch {
	case a != 0:
		return a
	case n.Data == "lb":
		return atom.Br
	case n.Data == "head":
		return atom.H2
	}
	return 0
}

func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && blockTags[tagAtom(n)]
}

// hasBlockChild reports whether any element below n starts a block.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipTags[tagAtom(c)] {
			continue
		}
		if isBlock(c) || hasBlockChild(c) {
			return true
		}
	}
	return false
}

func kindOf(n *html.Node) string {
	switch tagAtom(n) {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return article.Heading
	case atom.Figcaption, atom.Caption:
		return article.Caption
	}
	return article.Paragraph
}

// blockBuilder turns a content tree into blocks: one per paragraph-level element,
// so that paragraphs whose tags touch ("</p><p>") never run together.
type blockBuilder struct {
	blocks []article.DraftBlock
	run    strings.Builder // loose inline text waiting for the next block boundary
	kind   string          // kind of the enclosing element of the run
	pre    int             // depth of <pre>: its line breaks are kept
}

func buildBlocks(root *html.Node) []article.DraftBlock {
	var b blockBuilder
	b.kind = article.Paragraph
	b.walk(root, article.Paragraph)
	b.flush()
	return b.blocks
}

func (b *blockBuilder) flush() {
	if t := normalizeSpace(b.run.String()); t != "" {
		b.blocks = append(b.blocks, article.DraftBlock{Kind: b.kind, Text: t})
	}
	b.run.Reset()
}

// walk visits the children of n, whose block kind is kind.
func (b *blockBuilder) walk(n *html.Node, kind string) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if b.run.Len() == 0 {
				b.kind = kind
			}
			writeText(&b.run, c.Data, b.pre > 0)
		case html.ElementNode:
			a := tagAtom(c)
			switch {
			case skipTags[a]:
			case a == atom.Br:
				b.run.WriteByte('\n')
			case isBlock(c):
				b.flush()
				k := kindOf(c)
				if k == article.Paragraph && kind == article.Caption {
					k = kind // a paragraph inside a caption is still a caption
				}
				switch a {
				case atom.Tr:
					b.row(c, k)
				case atom.Pre:
					b.pre++
					b.walk(c, k)
					b.pre--
				default:
					b.walk(c, k)
				}
				b.kind = k
				b.flush()
			default:
				if b.run.Len() == 0 {
					b.kind = kind
				}
				b.inline(c)
			}
		}
	}
}

// row makes one block of a table row whose cells hold only inline text, the
// cells separated by " | "; a row with blocks in its cells is walked into.
func (b *blockBuilder) row(tr *html.Node, kind string) {
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && hasBlockChild(c) {
			b.walk(tr, kind)
			return
		}
	}
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		var sb strings.Builder
		writeInline(&sb, c, false)
		if t := normalizeSpace(sb.String()); t != "" {
			cells = append(cells, strings.ReplaceAll(t, "\n", " "))
		}
	}
	if len(cells) > 0 {
		b.kind = kind
		b.run.WriteString(strings.Join(cells, " | "))
	}
}

// inline appends the text of an inline element. A block hidden below an inline
// element (a <p> inside a <span>, which browsers allow) still breaks the run.
func (b *blockBuilder) inline(n *html.Node) {
	if !hasBlockChild(n) {
		writeInline(&b.run, n, b.pre > 0)
		return
	}
	b.walk(n, b.kind)
}

func writeInline(sb *strings.Builder, n *html.Node, keepLines bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			writeText(sb, c.Data, keepLines)
		case html.ElementNode:
			a := tagAtom(c)
			switch {
			case skipTags[a]:
			case a == atom.Br:
				sb.WriteByte('\n')
			case isBlock(c):
				// Only cells of a row reach here; their inner blocks are lines.
				sb.WriteByte('\n')
				writeInline(sb, c, keepLines)
				sb.WriteByte('\n')
			default:
				writeInline(sb, c, keepLines)
			}
		}
	}
}

// writeText appends the text of a text node; its line breaks are source layout,
// not text, except inside <pre>.
func writeText(sb *strings.Builder, s string, keepLines bool) {
	if keepLines {
		sb.WriteString(s)
		return
	}
	for _, r := range s {
		if r == '\n' || r == '\r' {
			r = ' '
		}
		sb.WriteRune(r)
	}
}

// normalizeSpace collapses runs of white space to one space, keeps the line breaks
// that <br> made (one per line, trimmed), and drops empty lines.
func normalizeSpace(s string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
