package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// Sentinel errors callers branch on.
var (
	// ErrBadQuery wraps a search whose words are not valid FTS5 syntax.
	ErrBadQuery = errors.New("bad search query")
	// ErrNotFound is returned when an article or quote cluster does not exist.
	ErrNotFound = errors.New("not found")
)

// Store is the quotation corpus. Implementations must be safe for use by one
// goroutine at a time per method call and keep the contract in the package doc.
type Store interface {
	// SaveBatch stores the articles in one transaction, skipping those already
	// known (by URL, else by text hash). On error nothing of the batch is kept.
	SaveBatch(ctx context.Context, arts []*article.Article) (BatchStats, error)
	// SavePrepared is SaveBatch for articles already through Prepare, so that
	// the work that needs no store can be done ahead, on other cores.
	SavePrepared(ctx context.Context, arts []*Prepared) (BatchStats, error)
	// Search returns quote clusters with an occurrence matching q, earliest first.
	Search(ctx context.Context, q Query) ([]Hit, error)
	// SearchArticles returns the articles whose title or text match, best first.
	SearchArticles(ctx context.Context, q ArticleQuery) ([]ArticleHit, error)
	// Speakers returns the speakers with the most quotes first; top <= 0 means all.
	Speakers(ctx context.Context, top int) ([]SpeakerCount, error)
	// SpeakersIn counts the speakers over the reports of f's outlet and
	// dates; with neither, it is Speakers.
	SpeakersIn(ctx context.Context, f ExportFilter, top int) ([]SpeakerCount, error)
	// Outlets returns the outlets with their reports, quotes and speakers,
	// and the quotes by their speakers' gender, most quotes first.
	Outlets(ctx context.Context, f ExportFilter) ([]OutletCount, error)
	// Cluster returns one quote cluster with every article that carried it.
	Cluster(ctx context.Context, id int64) (*Cluster, error)
	// Article returns a stored article by its contract id.
	Article(ctx context.Context, id string) (*StoredArticle, error)
	// Story returns the story of a stored article (by contract id): it and
	// every near-duplicate of it (Jaccard >= 0.8 over word 5-shingles, as
	// MinHash estimates it) with their copies, the first report first.
	Story(ctx context.Context, id string) (*Story, error)
	// Counts returns how many rows of each kind the store holds.
	Counts(ctx context.Context) (Counts, error)
	// Close releases the store.
	Close() error
}

// BatchStats says what one SaveBatch did.
type BatchStats struct {
	Articles int // new articles stored
	Known    int // articles skipped because they were already stored
	// Copies counts the known articles whose text was stored already but
	// that came from a new URL or outlet: kept as one more report of it.
	Copies int
	Quotes int // quotes stored with the new articles
	// OtherOutlet counts the known articles stored before under another
	// outlet than the one the user named (Origin.Outlet): they keep it.
	// StoredOutlet is the outlet of the first of them.
	OtherOutlet  int
	StoredOutlet string
	// Changed counts the known articles whose text differs from the text
	// stored at their URL (a correction, an update): the stored one is kept.
	// ChangedURLs holds the first few of their URLs.
	Changed     int
	ChangedURLs []string
	// IDs holds, for each article of the batch in turn, the id it is stored
	// under: its own when new, else the stored article's. (Add leaves it:
	// a run's totals keep no list as long as the run.)
	IDs []string
}

// Add adds the tallies of another batch to st.
func (st *BatchStats) Add(o BatchStats) {
	st.Articles += o.Articles
	st.Known += o.Known
	st.Copies += o.Copies
	st.Quotes += o.Quotes
	st.OtherOutlet += o.OtherOutlet
	st.Changed += o.Changed
	for _, u := range o.ChangedURLs {
		if len(st.ChangedURLs) < 5 {
			st.ChangedURLs = append(st.ChangedURLs, u)
		}
	}

	if st.StoredOutlet == "" {
		st.StoredOutlet = o.StoredOutlet
	}
}

// OutletNote is what a summary line adds to KnownNote when known articles
// were stored before under another outlet than the one named: "; stored
// before under outlet "x": --outlet does not rename stored articles"; ""
// when none were.
func (st BatchStats) OutletNote() string {
	switch {
	case st.OtherOutlet == 0:
		return ""
	case st.Known == 1:
		return fmt.Sprintf("; stored before under outlet %q: --outlet does not rename stored articles", st.StoredOutlet)
	}
	return fmt.Sprintf("; %d of them stored before under another outlet, the first under %q: --outlet does not rename stored articles",
		st.OtherOutlet, st.StoredOutlet)
}

