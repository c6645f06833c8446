package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// SpeakerDetail is one speaker with their aliases, the size of what they said
// and how many of their quotes were published in each month.
type SpeakerDetail struct {
	SpeakerCount
	// Months counts quotes per month of publication ("2006-01", UTC), earliest
	// first; months without quotes are left out.
	Months []MonthCount `json:"months"`
	// Undated counts quotes from articles without a known publication time.
	Undated int `json:"undated"`
}

// MonthCount is how many quotes fell in one month.
type MonthCount struct {
	Month  string `json:"month"`
	Quotes int    `json:"quotes"`
}

// Speaker returns one speaker by id, with counts per month.
func (s *SQLite) Speaker(ctx context.Context, id int64) (_ *SpeakerDetail, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	return s.speaker(ctx, id, 8)
}

// speaker is Speaker following at most hops merges.
func (s *SQLite) speaker(ctx context.Context, id int64, hops int) (*SpeakerDetail, error) {
	d := &SpeakerDetail{SpeakerCount: SpeakerCount{ID: id}, Months: []MonthCount{}}
	var aliases string
	err := s.db.QueryRowContext(ctx, `SELECT sp.name, ifnull(sp.type, ''), ifnull(sp.gender, ''),
			(SELECT count(*) FROM quotes WHERE speaker_id = sp.id),
			(SELECT count(DISTINCT cluster_id) FROM quotes WHERE speaker_id = sp.id),
			(SELECT count(DISTINCT article_pk) FROM quotes WHERE speaker_id = sp.id),
			(SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases WHERE speaker_id = sp.id ORDER BY alias)),
			(SELECT count(*) FROM quotes WHERE speaker_id = sp.id) + `+copyReports+`
		FROM speakers sp WHERE sp.id = ?`, id).Scan(&d.Name, &d.Type, &d.Gender, &d.Quotes, &d.Clusters, &d.Articles, &aliases, &d.Reports)
	if errors.Is(err, sql.ErrNoRows) {
		// A speaker merged into another: that one, whose id the detail says.
		var to int64
		if err := s.db.QueryRowContext(ctx, `SELECT to_id FROM speaker_merges WHERE from_id = ?`, id).Scan(&to); err == nil && to != id && hops > 0 {
			return s.speaker(ctx, to, hops-1)
		}
		return nil, fmt.Errorf("store: speaker %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: speaker %d: %w", id, err)
	}
	if err := json.Unmarshal([]byte(aliases), &d.Aliases); err != nil {
		return nil, fmt.Errorf("store: speaker %d: aliases: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT substr(a.published_utc, 1, 7) AS m, count(*)
		FROM quotes q JOIN articles a ON a.pk = q.article_pk
		WHERE q.speaker_id = ? GROUP BY m ORDER BY m IS NULL, m`, id)
	if err != nil {
		return nil, fmt.Errorf("store: speaker %d: months: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m *string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			return nil, fmt.Errorf("store: speaker %d: months: %w", id, err)
		}
		if m == nil {
			d.Undated += n
			continue
		}
		d.Months = append(d.Months, MonthCount{Month: *m, Quotes: n})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: speaker %d: months: %w", id, err)
	}
	return d, nil
}

// SpeakerQuotes returns the quote clusters of one speaker (by id, not by name,
// so that a shared alias never mixes two speakers), latest first, each shown by
// its earliest occurrence, copies of articles included (as Search shows them:
// ties in time to the smallest URL, else source); offset skips that many
// clusters.
func (s *SQLite) SpeakerQuotes(ctx context.Context, id int64, limit, offset int) (_ []Hit, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	if limit <= 0 {
		limit = 50
	}
	if offset < 0 {
		offset = 0
	}
	rows, err := s.db.QueryContext(ctx, `WITH occ AS (
			SELECT q.id AS qid, q.cluster_id AS cid, NULL AS cp, q.sort_time AS t, ifnull(a.url, a.source) AS k
			FROM quotes q INDEXED BY quotes_speaker_time JOIN articles a ON a.pk = q.article_pk WHERE q.speaker_id = ?1
			UNION ALL
			SELECT q.id, q.cluster_id, cp.id, cp.sort_time, ifnull(cp.url, cp.source)
			FROM quotes q INDEXED BY quotes_speaker_time JOIN article_copies cp ON cp.article_pk = q.article_pk WHERE q.speaker_id = ?1),
		ranked AS (SELECT *, row_number() OVER (PARTITION BY cid ORDER BY t, k, qid) AS nth, count(*) OVER (PARTITION BY cid) AS n FROM occ),
		firsts AS (SELECT * FROM ranked WHERE nth = 1 ORDER BY t = '9999', t DESC, cid DESC LIMIT ?2 OFFSET ?3)
		SELECT f.cid, sp.name, sp.id, q.kind, q.content, a.id,
			CASE WHEN c.id IS NULL THEN a.title ELSE ifnull(c.title, a.title) END, o.name,
			CASE WHEN c.id IS NULL THEN a.url ELSE c.url END,
			CASE WHEN c.id IS NULL THEN a.published ELSE c.published END,
			CASE WHEN c.id IS NULL THEN a.published_local ELSE c.published_local END,
			q.confidence, f.n
		FROM firsts f
		JOIN quotes q ON q.id = f.qid
		JOIN articles a ON a.pk = q.article_pk
		LEFT JOIN article_copies c ON c.id = f.cp
		JOIN outlets o ON o.id = ifnull(c.outlet_id, a.outlet_id)
		LEFT JOIN speakers sp ON sp.id = q.speaker_id
		ORDER BY f.t = '9999', f.t DESC, f.cid DESC`, id, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: speaker %d: quotes: %w", id, err)
	}
	defer rows.Close()
	hits := []Hit{}
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Cluster, &h.Speaker, &h.SpeakerID, &h.Kind, &h.Content, &h.Article, &h.Title, &h.Outlet, &h.URL,
			&h.Published, &h.PublishedLocal, &h.Confidence, &h.Occurrences); err != nil {
			return nil, fmt.Errorf("store: speaker %d: quotes: %w", id, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: speaker %d: quotes: %w", id, err)
	}
	return hits, nil
}
