package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
)

// CitronDocument is one document in the JSON annotation format of BBC R&D's
// citron (docs/data_format.md of github.com/bbc/citron): the text, its quotes
// as cue, source and content spans, and coreference groups. Offsets count
// characters (code points), end exclusive, as ours do.
//
// The fields after CorefGroups are ours: citron ignores keys it does not know,
// and they let a document exported by whosaid come back with its metadata.
type CitronDocument struct {
	Text        string         `json:"text"`
	Quotes      []CitronQuote  `json:"quotes"`
	CorefGroups [][]CitronSpan `json:"coreference_groups,omitempty"`

	ID        string  `json:"id,omitempty"`
	Source    string  `json:"source,omitempty"`
	URL       *string `json:"url,omitempty"`
	Title     string  `json:"title,omitempty"`
	Published *string `json:"published,omitempty"`
	Timezone  *string `json:"timezone,omitempty"`

	// Whosaid is CitronVersion in a document ToCitron wrote: the extension
	// fields then carry all that citron's own fields cannot, and FromCitron
	// takes the article from them as it was instead of guessing (a quote
	// without "speaker" then has no speaker, entities keep their names and
	// types). Citron's own fields stay complete for citron's readers.
	Whosaid        int     `json:"whosaid,omitempty"`
	PublishedLocal *string `json:"published_local,omitempty"`
	Byline         string  `json:"byline,omitempty"`
	Fetched        *string `json:"fetched,omitempty"`
	Format         string  `json:"format,omitempty"`
	// Blocks keep their kinds (citron has paragraphs only, if anything).
	Blocks []article.Block `json:"blocks,omitempty"`
	// Entities are the article's entities as they were: the coreference
	// groups hold their mentions plus the speakers' sources, and no name or type.
	Entities []article.Entity `json:"entities,omitempty"`
	// TitleQuotes are the quotes found in the headline: their offsets index
	// Title, which citron's spans cannot, so they stay out of Quotes.
	TitleQuotes []CitronTitleQuote `json:"title_quotes,omitempty"`
}

// CitronVersion is the version of the extension fields ToCitron writes.
const CitronVersion = 1

// CitronTitleQuote is a headline quote as our contract has it, with its place
// (At) among the article's quotes.
type CitronTitleQuote struct {
	At int `json:"at"`
	article.Quote
}

// CitronQuote is one quote: the cue, the source spans (the words that stand for
// the speaker next to the cue), the content spans and, when a source is a
// pronoun or a description, the spans naming who it refers to (coreferences).
// Kind, Content and Speaker are our extensions.
type CitronQuote struct {
	Cue          CitronSpan    `json:"cue"`
	Sources      []CitronSpan  `json:"sources"`
	Contents     []CitronSpan  `json:"contents"`
	Coreferences []CitronSpan  `json:"coreferences,omitempty"`
	Confidence   *CitronNumber `json:"confidence,omitempty"`
	ID           string        `json:"id,omitempty"`

	Kind    string  `json:"kind,omitempty"`
	Content string  `json:"content,omitempty"`
	Speaker *string `json:"speaker,omitempty"`
	// Entity, Mention and EmbeddedIn are the speaker's entity id, the words
	// standing for the speaker (also when they have no offsets) and the quote
	// this one is embedded in.
	Entity     *string `json:"entity,omitempty"`
	Mention    *string `json:"mention,omitempty"`
	EmbeddedIn *string `json:"embedded_in,omitempty"`
}

// CitronSpan is a range of the text with the text it covers.
type CitronSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// CitronNumber is a confidence score: citron writes it as a string ("0.9312"),
// others as a number; both are read.
type CitronNumber float64

// UnmarshalJSON reads a number or a string holding one.
func (n *CitronNumber) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "null" || s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("store: citron confidence %s: %w", b, err)
	}
	*n = CitronNumber(f)
	return nil
}

