package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// ArticleQuery selects stored articles by the words of their title and text.
type ArticleQuery struct {
	Words  string    // FTS5 syntax over title and text; required
	Since  time.Time // published at or after
	Until  time.Time // published before
	Outlet string    // outlet name (URL host without "www.")
	Limit  int       // <= 0: 20
}

// ArticleHit is one article matching an ArticleQuery.
type ArticleHit struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Snippet   string  `json:"snippet"` // the best passage, matches in [brackets]
	Quotes    int     `json:"quotes"`  // quotes found in the article
}

// SearchArticles returns the articles whose title or text match q.Words, best
// match first (FTS5's bm25 rank).
func (s *SQLite) SearchArticles(ctx context.Context, q ArticleQuery) (_ []ArticleHit, err error) {
	defer func() { err = fileError(s.path, "search", err) }()
	w := ftsWords(strings.TrimSpace(q.Words))
	if w == "" {
		return nil, fmt.Errorf("store: search articles: %w: no words", ErrBadQuery)
	}
	var n int
	if err := s.match(ctx, `SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1)`, func(st *sql.Stmt) error {
		return st.QueryRowContext(ctx, w).Scan(&n)
	}); err != nil {
		return nil, fmt.Errorf("store: search articles: %w", err)
	}
	where := []string{`articles_fts MATCH ?`}
	args := []any{w}
	if !q.Since.IsZero() {
		where = append(where, `a.sort_time >= ? AND a.sort_time < '9999'`)
		args = append(args, q.Since.UTC().Format(time.RFC3339))
	}
	if !q.Until.IsZero() {
		where = append(where, `a.sort_time < ?`)
		args = append(args, q.Until.UTC().Format(time.RFC3339))
	}
	if q.Outlet != "" {
		// An article reported at the outlet only as a copy counts too.
		name := strings.TrimPrefix(strings.ToLower(q.Outlet), "www.")
		where = append(where, `(o.name = ? COLLATE NOCASE OR a.pk IN (SELECT cp.article_pk FROM article_copies cp JOIN outlets co ON co.id = cp.outlet_id
			WHERE co.name = ? COLLATE NOCASE))`)
		args = append(args, name, name)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, o.name, a.url, a.published,
			snippet(articles_fts, 1, '[', ']', '…', 16),
			(SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk)
		FROM articles_fts
		JOIN articles a ON a.pk = articles_fts.rowid
		JOIN outlets o ON o.id = a.outlet_id
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY articles_fts.rank, a.pk LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: search articles: %w", err)
	}
	defer rows.Close()
	var hits []ArticleHit
	for rows.Next() {
		var h ArticleHit
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Snippet, &h.Quotes); err != nil {
			return nil, fmt.Errorf("store: search articles: %w", err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search articles: %w", err)
	}
	return hits, nil
}
