package webpage

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the page says of itself outside its body text: <meta> tags
// (and microdata dates, see itemDate), JSON-LD objects, <title>, <time> elements
// and the first <h1>.
type pageMeta struct {
	meta   map[string]string // lower-cased name/property/itemprop → first content
	title  string            // <title>
	h1     string            // first <h1> of the page
	times  []timeTag         // <time datetime> elements in document order
	ldObjs []map[string]any  // JSON-LD objects, @graph flattened
}

// timeTag is one <time> element.
type timeTag struct {
	datetime  string
	published bool // marked as the publication time (pubdate, itemprop, class)
	// aside is true for an element in running text, a menu, an aside, a footer or
	// a figure: a date of something else, most likely.
	aside bool
}

// maxTimeTags bounds the <time> elements kept: the publication time comes near the
// top of an article, and comment threads can hold thousands.
const maxTimeTags = 20

func readMeta(doc *html.Node) pageMeta {
	m := pageMeta{meta: map[string]string{}}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom != atom.Meta {
				m.itemDate(n)
			}
			switch n.DataAtom {
			case atom.Meta:
				content, ok := attr(n, "content")
				if !ok {
					break
				}
				content = strings.TrimSpace(content)
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key, ok := attr(n, k); ok && content != "" {
						key = strings.ToLower(strings.TrimSpace(key))
						if _, seen := m.meta[key]; !seen {
							m.meta[key] = content
						}
					}
				}
			case atom.Title:
				if m.title == "" && !inSVG(n) {
					m.title = normalizeSpace(textOf(n))
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = strings.ReplaceAll(normalizeSpace(textOf(n)), "\n", " ")
				}
			case atom.Time:
				if dt, ok := attr(n, "datetime"); ok && len(m.times) < maxTimeTags {
					m.times = append(m.times, timeTag{datetime: strings.TrimSpace(dt), published: markedPublished(n), aside: aside(n)})
				}
			case atom.Script:
				if t, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(t), "application/ld+json") {
					m.ldObjs = appendLD(m.ldObjs, textOf(n))
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return m
}

// itemDate records the date a microdata element gives ("<div
// itemprop="datePublished">2019-11-13T23:06:00+01:00</div>", "<span
// itemprop="dateCreated" content="…">") under its itemprop, as a <meta> would.
func (m pageMeta) itemDate(n *html.Node) {
	key, ok := attr(n, "itemprop")
	key = strings.ToLower(strings.TrimSpace(key))
	if !ok || !strings.HasPrefix(key, "date") {
		return
	}
	if _, seen := m.meta[key]; seen {
		return
	}
	v, ok := attr(n, "content")
	if !ok {
		v, ok = attr(n, "datetime")
	}
	if !ok {
		var short bool
		if v, short = boundedText(n, 64); !short {
			return
		}
	}
	if v = strings.TrimSpace(v); v != "" {
		m.meta[key] = v
	}
}

// aside reports whether n stands in running text (its nearest block is a leaf
// holding prose) or in a menu, aside, footer, form or figure.
func aside(n *html.Node) bool {
	block := true
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if dateSkipTags[tagAtom(p)] && p.DataAtom != atom.H1 {
			return true
		}
		if block && isBlock(p) {
			if !hasBlockChild(p) && isProse(p) {
				return true
			}
			block = false
		}
	}
	return false
}

func inSVG(n *html.Node) bool { return ancestor(n, atom.Svg) != nil }

func markedPublished(n *html.Node) bool {
	if _, ok := attr(n, "pubdate"); ok {
		return true
	}
	for _, k := range []string{"itemprop", "class", "id"} {
		v, _ := attr(n, k)
		v = strings.ToLower(v)
		if strings.Contains(v, "datepublished") || strings.Contains(v, "publish") || strings.Contains(v, "posted") {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf returns the text below n; scripts and styles below it are skipped (n
// itself may be a script).
func textOf(root *html.Node) string {
	var sb strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			writeText(&sb, n.Data, false)
			return
		}
		if n != root && n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	return sb.String()
}

// appendLD decodes one JSON-LD script and appends its objects, those of a
// top-level array and of "@graph" included. Broken JSON is skipped: pages often
// carry it, and the other sources of metadata remain.
func appendLD(objs []map[string]any, src string) []map[string]any {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<!--")
	src = strings.TrimSuffix(src, "-->")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return objs
	}
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				add(e, depth+1)
			}
		case map[string]any:
			objs = append(objs, x)
			if g, ok := x["@graph"]; ok {
				add(g, depth+1)
			}
			if me, ok := x["mainEntity"]; ok {
				add(me, depth+1)
			}
		}
	}
	add(v, 0)
	return objs
}

// ldTypes returns the lower-cased @type names of a JSON-LD object.
func ldTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{strings.ToLower(t)}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
		return out
	}
	return nil
}

// isArticleType reports whether a JSON-LD object describes an article or post
// (NewsArticle, BlogPosting, ReportageNewsArticle, LiveBlogPosting …).
func isArticleType(o map[string]any) bool {
	for _, t := range ldTypes(o) {
		if strings.HasSuffix(t, "article") || strings.HasSuffix(t, "posting") || t == "report" {
			return true
		}
	}
	return false
}

// ldString returns o[key] as a string, taking the first of an array.
func ldString(o map[string]any, key string) string {
	switch v := o[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// ldArticleValues returns the values of key in article objects first, then in
// the others.
func (m pageMeta) ldValues(key string) []string {
	var art, other []string
	for _, o := range m.ldObjs {
		if s := ldString(o, key); s != "" {
			if isArticleType(o) {
				art = append(art, s)
			} else {
				other = append(other, s)
			}
		}
	}
	return append(art, other...)
}
