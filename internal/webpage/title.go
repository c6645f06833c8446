package webpage

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// titleSeparators part a <title> into the headline and the site's name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ", ": "}

// chooseTitle picks the headline among what the page offers. The first <h1> of the
// content (or of the page) is the headline as printed, but on many sites it is the
// site's logo; a metadata title that agrees with it confirms it. Without agreement,
// the metadata wins (og:title, JSON-LD headline, twitter:title, <title> stripped of
// its site name), and the <h1> is the last resort.
func chooseTitle(m pageMeta, contentH1, siteName string) string {
	stripped := stripSiteName(m.title, siteName)
	cands := []string{
		m.meta["og:title"],
		first(m.ldValues("headline")),
		m.meta["twitter:title"],
		stripped,
	}
	for i, c := range cands {
		cands[i] = cleanTitle(c)
	}
	for _, h1 := range []string{contentH1, m.h1} {
		h := fold(h1)
		if h == "" {
			continue
		}
		for _, c := range cands {
			if c != "" && fold(c) == h {
				return c
			}
		}
		// The <title> is often the headline plus a site name that the separators
		// above do not catch; an <h1> that begins it is the headline.
		if t := fold(m.title); len(h) >= 12 && strings.HasPrefix(t, h) {
			return cleanTitle(h1)
		}
	}
	for _, c := range cands {
		if c != "" {
			return c
		}
	}
	if contentH1 != "" {
		return cleanTitle(contentH1)
	}
	return cleanTitle(m.h1)
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func cleanTitle(s string) string {
	s = html.UnescapeString(s)
	return strings.Join(strings.Fields(s), " ")
}

// stripSiteName removes the site's name from a <title>: the part equal to the
// known site name when there is one, else a short last (or first) part.
func stripSiteName(title, siteName string) string {
	title = cleanTitle(title)
	if title == "" {
		return ""
	}
	site := fold(siteName)
	for _, sep := range titleSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		last, head := parts[len(parts)-1], parts[0]
		if site != "" {
			if f := fold(last); f == site || (len(f) > 3 && strings.Contains(site, f)) || strings.Contains(f, site) {
				return strings.Join(parts[:len(parts)-1], sep)
			}
			if f := fold(head); f == site || strings.Contains(f, site) {
				return strings.Join(parts[1:], sep)
			}
		}
		if sep == ": " {
			continue // a colon belongs to headlines more often than to site names
		}
		rest := strings.Join(parts[:len(parts)-1], sep)
		if words(last) <= 4 && words(rest) >= words(last) {
			return rest
		}
	}
	return title
}

func words(s string) int { return len(strings.Fields(s)) }

// fold reduces a title to lower-case letters and digits separated by single
// spaces, so that quotes, dashes and case do not hide agreement.
func fold(s string) string {
	s = html.UnescapeString(s)
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
		} else if r != '\'' && r != '’' {
			space = true
		}
	}
	return sb.String()
}
