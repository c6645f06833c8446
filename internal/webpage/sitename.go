package webpage

import "github.com/whosaid/whosaid/internal/article"

// siteName is the outlet's name as the page states it: og:site_name, else the
// name of the publisher its JSON-LD gives (the article's first), else
// application-name; "" when it states none. Unlike the name the title is
// stripped of, no name is guessed (from the title or the address): this one
// names the outlet an article without a URL is filed under.
func siteName(m pageMeta) string {
	cands := []string{m.meta["og:site_name"]}
	cands = append(cands, m.ldPublishers()...)
	cands = append(cands, m.meta["application-name"])
	for _, s := range cands {
		if s = article.CleanSiteName(s); s != "" {
			return s
		}
	}
	return ""
}

// ldPublishers returns the names of the publishers the JSON-LD objects give,
// those of article objects first: a "publisher" that is a name, an
// organisation with a name, or a reference ({"@id": …}) to an organisation
// given elsewhere on the page. A person who publishes is no outlet's name.
func (m pageMeta) ldPublishers() []string {
	var art, other []string
	for _, o := range m.ldObjs {
		names := m.publisherNames(o["publisher"], 0)
		if isArticleType(o) {
			art = append(art, names...)
		} else {
			other = append(other, names...)
		}
	}
	return append(art, other...)
}

// publisherNames returns the names a JSON-LD "publisher" value gives.
func (m pageMeta) publisherNames(v any, depth int) []string {
	if depth > 2 {
		return nil
	}
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, m.publisherNames(e, depth+1)...)
		}
		return out
	case map[string]any:
		if isPerson(x) {
			return nil
		}
		if name := ldString(x, "name"); name != "" {
			return []string{name}
		}
		if id, _ := x["@id"].(string); id != "" {
			for _, o := range m.ldObjs {
				if oid, _ := o["@id"].(string); oid == id && !isPerson(o) {
					if name := ldString(o, "name"); name != "" {
						return []string{name}
					}
				}
			}
		}
	}
	return nil
}

// isPerson reports whether a JSON-LD object is a person.
func isPerson(o map[string]any) bool {
	for _, t := range ldTypes(o) {
		if t == "person" {
			return true
		}
	}
	return false
}