// ToCitron converts an article to a citron document. Quotes found in the
// headline are left out of Quotes (citron spans index the text only) and kept
// in TitleQuotes; what else citron cannot hold is in the extension fields.
func ToCitron(a *article.Article) *CitronDocument {
	runes := []rune(a.Text)
	span := func(start, end int) CitronSpan {
		start, end = max(0, min(start, len(runes))), max(0, min(end, len(runes)))
		if end < start {
			end = start
		}
		return CitronSpan{Start: start, End: end, Text: string(runes[start:end])}
	}
	d := &CitronDocument{Text: a.Text, Quotes: []CitronQuote{}, ID: a.ID, Source: a.Source, URL: a.URL, Title: a.Title,
		Published: a.Published, Timezone: a.Timezone, Whosaid: CitronVersion, PublishedLocal: a.PublishedLocal,
		Byline: a.Byline, Fetched: a.Fetched, Format: a.Format, Blocks: a.Blocks, Entities: a.Entities}
	ents := map[string]*article.Entity{}
	group := map[string]int{} // entity id -> its coreference group
	for i := range a.Entities {
		e := &a.Entities[i]
		ents[e.ID] = e
		if len(e.Mentions) == 0 {
			continue
		}
		g := make([]CitronSpan, 0, len(e.Mentions))
		for _, m := range e.Mentions {
			g = append(g, span(m.Start, m.End))
		}
		group[e.ID] = len(d.CorefGroups)
		d.CorefGroups = append(d.CorefGroups, g)
	}
	// A quote's source refers to its speaker's entity: it belongs in the
	// entity's group even when the extractor did not list it as a mention.
	for _, q := range a.Quotes {
		if q.Where == "title" || q.Speaker.Entity == nil || q.Speaker.Start == nil || q.Speaker.End == nil {
			continue
		}
		if _, ok := ents[*q.Speaker.Entity]; !ok {
			continue
		}
		src := span(*q.Speaker.Start, *q.Speaker.End)
		gi, ok := group[*q.Speaker.Entity]
		if !ok {
			gi = len(d.CorefGroups)
			group[*q.Speaker.Entity] = gi
			d.CorefGroups = append(d.CorefGroups, nil)
		}
		if !slices.Contains(d.CorefGroups[gi], src) {
			d.CorefGroups[gi] = append(d.CorefGroups[gi], src)
		}
	}
	for i, q := range a.Quotes {
		if q.Where == "title" {
			d.TitleQuotes = append(d.TitleQuotes, CitronTitleQuote{At: i, Quote: q})
			continue
		}
		cq := CitronQuote{ID: q.ID, Kind: q.Kind, Content: q.Content, Speaker: q.Speaker.Name,
			Entity: q.Speaker.Entity, Mention: q.Speaker.Mention, EmbeddedIn: q.EmbeddedIn,
			Sources: []CitronSpan{}, Contents: []CitronSpan{}}
		c := CitronNumber(q.Confidence)
		cq.Confidence = &c
		if q.Cue != nil {
			cq.Cue = span(q.Cue.Start, q.Cue.End)
		}
		for _, s := range q.Spans {
			cq.Contents = append(cq.Contents, span(s.Start, s.End))
		}
		if q.Speaker.Start != nil && q.Speaker.End != nil {
			src := span(*q.Speaker.Start, *q.Speaker.End)
			cq.Sources = append(cq.Sources, src)
			// A source that is not the name itself ("he", "the Syrian leader")
			// is resolved through a coreference to a mention that names them.
			if q.Speaker.Entity != nil && q.Speaker.Name != nil && !strings.EqualFold(src.Text, *q.Speaker.Name) {
				if m, ok := naming(ents[*q.Speaker.Entity], *q.Speaker.Name); ok {
					cq.Coreferences = []CitronSpan{span(m.Start, m.End)}
				}
			}
		}
		d.Quotes = append(d.Quotes, cq)
	}
	return d
}

// naming returns the mention of e that best names the speaker: the name
// itself, else the first mention containing it, else the first proper one.
func naming(e *article.Entity, name string) (article.Mention, bool) {
	if e == nil {
		return article.Mention{}, false
	}
	for _, m := range e.Mentions {
		if strings.EqualFold(m.Text, name) {
			return m, true
		}
	}
	for _, m := range e.Mentions {
		if strings.Contains(strings.ToLower(m.Text), strings.ToLower(name)) {
			return m, true
		}
	}
	for _, m := range e.Mentions {
		if proper(m.Text) {
			return m, true
		}
	}
	return article.Mention{}, false
}

