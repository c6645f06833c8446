package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/whosaid/whosaid/internal/minhash"
)

// Story is a group of near-duplicate articles: one report carried, with small
// changes, by several outlets or fetched again.
type Story struct {
	ID       int64          `json:"id"`
	Articles []StoryArticle `json:"articles"` // first stored first
}

// StoryArticle is one article of a story.
type StoryArticle struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
}

// maxCandidates bounds the stored articles compared in full with a new one:
// those sharing the most bands with it come first, and a story of many copies
// needs only one of them to match.
const maxCandidates = 8

// perBand bounds the articles read under one band key. A key shared by very
// many articles is a big story (its first articles, read first, stand for it)
// or boilerplate; either way reading all of them would make each lookup
// slower as the store grows.
const perBand = 16

// candidatesSQL finds the stored articles sharing band keys ?1..?Bands with
// article ?(Bands+1), most shared bands first.
var candidatesSQL = func() string {
	var parts []string
	for i := 1; i <= minhash.Bands; i++ {
		parts = append(parts, fmt.Sprintf(`SELECT * FROM (SELECT article_pk FROM story_bands WHERE band_key = ?%d LIMIT %d)`, i, perBand))
	}
	return `SELECT c.article_pk, ifnull(a.story_id, a.pk), a.text FROM (` + strings.Join(parts, " UNION ALL ") + `) c
	JOIN articles a ON a.pk = c.article_pk
	WHERE c.article_pk != ?` + fmt.Sprint(minhash.Bands+1) + `
	GROUP BY c.article_pk ORDER BY count(*) DESC, c.article_pk LIMIT ` + fmt.Sprint(maxCandidates)
}()

// insertBandsSQL stores an article's band keys in one statement.
var insertBandsSQL = `INSERT OR IGNORE INTO story_bands(band_key, article_pk) VALUES (?, ?)` +
	strings.Repeat(", (?, ?)", minhash.Bands-1)

// story puts the stored article pk with this text into the story of its most
// similar stored article at Jaccard >= minhash.Threshold, else into a story of
// its own, and indexes its bands. It runs in the article's transaction, so an
// article is never stored without its story.
func (sv *saver) story(pk int64, text string) error {
	sh := minhash.Shingles(text)
	keys := minhash.BandKeys(minhash.Signature(sh))
	story := pk
	if sv.shingles == nil {
		sv.shingles = map[int64][]uint64{}
	}
	// Copies of a story tend to arrive together: the shingles of the batch's
	// articles are kept for the batch, so they are not computed again.
	sv.shingles[pk] = sh
	if keys != nil {
		args := make([]any, 0, len(keys)+1)
		for _, k := range keys {
			args = append(args, k)
		}
		st, err := sv.prep(candidatesSQL)
		if err != nil {
			return fmt.Errorf("story: %w", err)
		}
		rows, err := st.QueryContext(sv.ctx, append(args, pk)...)
		if err != nil {
			return fmt.Errorf("story: %w", err)
		}
		best := 0.0
		for rows.Next() {
			var cand, candStory int64
			var candText string
			if err := rows.Scan(&cand, &candStory, &candText); err != nil {
				rows.Close()
				return fmt.Errorf("story: %w", err)
			}
			csh, ok := sv.shingles[cand]
			if !ok {
				csh = minhash.Shingles(candText)
				sv.shingles[cand] = csh
			}
			if j := minhash.Jaccard(sh, csh); j >= minhash.Threshold && j > best {
				best, story = j, candStory
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("story: %w", err)
		}
		bands := make([]any, 0, 2*len(keys))
		for _, k := range keys {
			bands = append(bands, k, pk)
		}
		if err := sv.exec(insertBandsSQL, bands...); err != nil {
			return fmt.Errorf("story: bands: %w", err)
		}
	}
	if err := sv.exec(`UPDATE articles SET story_id = ? WHERE pk = ?`, story, pk); err != nil {
		return fmt.Errorf("story: %w", err)
	}
	return nil
}

// indexStories gives a story to every article that has none: those stored
// before stories existed, or written by a path other than SaveBatch. Each
// batch is one transaction, so an interrupted pass resumes where it stopped.
func (s *SQLite) indexStories(ctx context.Context) error {
	for {
		n, err := s.indexStoriesBatch(ctx, 500)
		if err != nil {
			return fmt.Errorf("store: index stories: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

func (s *SQLite) indexStoriesBatch(ctx context.Context, limit int) (int, error) {
	var pending int
	// A cheap look first, so that opening a store does not take the write lock.
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles WHERE story_id IS NULL LIMIT 1)`).Scan(&pending); err != nil || pending == 0 {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	sv := &saver{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, st := range sv.stmts {
			st.Close()
		}
	}()
	rows, err := tx.QueryContext(ctx, `SELECT pk, text FROM articles WHERE story_id IS NULL ORDER BY pk LIMIT ?`, limit)
	if err != nil {
		return 0, err
	}
	type art struct {
		pk   int64
		text string
	}
	var arts []art
	for rows.Next() {
		var a art
		if err := rows.Scan(&a.pk, &a.text); err != nil {
			rows.Close()
			return 0, err
		}
		arts = append(arts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, a := range arts {
		if err := sv.story(a.pk, a.text); err != nil {
			return 0, err
		}
	}
	return len(arts), tx.Commit()
}

// Story returns the story of the stored article with contract id id: every
// near-duplicate of it, the first stored first.
func (s *SQLite) Story(ctx context.Context, id string) (*Story, error) {
	var sid int64
	err := s.db.QueryRowContext(ctx, `SELECT ifnull(story_id, pk) FROM articles WHERE id = ?`, id).Scan(&sid)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("store: story of article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: story of article %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, o.name, a.url, a.published FROM articles a
		JOIN outlets o ON o.id = a.outlet_id WHERE a.story_id = ?1 OR a.pk = ?1 ORDER BY a.pk`, sid)
	if err != nil {
		return nil, fmt.Errorf("store: story of article %s: %w", id, err)
	}
	defer rows.Close()
	st := &Story{ID: sid}
	for rows.Next() {
		var a StoryArticle
		if err := rows.Scan(&a.ID, &a.Title, &a.Outlet, &a.URL, &a.Published); err != nil {
			return nil, fmt.Errorf("store: story of article %s: %w", id, err)
		}
		st.Articles = append(st.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: story of article %s: %w", id, err)
	}
	return st, nil
}
