package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// Block kinds.
const (
	Paragraph = "paragraph"
	Heading   = "heading"
	Caption   = "caption"
)

// Quote kinds.
const (
	Direct   = "direct"
	Indirect = "indirect"
	Mixed    = "mixed"
)

// Article is one clean news article with what was found in it. Its JSON form is the
// output contract of `whosaid extract`.
type Article struct {
	Source    string  `json:"source"`
	ID        string  `json:"id"`
	URL       *string `json:"url"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
	// PublishedLocal is the printed wall-clock time when the article states no
	// offset ("2025-03-04T10:00:00", or "2025-03-04" for a day alone).
	PublishedLocal *string  `json:"published_local,omitempty"`
	Timezone       *string  `json:"timezone"`
	Byline         string   `json:"byline,omitempty"`
	Text           string   `json:"text"`
	Blocks         []Block  `json:"blocks"`
	Entities       []Entity `json:"entities"`
	Quotes         []Quote  `json:"quotes"`
	Fetched        *string  `json:"fetched,omitempty"`
	Format         string   `json:"format,omitempty"`
	// SiteName is the outlet's name as the page or record states it
	// (og:site_name, a JSON Lines record's "source" name), "" when it states none.
	SiteName string `json:"site_name,omitempty"`
}

// Block is one paragraph, heading or caption of Text.
type Block struct {
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Span is a range of Text in code points, end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Mention is one place an entity is named or referred to.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is a person, organisation or place with its mentions in the article.
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Mentions []Mention `json:"mentions"`
	// Gender is a person's as the article tells it ("female", "male"): by a
	// title ("Ms.", "Mr."), a first name nearly everyone given it shares, or
	// the pronouns that stand for them. Empty when it does not tell.
	Gender string `json:"gender,omitempty"`
}

// Cue is the word or phrase that introduces a report ("said", "according to", ":").
type Cue struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Speaker is who a quote is attributed to. Name is nil when nobody can be named;
// Mention is nil when no words next to the cue stand for the speaker.
type Speaker struct {
	Name    *string `json:"name"`
	Entity  *string `json:"entity"`
	Mention *string `json:"mention"`
	Start   *int    `json:"start"`
	End     *int    `json:"end"`
}

// Quote is one direct, indirect or mixed quotation.
type Quote struct {
	ID         string  `json:"id"`
	Kind       string  `json:"kind"`
	Content    string  `json:"content"`
	Spans      []Span  `json:"spans"`
	Cue        *Cue    `json:"cue"`
	Speaker    Speaker `json:"speaker"`
	EmbeddedIn *string `json:"embedded_in"`
	// Where is "title" for a quote found in the headline (its offsets then index
	// Title, not Text, and Spans is empty); "" for the body.
	Where      string  `json:"where,omitempty"`
	Confidence float64 `json:"confidence"`
}

// Draft is an article as an extractor finds it, before its text is assembled:
// the blocks in reading order with their kinds, and what is known of its metadata.
type Draft struct {
	Title     string
	Byline    string
	URL       string
	Published time.Time // zero when unknown
	// Zone is the IANA name of the zone behind Published's offset, "" when unknown
	// or when only a fixed offset is known.
	Zone string
	// Local is true when the article printed a wall-clock time (or a day) but no
	// zone or offset: Published then holds that wall clock in UTC, and the article's
	// "published" is null (its offset is unknown) with the wall clock in
	// "published_local".
	Local bool
	// DateOnly is true when only the day is known.
	DateOnly bool
	Blocks   []DraftBlock
}

// DraftBlock is one block of a Draft.
type DraftBlock struct {
	Kind string
	Text string
}

// Assemble turns a draft into an Article: blocks joined by a blank line, their
// offsets in code points, and the id (the first 16 hex digits of the SHA-256 of Text).
func Assemble(source string, d Draft) *Article {
	a := &Article{Source: source, Title: d.Title, Byline: d.Byline, Blocks: []Block{}, Entities: []Entity{}, Quotes: []Quote{}}
	var b strings.Builder
	pos := 0
	for _, blk := range d.Blocks {
		t := strings.TrimSpace(blk.Text)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
			pos += 2
		}
		n := utf8.RuneCountInString(t)
		a.Blocks = append(a.Blocks, Block{Kind: blk.Kind, Start: pos, End: pos + n})
		b.WriteString(t)
		pos += n
	}
	a.Text = b.String()
	sum := sha256.Sum256([]byte(a.Text))
	a.ID = hex.EncodeToString(sum[:])[:16]
	if d.URL != "" {
		u := d.URL
		a.URL = &u
	}
	if !d.Published.IsZero() && d.Local {
		layout := "2006-01-02T15:04:05"
		if d.DateOnly {
			layout = "2006-01-02"
		}
		p := d.Published.Format(layout)
		a.PublishedLocal = &p
	} else if !d.Published.IsZero() {
		p := d.Published.Format(time.RFC3339)
		a.Published = &p
		if d.Zone != "" {
			z := d.Zone
			a.Timezone = &z
		}
	}
	return a
}

// MaxSiteName is the longest site name taken, in runes: a longer value is a
// slogan or a description, not the name of an outlet.
const MaxSiteName = 100

// CleanSiteName is s, a site name a page or a record states, with its spaces
// squeezed, or "" when it is no name: empty, longer than MaxSiteName runes, or
// an address ("https://a.example/", "//a.example", "www.a.example",
// "a.example/news"). A bare domain ("a.example") is a name: sites call
// themselves so.
func CleanSiteName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || utf8.RuneCountInString(s) > MaxSiteName {
		return ""
	}
	l := strings.ToLower(s)
	if strings.Contains(l, "://") || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "www.") ||
		!strings.Contains(s, " ") && strings.Contains(s, "/") && strings.Contains(s, ".") {
		return ""
	}
	return s
}