// pronouns are sources that never name anyone by themselves.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "i": true, "we": true, "you": true,
	"him": true, "her": true, "them": true, "his": true, "its": true, "their": true, "who": true, "one": true}

// determiners start descriptions ("The mayor") that are capitalised only
// because they open a sentence.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "our": true, "my": true}

// proper reports whether s looks like a proper name: not a pronoun, and its
// first word after a determiner capitalised.
func proper(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || pronouns[strings.ToLower(s)] {
		return false
	}
	if determiners[strings.ToLower(words[0])] {
		words = words[1:]
		if len(words) == 0 {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	return unicode.IsUpper(r)
}

// quoteMarks are the marks stripped from the ends of content spans.
const quoteMarks = "\"'“”‘’«»„‚‹›"

// FromCitron converts a citron document to an article named source. What
// citron does not carry is made up: blocks are the text's paragraphs (split at
// blank lines); each coreference group is an entity (a PERSON when a quote's
// source is in it) named by its longest proper mention; a quote's kind is
// direct when every content span is in quotation marks, mixed when some are,
// indirect otherwise; the speaker is named by our extension field, else by a
// proper coreference or source, else by the entity the source belongs to.
//
// A document ToCitron wrote (Whosaid set) comes back as the article it was:
// id, byline, blocks, entities, speakers, embedding and headline quotes are
// taken from the extension fields, nothing is guessed.
func FromCitron(d *CitronDocument, source string) (*article.Article, error) {
	if strings.TrimSpace(d.Text) == "" {
		return nil, fmt.Errorf("store: citron %s: no text", source)
	}
	runes := []rune(d.Text)
	n := len(runes)
	check := func(what string, s CitronSpan) error {
		if s.Start < 0 || s.End > n || s.End < s.Start {
			return fmt.Errorf("store: citron %s: %s span %d-%d outside the text (%d characters)", source, what, s.Start, s.End, n)
		}
		return nil
	}
	sum := sha256.Sum256([]byte(d.Text))
	a := &article.Article{Source: source, ID: hex.EncodeToString(sum[:])[:16], URL: d.URL, Title: d.Title,
		Published: d.Published, Timezone: d.Timezone, Text: d.Text, Blocks: paragraphs(runes),
		Entities: []article.Entity{}, Quotes: []article.Quote{}}
	if d.Source != "" {
		a.Source = d.Source
	}
	ext := d.Whosaid > 0
	if ext {
		if d.ID != "" {
			a.ID = d.ID
		}
		a.PublishedLocal, a.Byline, a.Fetched, a.Format = d.PublishedLocal, d.Byline, d.Fetched, d.Format
		a.Blocks = append([]article.Block{}, d.Blocks...)
	}

	// Entities from the coreference groups; spanEntity finds a span's group.
	type key struct{ start, end int }
	spanEntity := map[key]int{}
	for gi, g := range d.CorefGroups {
		for _, s := range g {
			if err := check("coreference", s); err != nil {
				return nil, err
			}
			spanEntity[key{s.Start, s.End}] = gi
		}
	}
	speakerGroup := map[int]bool{}
	for _, q := range d.Quotes {
		for _, s := range append(append([]CitronSpan{}, q.Sources...), q.Coreferences...) {
			if gi, ok := spanEntity[key{s.Start, s.End}]; ok {
				speakerGroup[gi] = true
			}
		}
	}
	for gi, g := range d.CorefGroups {
		if ext {
			break
		}
		e := article.Entity{ID: "e" + strconv.Itoa(gi+1), Type: "UNKNOWN", Mentions: []article.Mention{}}
		if speakerGroup[gi] {
			e.Type = "PERSON"
		}
		for _, s := range g {
			t := string(runes[s.Start:s.End])
			e.Mentions = append(e.Mentions, article.Mention{Start: s.Start, End: s.End, Text: t})
			if proper(t) && utf8.RuneCountInString(t) > utf8.RuneCountInString(e.Name) {
				e.Name = t
			}
		}
		if e.Name == "" && len(g) > 0 {
			e.Name = string(runes[g[0].Start:g[0].End])
		}
		a.Entities = append(a.Entities, e)
	}
	if ext {
		a.Entities = append(a.Entities, d.Entities...)
	}

	for i, cq := range d.Quotes {
		q := article.Quote{ID: cq.ID, Kind: cq.Kind, Content: cq.Content, Spans: []article.Span{}, Confidence: 1}
		if q.ID == "" {
			q.ID = "q" + strconv.Itoa(i+1)
		}
		if cq.Confidence != nil {
			q.Confidence = float64(*cq.Confidence)
		}
		if err := check("cue", cq.Cue); err != nil {
			return nil, err
		}
		if cq.Cue.End > cq.Cue.Start {
			q.Cue = &article.Cue{Text: string(runes[cq.Cue.Start:cq.Cue.End]), Start: cq.Cue.Start, End: cq.Cue.End}
		}
		var pieces []string
		marked := 0
		for _, s := range cq.Contents {
			if err := check("content", s); err != nil {
				return nil, err
			}
			q.Spans = append(q.Spans, article.Span{Start: s.Start, End: s.End})
			t := strings.TrimSpace(string(runes[s.Start:s.End]))
			if tt := strings.Trim(t, quoteMarks); tt != t {
				marked++
				t = strings.TrimSpace(tt)
			}
			pieces = append(pieces, t)
		}
		if q.Content == "" {
			q.Content = strings.Join(pieces, " ")
		}
		if q.Kind == "" {
			switch {
			case marked > 0 && marked == len(cq.Contents):
				q.Kind = article.Direct
			case marked > 0:
				q.Kind = article.Mixed
			default:
				q.Kind = article.Indirect
			}
		}
		name := cq.Speaker
		var eid *string
		for _, s := range append(append([]CitronSpan{}, cq.Sources...), cq.Coreferences...) {
			if err := check("source", s); err != nil {
				return nil, err
			}
			if gi, ok := spanEntity[key{s.Start, s.End}]; ok && eid == nil {
				id := a.Entities[gi].ID
				eid = &id
			}
		}
		if len(cq.Sources) > 0 {
			s := cq.Sources[0]
			t := string(runes[s.Start:s.End])
			start, end := s.Start, s.End
			q.Speaker.Mention, q.Speaker.Start, q.Speaker.End = &t, &start, &end
		}
		if ext {
			q.Speaker.Name, q.Speaker.Entity, q.Speaker.Mention, q.EmbeddedIn = cq.Speaker, cq.Entity, cq.Mention, cq.EmbeddedIn
			a.Quotes = append(a.Quotes, q)
			continue
		}
		if name == nil {
			for _, s := range append(append([]CitronSpan{}, cq.Coreferences...), cq.Sources...) {
				if t := string(runes[s.Start:s.End]); proper(t) {
					name = &t
					break
				}
			}
		}
		if name == nil && eid != nil {
			for _, e := range a.Entities {
				if e.ID == *eid && proper(e.Name) {
					nm := e.Name
					name = &nm
				}
			}
		}
		if name != nil {
			q.Speaker.Name, q.Speaker.Entity = name, eid
		}
		a.Quotes = append(a.Quotes, q)
	}
	if ext {
		for _, tq := range d.TitleQuotes {
			at := max(0, min(tq.At, len(a.Quotes)))
			a.Quotes = slices.Insert(a.Quotes, at, tq.Quote)
		}
	}
	return a, nil
}

// paragraphs splits text at blank lines into paragraph blocks.
func paragraphs(runes []rune) []article.Block {
	blocks := []article.Block{}
	start := -1
	for i := 0; i <= len(runes); i++ {
		blank := i == len(runes) || (runes[i] == '\n' && i+1 < len(runes) && runes[i+1] == '\n')
		if !blank {
			if start < 0 && !unicode.IsSpace(runes[i]) {
				start = i
			}
			continue
		}
		if start >= 0 {
			end := i
			for end > start && unicode.IsSpace(runes[end-1]) {
				end--
			}
			blocks = append(blocks, article.Block{Kind: article.Paragraph, Start: start, End: end})
			start = -1
		}
	}
	return blocks
}

// ReadCitron reads citron documents from data: one JSON object (a citron file)
// or one object per line.
func ReadCitron(data []byte) ([]*CitronDocument, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var docs []*CitronDocument
	for dec.More() {
		d := &CitronDocument{}
		if err := dec.Decode(d); err != nil {
			return docs, fmt.Errorf("store: citron document %d: %w", len(docs)+1, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}
