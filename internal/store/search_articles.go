package store

import (
	"context"
	"database/sql"
	"errors"
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
	dates := ExportFilter{Since: q.Since, Until: q.Until}
	where, args := dateConds(dates, "a.sort_time")
	where, args = append([]string{`articles_fts MATCH ?`}, where...), append([]any{w}, args...)
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
	query := `SELECT a.id, a.title, o.name, a.url, a.published,
			snippet(articles_fts, 1, '[', ']', '…', 16),
			(SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk), articles_fts.rank AS r, a.pk AS pk, 0 AS cp
		FROM articles_fts
		JOIN articles a ON a.pk = articles_fts.rowid
		JOIN outlets o ON o.id = a.outlet_id
		WHERE ` + strings.Join(where, " AND ")
	// A copy with a headline of its own is found by it too, shown as itself.
	// Its headline alone is matched: words that need the text as well find
	// the article, and words naming the text column find no copy.
	copies, err := s.copiesMatch(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("store: search articles: %w", err)
	}
	if copies {
		cwhere, cargs := dateConds(dates, "cp.sort_time")
		cwhere = append([]string{`copies_fts MATCH ?`}, cwhere...)
		args = append(append(args, w), cargs...)
		if q.Outlet != "" {
			cwhere = append(cwhere, `o.name = ? COLLATE NOCASE`)
			args = append(args, strings.TrimPrefix(strings.ToLower(q.Outlet), "www."))
		}
		query += `
		UNION ALL
		SELECT a.id, cp.title, o.name, cp.url, cp.published,
			snippet(copies_fts, 0, '[', ']', '…', 16),
			(SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk), copies_fts.rank, a.pk, cp.id
		FROM copies_fts
		JOIN article_copies cp ON cp.id = copies_fts.rowid
		JOIN articles a ON a.pk = cp.article_pk
		JOIN outlets o ON o.id = cp.outlet_id
		WHERE ` + strings.Join(cwhere, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY r, pk, cp LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: search articles: %w", err)
	}
	defer rows.Close()
	var hits []ArticleHit
	for rows.Next() {
		var h ArticleHit
		var rank float64
		var pk, cp int64
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Snippet, &h.Quotes, &rank, &pk, &cp); err != nil {
			return nil, fmt.Errorf("store: search articles: %w", err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search articles: %w", err)
	}
	return hits, nil
}

// copiesMatch reports whether the words match a copy's own headline. Words
// that do not parse there (a column of the articles' index, "text: …") match
// none.
func (s *SQLite) copiesMatch(ctx context.Context, w string) (bool, error) {
	var n int
	err := s.match(ctx, `SELECT count(*) FROM (SELECT rowid FROM copies_fts WHERE copies_fts MATCH ? LIMIT 1)`, func(st *sql.Stmt) error {
		return st.QueryRowContext(ctx, w).Scan(&n)
	})
	if errors.Is(err, ErrBadQuery) {
		return false, nil
	}
	return n > 0, err
}
