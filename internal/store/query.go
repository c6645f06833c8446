package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// speakerFilter selects the speakers whose canonical name or an alias folds to key.
const speakerFilter = `(SELECT id FROM speakers WHERE name_key = ? UNION SELECT speaker_id FROM speaker_aliases WHERE alias_key = ?)`

// Search returns the quote clusters with an occurrence matching q, ordered by
// their earliest matching occurrence (those without a known time last).
func (s *SQLite) Search(ctx context.Context, q Query) ([]Hit, error) {
	var where []string
	var args []any
	if w := strings.TrimSpace(q.Words); w != "" {
		// Parse the query on its own first so that its errors, and only its
		// errors, are reported as a bad query.
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT 1)`, w).Scan(&n)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("store: search: %w", ctx.Err())
			}
			return nil, fmt.Errorf("store: search: %w: %s", ErrBadQuery, ftsMessage(err))
		}
		where = append(where, `q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`)
		args = append(args, w)
	}
	if q.Speaker != "" {
		k := fold(q.Speaker)
		where = append(where, `q.speaker_id IN `+speakerFilter)
		args = append(args, k, k)
	}
	if !q.Since.IsZero() {
		where = append(where, `a.published_utc >= ?`)
		args = append(args, q.Since.UTC().Format(time.RFC3339))
	}
	if !q.Until.IsZero() {
		where = append(where, `a.published_utc < ?`)
		args = append(args, q.Until.UTC().Format(time.RFC3339))
	}
	if q.Outlet != "" {
		where = append(where, `o.name = ?`)
		args = append(args, strings.TrimPrefix(strings.ToLower(q.Outlet), "www."))
	}
	if q.Kind != "" {
		where = append(where, `q.kind = ?`)
		args = append(args, q.Kind)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	// SQLite's min() picks the bare columns from the row holding the minimum:
	// each cluster is shown by its earliest matching occurrence.
	query := `SELECT q.cluster_id, sp.name, q.kind, q.content, a.id, a.title, o.name, a.url, a.published,
			min(ifnull(a.published_utc, '9999')) AS first, count(*)
		FROM quotes q
		JOIN articles a ON a.pk = q.article_pk
		JOIN outlets o ON o.id = a.outlet_id
		LEFT JOIN speakers sp ON sp.id = q.speaker_id
		` + cond + `
		GROUP BY q.cluster_id
		ORDER BY first, q.cluster_id
		LIMIT ?`
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var first string
		if err := rows.Scan(&h.Cluster, &h.Speaker, &h.Kind, &h.Content, &h.Article, &h.Title, &h.Outlet, &h.URL,
			&h.Published, &first, &h.Occurrences); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	return hits, nil
}

// ftsMessage keeps the useful part of an SQLite error about an FTS5 query.
func ftsMessage(err error) string {
	m := err.Error()
	if i := strings.Index(m, "fts5:"); i >= 0 {
		m = m[i:]
	} else if i := strings.LastIndex(m, "): "); i >= 0 {
		m = m[i+3:]
	}
	m = strings.TrimPrefix(m, "SQL logic error: ")
	if i := strings.LastIndex(m, " ("); i > 0 && strings.HasSuffix(m, ")") {
		m = m[:i] // the SQLite result code
	}
	return strings.Join(strings.Fields(m), " ")
}

// Speakers returns the speakers with the most quotes first.
func (s *SQLite) Speakers(ctx context.Context, top int) ([]SpeakerCount, error) {
	if top <= 0 {
		top = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sp.id, sp.name, count(*), count(DISTINCT q.cluster_id), count(DISTINCT q.article_pk),
			(SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases WHERE speaker_id = sp.id ORDER BY alias))
		FROM speakers sp JOIN quotes q ON q.speaker_id = sp.id
		GROUP BY sp.id ORDER BY count(*) DESC, sp.name LIMIT ?`, top)
	if err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	defer rows.Close()
	var out []SpeakerCount
	for rows.Next() {
		var c SpeakerCount
		var aliases string
		if err := rows.Scan(&c.ID, &c.Name, &c.Quotes, &c.Clusters, &c.Articles, &aliases); err != nil {
			return nil, fmt.Errorf("store: speakers: %w", err)
		}
		if err := json.Unmarshal([]byte(aliases), &c.Aliases); err != nil {
			return nil, fmt.Errorf("store: speakers: aliases: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	return out, nil
}

// Cluster returns one quote cluster with every article, and every copy of an
// article, that carried it, earliest first.
func (s *SQLite) Cluster(ctx context.Context, id int64) (*Cluster, error) {
	c := &Cluster{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT c.content, sp.name FROM quote_clusters c
		LEFT JOIN speakers sp ON sp.id = c.speaker_id WHERE c.id = ?`, id).Scan(&c.Content, &c.Speaker)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT * FROM (
		SELECT a.id AS aid, q.qid AS qid, q.kind, q.content, a.title, o.name, a.url, a.source, a.published, a.published_utc AS utc, 0
		FROM quotes q JOIN articles a ON a.pk = q.article_pk JOIN outlets o ON o.id = a.outlet_id
		WHERE q.cluster_id = ?1
		UNION ALL
		SELECT a.id, q.qid, q.kind, q.content, a.title, o.name, cp.url, cp.source, cp.published, cp.published_utc, 1
		FROM quotes q JOIN articles a ON a.pk = q.article_pk JOIN article_copies cp ON cp.article_pk = a.pk
		JOIN outlets o ON o.id = cp.outlet_id
		WHERE q.cluster_id = ?1)
		ORDER BY utc IS NULL, utc, aid, qid`, id)
	if err != nil {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var o Occurrence
		var utc *string
		if err := rows.Scan(&o.Article, &o.Quote, &o.Kind, &o.Content, &o.Title, &o.Outlet, &o.URL, &o.Source,
			&o.Published, &utc, &o.Copy); err != nil {
			return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
		}
		if c.FirstReported == nil && o.Published != nil && utc != nil {
			c.FirstReported = o.Published
		}
		c.Occurrences = append(c.Occurrences, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
	}
	return c, nil
}

// Article returns a stored article by its contract id, rebuilt in the contract's form.
func (s *SQLite) Article(ctx context.Context, id string) (*StoredArticle, error) {
	a := &article.Article{Blocks: []article.Block{}, Entities: []article.Entity{}, Quotes: []article.Quote{}}
	sa := &StoredArticle{Article: a}
	var pk int64
	err := s.db.QueryRowContext(ctx, `SELECT a.pk, a.id, a.url, a.source, a.title, a.byline, a.published, a.timezone,
			a.text, a.fetched, a.ingested, o.name
		FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?`, id).Scan(
		&pk, &a.ID, &a.URL, &a.Source, &a.Title, &a.Byline, &a.Published, &a.Timezone, &a.Text, &a.Fetched,
		&sa.Ingested, &sa.Outlet)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: article %s: %w", id, err)
	}
	fail := func(err error) (*StoredArticle, error) { return nil, fmt.Errorf("store: article %s: %w", id, err) }

	rows, err := s.db.QueryContext(ctx, `SELECT kind, start, "end" FROM blocks WHERE article_pk = ? ORDER BY seq`, pk)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var b article.Block
		if err := rows.Scan(&b.Kind, &b.Start, &b.End); err != nil {
			rows.Close()
			return fail(err)
		}
		a.Blocks = append(a.Blocks, b)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT eid, name, type, mentions FROM entities WHERE article_pk = ? ORDER BY id`, pk)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var e article.Entity
		var m string
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &m); err != nil {
			rows.Close()
			return fail(err)
		}
		if err := json.Unmarshal([]byte(m), &e.Mentions); err != nil {
			rows.Close()
			return fail(err)
		}
		a.Entities = append(a.Entities, e)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT qid, kind, content, spans, cue, speaker_name, entity, mention, mention_start,
			mention_end, embedded_in, "where", confidence, cluster_id, speaker_id
		FROM quotes WHERE article_pk = ? ORDER BY id`, pk)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var q article.Quote
		var spans string
		var cue *string
		var cid int64
		var sid *int64
		if err := rows.Scan(&q.ID, &q.Kind, &q.Content, &spans, &cue, &q.Speaker.Name, &q.Speaker.Entity,
			&q.Speaker.Mention, &q.Speaker.Start, &q.Speaker.End, &q.EmbeddedIn, &q.Where, &q.Confidence, &cid, &sid); err != nil {
			return fail(err)
		}
		if err := json.Unmarshal([]byte(spans), &q.Spans); err != nil {
			return fail(err)
		}
		if cue != nil {
			q.Cue = &article.Cue{}
			if err := json.Unmarshal([]byte(*cue), q.Cue); err != nil {
				return fail(err)
			}
		}
		a.Quotes = append(a.Quotes, q)
		sa.Clusters = append(sa.Clusters, cid)
		sa.Speakers = append(sa.Speakers, sid)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return sa, nil
}

// ParseBound reads a Query's Since or Until as users write it: 2006-01-02 (a whole
// day: its start, or with endOfDay the start of the next day, so that Until is
// exclusive) or an RFC 3339 time; "" is the zero time (no bound).
func ParseBound(s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (2006-01-02) or an RFC 3339 time", s)
	}
	return t, nil
}
