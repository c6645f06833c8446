package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// ExportFilter selects what ExportArticles and ExportQuotes give. Zero fields
// do not filter.
type ExportFilter struct {
	Speaker string    // as Query.Speaker
	Since   time.Time // published at or after
	Until   time.Time // published before
	// Outlet keeps the reports (articles, copies) filed under this outlet,
	// in any case, as search's --outlet.
	Outlet string
}

// QuoteRow is one occurrence of a quote: a quote of a stored article, or the
// same quote carried by a copy of that article at another URL. It is one row of
// the CSV and Parquet exports.
type QuoteRow struct {
	QuoteID   string  `json:"quote_id" parquet:"quote_id"` // the quote's id in its article ("q3")
	Cluster   int64   `json:"cluster_id" parquet:"cluster_id"`
	Kind      string  `json:"kind" parquet:"kind"`
	Content   string  `json:"content" parquet:"content"`
	Cue       *string `json:"cue" parquet:"cue,optional"`
	Speaker   *string `json:"speaker" parquet:"speaker,optional"` // the merged speaker's canonical name
	Mention   *string `json:"mention" parquet:"mention,optional"` // the words next to the cue
	ArticleID string  `json:"article_id" parquet:"article_id"`
	URL       *string `json:"url" parquet:"url,optional"`
	Outlet    string  `json:"outlet" parquet:"outlet"`
	Published *string `json:"published" parquet:"published,optional"`
	Copy      bool    `json:"copy" parquet:"copy"` // carried by a copy of the article
	// Confidence is the chance that a quote found so is real (quote.Engine).
	Confidence float64 `json:"confidence" parquet:"confidence"`
	// StoryID is the number of the article's story (Story.ID). After the
	// others, so that the columns before it keep their places.
	StoryID int64 `json:"story_id" parquet:"story_id"`
	// PublishedLocal is the wall-clock time or day an article printed with no
	// zone or offset (Published is then absent), as in the jsonl export and
	// the API, a copy's own. Last, for the same reason.
	PublishedLocal *string `json:"published_local" parquet:"published_local,optional"`
	// SpeakerType and SpeakerGender are the speaker's (SpeakerCount's), and
	// Title the headline of the article or copy; after the others, for the
	// same reason.
	SpeakerType   *string `json:"speaker_type" parquet:"speaker_type,optional"`
	SpeakerGender *string `json:"speaker_gender" parquet:"speaker_gender,optional"`
	Title         string  `json:"title" parquet:"title"`
	// PublishedUTC is Published as an instant in UTC: a timestamp column in
	// Parquet, which pandas and DuckDB read as a time without casting.
	PublishedUTC *time.Time `json:"published_utc" parquet:"published_utc,optional,timestamp(millisecond)"`
	// Source is where the report was read from: its file, or the input
	// that held it (a WARC, a JSON Lines dump, "-"), as `whosaid quotes`
	// shows it beside the URL. Last, for the same reason.
	Source string `json:"source" parquet:"source"`
}

// QuoteColumns are the names of QuoteRow's fields in the exports, in order.
var QuoteColumns = []string{"quote_id", "cluster_id", "kind", "content", "cue", "speaker", "mention",
	"article_id", "url", "outlet", "published", "copy", "confidence", "story_id", "published_local",
	"speaker_type", "speaker_gender", "title", "published_utc", "source"}

// ExportedArticle is an article as ExportArticles gives it: in the extract
// contract's form, its fields unchanged, with the number of its story beside
// them. An import reads it as the article, the story number ignored: stories
// are found again on saving.
type ExportedArticle struct {
	*article.Article
	// StoryID is the number of the article's story (Story.ID); a copy is in
	// its article's story.
	StoryID int64 `json:"story_id"`
	// Outlet is the name the store files the article (or the copy) under.
	Outlet string `json:"outlet"`
}

// exportPage is how many articles ExportArticles reads at once: few enough to
// keep memory flat, enough to keep the number of queries low.
const exportPage = 256