// KnownNote is how a summary line says what was known: "2 known", or "2
// known, 1 of them a new copy" when some were stored as copies, and how many
// came with a text other than the one stored at their URL.
func (st BatchStats) KnownNote() string {
	s := fmt.Sprintf("%d known", st.Known)
	switch st.Copies {
	case 0:
	case 1:
		s += ", 1 of them a new copy"
	default:
		s += fmt.Sprintf(", %d of them new copies", st.Copies)
	}
	switch st.Changed {
	case 0:
	case 1:
		s += ", 1 with a text changed since it was stored (the stored text is kept)"
	default:
		s += fmt.Sprintf(", %d with a text changed since they were stored (the stored texts are kept)", st.Changed)
	}
	return s
}

// Counts is the size of the store.
type Counts struct {
	Outlets, Articles, Copies, Blocks, Entities, Speakers, Aliases, Quotes, Clusters int
	Stories                                                                          int // groups of near-duplicate articles
}

// Query selects quotes. Zero fields do not filter.
type Query struct {
	Words   string    // FTS5 syntax over quote contents
	Speaker string    // canonical name or any alias, any case, accents or title; a surname alone: everyone of it
	Since   time.Time // published at or after
	Until   time.Time // published before
	Outlet  string    // outlet name (URL host without "www.")
	Kind    string    // article.Direct, article.Indirect or article.Mixed
	// MinConfidence keeps the quotes found with at least this confidence
	// (0 to 1: the chance that such a quote is real).
	MinConfidence float64
	Limit         int // <= 0: 50
	// Newest lists the quotes most recently reported first, each shown by
	// its latest matching report; reports with no known time are left out.
	// By default the earliest first, each by its first report.
	Newest bool
}

// Hit is one quote cluster matching a query, shown by its earliest matching occurrence.
type Hit struct {
	Cluster int64   `json:"cluster"`
	Speaker *string `json:"speaker"`
	// SpeakerID is the speaker's number (speakers' pages and API), absent
	// for an unnamed speaker.
	SpeakerID *int64  `json:"speaker_id,omitempty"`
	Kind      string  `json:"kind"`
	Content   string  `json:"content"`
	Article   string  `json:"article"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	// PublishedLocal is the report's wall-clock time or day when it gave no
	// offset (published is then null).
	PublishedLocal *string `json:"published_local"`
	Occurrences    int     `json:"occurrences"` // matching occurrences of the cluster
	Confidence     float64 `json:"confidence"`  // of the earliest occurrence
}

// SpeakerCount is a speaker with the size of what they said in the store.
// Quotes, Clusters and Articles count what is stored, copies left out;
// Reports counts every occurrence of their quotes, each copy of an article
// once more, as search's occurrences and the quote exports' rows do.
type SpeakerCount struct {
	ID      int64    `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	// Type is the type the speaker's articles give their entity most often
	// (a person's when a tie holds one); Gender, for a person, the gender
	// they tell more often than the other (article.Entity's). Empty when none
	// did, or for a gender told as often each way.
	Type     string `json:"type,omitempty"`
	Gender   string `json:"gender,omitempty"`
	Quotes   int    `json:"quotes"`
	Clusters int    `json:"clusters"`
	Articles int    `json:"articles"`
	Reports  int    `json:"reports"`
}

// Cluster is one quotation (normalised content, one speaker) with every occurrence.
type Cluster struct {
	ID      int64   `json:"id"`
	Speaker *string `json:"speaker"`
	Content string  `json:"content"`
	// FirstReported is the earliest publication time among the occurrences, nil
	// when none has a known time.
	FirstReported *string `json:"first_reported"`
	// FirstReportedLocal is, when no occurrence has a known time and the
	// earliest printed only a wall clock, that wall-clock time or day.
	FirstReportedLocal *string      `json:"first_reported_local,omitempty"`
	Occurrences        []Occurrence `json:"occurrences"`
}

// Occurrence is one article (or copy of one) that carried a quote.
type Occurrence struct {
	Article   string  `json:"article"`
	Quote     string  `json:"quote"` // the quote's id in the article ("q3")
	Kind      string  `json:"kind"`
	Content   string  `json:"content"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Source    string  `json:"source"`
	Published *string `json:"published"`
	// PublishedLocal is the wall clock or day printed with no offset, when
	// Published is null.
	PublishedLocal *string `json:"published_local,omitempty"`
	Copy           bool    `json:"copy,omitempty"` // the same text at another URL
}

// StoredArticle is an article as the store holds it, with where it came from
// and the cluster of each quote (parallel to Article.Quotes).
type StoredArticle struct {
	Article  *article.Article `json:"article"`
	Outlet   string           `json:"outlet"`
	Ingested string           `json:"ingested"`
	Clusters []int64          `json:"clusters"`
	Speakers []*int64         `json:"speakers"`
}