// occurrenceConds returns the conditions of f's dates and outlet on the
// columns of a report: an article's or a copy's (alias a or cp).
func occurrenceConds(f ExportFilter, alias string) ([]string, []any) {
	where, args := dateConds(f, alias+".sort_time")
	if f.Outlet != "" {
		where = append(where, alias+`.outlet_id IN (`+outletsNamed+`)`)
		args = append(args, outletNameArgs(f.Outlet)...)
	}
	return where, args
}

// dateConds returns the conditions of f's dates on col: a published_utc column,
// or sort_time ('9999' when there is no time at all).
func dateConds(f ExportFilter, col string) ([]string, []any) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where = append(where, col+` >= ? AND `+col+` < '9999'`)
		args = append(args, f.Since.UTC().Format(time.RFC3339))
	}
	if !f.Until.IsZero() {
		where = append(where, col+` < ?`)
		args = append(args, f.Until.UTC().Format(time.RFC3339))
	}
	return where, args
}

func and(conds []string) string {
	if len(conds) == 0 {
		return "1"
	}
	return strings.Join(conds, " AND ")
}

// ExportQuotes calls fn with every quote occurrence matching f, in the order the
// articles were stored, each article's quotes in order and its copies after it.
// Dates filter each occurrence by its own publication time; the speaker, by the
// quote's merged speaker.
func (s *SQLite) ExportQuotes(ctx context.Context, f ExportFilter, fn func(QuoteRow) error) (err error) {
	defer func() { err = fileError(s.path, "export", err) }()
	var qconds []string
	var qargs []any
	if f.Speaker != "" {
		ids, err := s.speakerIDs(ctx, f.Speaker)
		if err != nil {
			return fmt.Errorf("store: export: %w", err)
		}
		qconds = append(qconds, `q.speaker_id IN (`+inList(len(ids))+`)`)
		qargs = append(qargs, ids...)
	}
	acond, aargs := occurrenceConds(f, "a")
	ccond, cargs := occurrenceConds(f, "cp")
	query := `SELECT * FROM (
		SELECT a.pk AS apk, q.id AS qpk, 0 AS copy, '' AS curl, q.qid, q.cluster_id, q.kind, q.content,
			json_extract(q.cue, '$.text'), sp.name, q.mention, a.id, a.url, o.name, a.published, q.confidence,
			ifnull(a.story_id, a.pk), a.published_local, sp.type, sp.gender, a.title, a.published_utc, a.source
		FROM quotes q JOIN articles a ON a.pk = q.article_pk JOIN outlets o ON o.id = a.outlet_id
		LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE ` + and(append(append([]string{}, qconds...), acond...)) + `
		UNION ALL
		SELECT a.pk, q.id, 1, ifnull(cp.url, ''), q.qid, q.cluster_id, q.kind, q.content,
			json_extract(q.cue, '$.text'), sp.name, q.mention, a.id, cp.url, o.name, cp.published, q.confidence,
			ifnull(a.story_id, a.pk), cp.published_local, sp.type, sp.gender, ifnull(nullif(cp.title, ''), a.title), cp.published_utc, cp.source
		FROM quotes q JOIN articles a ON a.pk = q.article_pk JOIN article_copies cp ON cp.article_pk = a.pk
		JOIN outlets o ON o.id = cp.outlet_id LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE ` + and(append(append([]string{}, qconds...), ccond...)) + `)
		ORDER BY apk, copy, curl, qpk`
	args := append(append(append(append([]any{}, qargs...), aargs...), qargs...), cargs...)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: export quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r QuoteRow
		var apk, qpk int64
		var utc *string
		var curl string
		if err := rows.Scan(&apk, &qpk, &r.Copy, &curl, &r.QuoteID, &r.Cluster, &r.Kind, &r.Content, &r.Cue, &r.Speaker,
			&r.Mention, &r.ArticleID, &r.URL, &r.Outlet, &r.Published, &r.Confidence, &r.StoryID, &r.PublishedLocal,
			&r.SpeakerType, &r.SpeakerGender, &r.Title, &utc, &r.Source); err != nil {
			return fmt.Errorf("store: export quotes: %w", err)
		}
		r.PublishedUTC = nil
		if utc != nil {
			if t, err := time.Parse(time.RFC3339Nano, *utc); err == nil {
				t = t.UTC()
				r.PublishedUTC = &t
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export quotes: %w", err)
	}
	return nil
}

// ExportArticles calls fn with every stored article matching f in the contract's
// form, in the order they were stored. Each copy of an article (the same text at
// another URL) follows it as an article of its own with the copy's URL, source
// and time, so that saving them all again rebuilds the same store. Dates filter
// the article and each copy by its own publication time; the speaker keeps the
// articles with a quote of theirs, whole.
func (s *SQLite) ExportArticles(ctx context.Context, f ExportFilter, fn func(ExportedArticle) error) (err error) {
	defer func() { err = fileError(s.path, "export", err) }()
	var conds []string
	var args []any
	if f.Speaker != "" {
		ids, err := s.speakerIDs(ctx, f.Speaker)
		if err != nil {
			return fmt.Errorf("store: export: %w", err)
		}
		conds = append(conds, `EXISTS (SELECT 1 FROM quotes q WHERE q.article_pk = a.pk AND q.speaker_id IN (`+inList(len(ids))+`))`)
		args = append(args, ids...)
	}
	acond, aargs := occurrenceConds(f, "a")
	ccond, cargs := occurrenceConds(f, "cp")
	if len(acond) > 0 {
		conds = append(conds, `(`+and(acond)+` OR EXISTS (SELECT 1 FROM article_copies cp WHERE cp.article_pk = a.pk AND `+and(ccond)+`))`)
		args = append(append(args, aargs...), cargs...)
	}
	// own says whether the article itself, not only one of its copies, matches.
	own := "1"
	if len(acond) > 0 {
		own = and(acond)
	}
	query := `SELECT a.pk, ` + own + `, a.id, a.url, a.source, a.title, a.byline, a.published, a.timezone, a.text, a.fetched,
			a.published_local, ifnull(a.story_id, a.pk), (SELECT name FROM outlets WHERE id = a.outlet_id),
			(SELECT name FROM outlet_names WHERE outlet_id = a.outlet_id ORDER BY name LIMIT 1)
		FROM articles a WHERE a.pk > ? AND ` + and(conds) + ` ORDER BY a.pk LIMIT ?`
	last := int64(0)
	for {
		// The placeholders in order: own's dates, the last pk, conds, the limit.
		var pargs []any
		if len(acond) > 0 {
			pargs = append(pargs, aargs...)
		}
		pargs = append(append(append(pargs, last), args...), exportPage)
		page, next, err := s.exportPage(ctx, query, pargs, ccond, cargs)
		if err != nil {
			return fmt.Errorf("store: export articles: %w", err)
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if next == 0 {
			return nil
		}
		last = next
	}
}

// exportPage reads one page of articles with their blocks, entities, quotes and
// copies, and the last pk read (0 at the end).
func (s *SQLite) exportPage(ctx context.Context, query string, args []any, ccond []string, cargs []any) ([]ExportedArticle, int64, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	type item struct {
		a      *article.Article
		own    bool
		story  int64
		outlet string
	}
	var items []item
	byPK := map[int64]*article.Article{}
	var pks []int64
	for rows.Next() {
		a := &article.Article{Blocks: []article.Block{}, Entities: []article.Entity{}, Quotes: []article.Quote{}}
		var pk, story int64
		var own bool
		var outlet string
		var site *string
		if err := rows.Scan(&pk, &own, &a.ID, &a.URL, &a.Source, &a.Title, &a.Byline, &a.Published, &a.Timezone,
			&a.Text, &a.Fetched, &a.PublishedLocal, &story, &outlet, &site); err != nil {
			rows.Close()
			return nil, 0, err
		}
		// The site name the outlet's pages state, so that an import finds the
		// outlet by it again.
		if site != nil && a.URL != nil {
			a.SiteName = *site
		}
		items = append(items, item{a, own, story, outlet})
		byPK[pk] = a
		pks = append(pks, pk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(pks) == 0 {
		return nil, 0, nil
	}
	lastPK := pks[len(pks)-1]
	set, _ := json.Marshal(pks)
	in := ` IN (SELECT value FROM json_each(?))`

	rows, err = s.db.QueryContext(ctx, `SELECT article_pk, kind, start, "end" FROM blocks WHERE article_pk`+in+` ORDER BY article_pk, seq`, string(set))
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var pk int64
		var b article.Block
		if err := rows.Scan(&pk, &b.Kind, &b.Start, &b.End); err != nil {
			rows.Close()
			return nil, 0, err
		}
		byPK[pk].Blocks = append(byPK[pk].Blocks, b)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT article_pk, eid, name, type, mentions, ifnull(gender, '') FROM entities WHERE article_pk`+in+` ORDER BY id`, string(set))
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var pk int64
		var e article.Entity
		var m string
		if err := rows.Scan(&pk, &e.ID, &e.Name, &e.Type, &m, &e.Gender); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(m), &e.Mentions); err != nil {
			rows.Close()
			return nil, 0, err
		}
		byPK[pk].Entities = append(byPK[pk].Entities, e)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT article_pk, qid, kind, content, spans, cue, speaker_name, entity, mention,
			mention_start, mention_end, embedded_in, "where", confidence
		FROM quotes WHERE article_pk`+in+` ORDER BY id`, string(set))
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var pk int64
		var q article.Quote
		var spans string
		var cue *string
		if err := rows.Scan(&pk, &q.ID, &q.Kind, &q.Content, &spans, &cue, &q.Speaker.Name, &q.Speaker.Entity,
			&q.Speaker.Mention, &q.Speaker.Start, &q.Speaker.End, &q.EmbeddedIn, &q.Where, &q.Confidence); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(spans), &q.Spans); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if cue != nil {
			q.Cue = &article.Cue{}
			if err := json.Unmarshal([]byte(*cue), q.Cue); err != nil {
				rows.Close()
				return nil, 0, err
			}
		}
		byPK[pk].Quotes = append(byPK[pk].Quotes, q)
	}
	rows.Close()

	type copied struct {
		a      *article.Article
		outlet string
	}
	copies := map[*article.Article][]copied{}
	rows, err = s.db.QueryContext(ctx, `SELECT cp.article_pk, cp.url, cp.source, cp.published, cp.title, cp.published_local,
			(SELECT name FROM outlets WHERE id = cp.outlet_id) FROM article_copies cp
		WHERE cp.article_pk`+in+` AND `+and(ccond)+` ORDER BY cp.article_pk, cp.url`, append([]any{string(set)}, cargs...)...)
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var pk int64
		var u *string
		c := &article.Article{}
		var title *string
		var outlet string
		if err := rows.Scan(&pk, &u, &c.Source, &c.Published, &title, &c.PublishedLocal, &outlet); err != nil {
			rows.Close()
			return nil, 0, err
		}
		c.URL = u
		if title != nil {
			c.Title = *title
		}
		copies[byPK[pk]] = append(copies[byPK[pk]], copied{c, outlet})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}

	var out []ExportedArticle
	for _, it := range items {
		if it.own {
			out = append(out, ExportedArticle{it.a, it.story, it.outlet})
		}
		for _, cc := range copies[it.a] {
			c := cc.a
			cp := *it.a
			cp.URL, cp.Source, cp.Published, cp.PublishedLocal = c.URL, c.Source, c.Published, c.PublishedLocal
			if c.Title != "" {
				cp.Title = c.Title // its own headline
			}
			out = append(out, ExportedArticle{&cp, it.story, cc.outlet})
		}
	}
	return out, lastPK, nil
}
