package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/internal/minhash"
)

// Story is a group of near-duplicate articles: one report carried, with small
// changes, by several outlets or fetched again.
type Story struct {
	// ID is the story's number: the store's key of the first article stored
	// in it, stable while that article is kept, unless the story joins an
	// earlier one (an article near-duplicate of both), whose number it then
	// takes; its old number still finds it (StoryByID).
	ID int64 `json:"id"`
	// Size is how many reports the story has: its articles and their copies
	// (the same text at another URL). Articles holds at most MaxStoryArticles
	// of them.
	Size int `json:"size"`
	// FirstReported is the publication time of the first report, nil when no
	// report has a known time.
	FirstReported *string `json:"first_reported"`
	// FirstReportedLocal is the first report's wall-clock time or day when
	// it printed no offset (FirstReported is then nil).
	FirstReportedLocal *string `json:"first_reported_local,omitempty"`
	// Articles are the reports, earliest published first (the first report),
	// those without a known time last, in the order they were stored.
	Articles []StoryArticle `json:"articles"`
}

// StoryArticle is one report of a story: a stored article, or a copy of one
// found at another URL.
type StoryArticle struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       *string `json:"url"`
	Source    string  `json:"source"`
	Published *string `json:"published"`
	// PublishedLocal is the report's wall-clock time or day when it gave no
	// offset (Published is then null).
	PublishedLocal *string `json:"published_local,omitempty"`
	// Copy marks the same text as article ID at another URL: it has no page
	// of its own, only its URL.
	Copy bool `json:"copy"`
	// First marks the first report: the earliest publication time, or the
	// first stored when no report has a known time.
	First bool `json:"first"`
}

// MaxStoryArticles bounds the reports a Story lists: a story copied by very
// many outlets (or a boilerplate page crawled again and again) would
// otherwise make every page of its articles as large as the story.
const MaxStoryArticles = 500

// maxCandidates bounds the stored articles compared in full with a new one:
// those sharing the most bands with it come first, and a story of many copies
// needs only one of them to match.
const maxCandidates = 8

// perBand bounds the articles read under one band key. A key shared by very
// many articles is a big story (its first articles, read first, stand for it)
// or boilerplate; either way reading all of them would make each lookup
// slower as the store grows.
const perBand = 16

// candidatesSQL finds the stored articles sharing band keys ?1..?Bands with a
// new article, most shared bands first, with their story and packed signature
// (NULL for articles stored before signatures were kept).
var candidatesSQL = func() string {
	var parts []string
	for i := 1; i <= minhash.Bands; i++ {
		parts = append(parts, fmt.Sprintf(`SELECT * FROM (SELECT article_pk FROM story_bands WHERE band_key = ?%d LIMIT %d)`, i, perBand))
	}
	return `SELECT c.article_pk, s.story_id, s.sig FROM (` + strings.Join(parts, " UNION ALL ") + `) c
	LEFT JOIN story_sigs s ON s.article_pk = c.article_pk
	WHERE c.article_pk != ?` + fmt.Sprint(minhash.Bands+1) + `
	GROUP BY c.article_pk ORDER BY count(*) DESC, c.article_pk LIMIT ` + fmt.Sprint(maxCandidates)
}()

// insertBandsSQL stores an article's band keys in one statement.
var insertBandsSQL = `INSERT OR IGNORE INTO story_bands(band_key, article_pk) VALUES (?, ?)` +
	strings.Repeat(", (?, ?)", minhash.Bands-1)

// storyRef is what storyOf found for an article: its story and what index
// stores once the article is.
type storyRef struct {
	story int64
	keys  []int64
	sig   []byte
	set   []uint32
}

// storyOf finds the story of the article with this text, stored or about to be
// stored as pk: that of its stored near-duplicates, those whose shingles'
// exact Jaccard similarity with it is at least minhash.Threshold, else pk's
// own. When its near-duplicates are in several stories, it joins them into
// one, the earliest (a story is the connected group of its near-duplicates).
// The signatures choose whom to compare, most similar first: band candidates
// estimated below minhash.MinEstimate are not compared, nor those of a story
// another of its articles has confirmed.
func (sv *saver) storyOf(pk int64, p *prepared) (storyRef, error) {
	ref := storyRef{story: pk, keys: p.keys, sig: p.sig, set: p.set}
	if ref.keys == nil {
		return ref, nil
	}
	args := make([]any, 0, len(ref.keys)+1)
	for _, k := range ref.keys {
		args = append(args, k)
	}
	st, err := sv.prep(candidatesSQL)
	if err != nil {
		return ref, fmt.Errorf("story: %w", err)
	}
	rows, err := st.QueryContext(sv.ctx, append(args, pk)...)
	if err != nil {
		return ref, fmt.Errorf("story: %w", err)
	}
	type cand struct {
		pk    int64
		story sql.NullInt64
		sig   []byte
		set   []uint32 // nil until needed
		est   float64
	}
	var cands []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.pk, &c.story, &c.sig); err != nil {
			rows.Close()
			return ref, fmt.Errorf("story: %w", err)
		}
		cands = append(cands, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ref, fmt.Errorf("story: %w", err)
	}
	for i := range cands {
		c := &cands[i]
		if b, ok := sv.sigs[c.pk]; ok {
			c.sig, c.story, c.set = b.sig, sql.NullInt64{Int64: b.story, Valid: true}, b.set
		} else if c.sig == nil {
			// Stored before signatures were kept: from its text.
			text, story, err := sv.storedText(c.pk)
			if err != nil {
				return ref, err
			}
			var sig []uint64
			sig, c.set = minhash.Fingerprint(text)
			c.sig, c.story = minhash.Pack(sig), story
		}
		if !c.story.Valid {
			c.story.Int64 = c.pk
		}
		c.story.Int64 = sv.storyNow(c.story.Int64)
		c.est = minhash.EstimatePacked(ref.sig, c.sig)
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.est, a.est) })
	confirmed := map[int64]bool{}
	for _, c := range cands {
		if c.est < minhash.MinEstimate {
			break
		}
		if confirmed[c.story.Int64] {
			continue
		}
		if c.set == nil {
			if c.set, err = sv.storedSet(c.pk); err != nil {
				return ref, err
			}
		}
		if minhash.JaccardSet(ref.set, c.set) >= minhash.Threshold {
			confirmed[c.story.Int64] = true
			ref.story = min(ref.story, c.story.Int64)
		}
	}
	for id := range confirmed {
		if id != ref.story {
			sv.joinStory(id, ref.story)
		}
	}
	return ref, nil
}

// storyNow is the story id stands for now: itself, or the story an article
// of this batch joined it to.
func (sv *saver) storyNow(id int64) int64 { return followed(sv.joined, id) }

// joinStory makes story from part of story to (an earlier one), in this
// batch's view at once and in the store when the batch is flushed.
func (sv *saver) joinStory(from, to int64) {
	if sv.joined == nil {
		sv.joined = map[int64]int64{}
	}
	sv.joined[from] = to
	sv.storyJoins = append(sv.storyJoins, [2]int64{from, to})
}

// joinStories writes the joins of this batch's stories, in the order they were
// found, after the batch's own rows: the articles and signatures of each
// joined story go to the story it joined.
func (sv *saver) joinStories() error {
	for _, j := range sv.storyJoins {
		if err := sv.exec(`UPDATE story_sigs SET story_id = ?1 WHERE article_pk IN (SELECT pk FROM articles WHERE story_id = ?2)`, j[1], j[0]); err != nil {
			return fmt.Errorf("story: join: %w", err)
		}
		if err := sv.exec(`UPDATE articles SET story_id = ?1 WHERE story_id = ?2`, j[1], j[0]); err != nil {
			return fmt.Errorf("story: join: %w", err)
		}
		// Numbers that led to the joined story lead on to this one.
		if err := sv.exec(`UPDATE story_joins SET to_id = ?1 WHERE to_id = ?2`, j[1], j[0]); err != nil {
			return fmt.Errorf("story: join: %w", err)
		}
		if err := sv.exec(`INSERT OR REPLACE INTO story_joins(from_id, to_id) VALUES (?, ?)`, j[0], j[1]); err != nil {
			return fmt.Errorf("story: join: %w", err)
		}
	}
	sv.storyJoins = sv.storyJoins[:0]
	return nil
}

// storedSet returns the shingle set of stored article pk: kept, or from its
// text when it was stored before sets were kept.
func (sv *saver) storedSet(pk int64) ([]uint32, error) {
	var b []byte
	found, err := sv.one(`SELECT shingles FROM story_sets WHERE article_pk = ?`, []any{pk}, &b)
	if err != nil {
		return nil, fmt.Errorf("story: %w", err)
	}
	if found {
		return minhash.UnpackSet(b), nil
	}
	text, _, err := sv.storedText(pk)
	if err != nil {
		return nil, err
	}
	return minhash.Set(text), nil
}

// storedText returns the text and story of stored article pk.
func (sv *saver) storedText(pk int64) (string, sql.NullInt64, error) {
	var text string
	var story sql.NullInt64
	if _, err := sv.one(`SELECT text, story_id FROM articles WHERE pk = ?`, []any{pk}, &text, &story); err != nil {
		return "", story, fmt.Errorf("story: %w", err)
	}
	return text, story, nil
}

// index records a stored article's bands, signature and set, so that later
// articles find it; the bands at once (the batch's next article may be a
// copy), the rest with the batch's other rows.
func (sv *saver) index(pk int64, ref storyRef) error {
	if ref.keys == nil {
		return nil
	}
	bands := make([]any, 0, 2*len(ref.keys))
	for _, k := range ref.keys {
		bands = append(bands, k, pk)
	}
	if err := sv.exec(insertBandsSQL, bands...); err != nil {
		return fmt.Errorf("story: bands: %w", err)
	}
	if sv.sigs == nil {
		sv.sigs = map[int64]batchSig{}
	}
	sv.sigs[pk] = batchSig{ref.story, ref.sig, ref.set}
	sv.rows.sigs.add(pk, ref.story, ref.sig)
	sv.rows.sets.add(pk, minhash.PackSet(ref.set))
	return nil
}

// batchSig is the story, signature and set of an article stored in this
// batch.
type batchSig struct {
	story int64
	sig   []byte
	set   []uint32
}

// indexStories gives a story to every article that has none: those stored
// before stories existed, or written by a path other than SaveBatch.
func (s *SQLite) indexStories(ctx context.Context) error {
	err := s.repair(ctx, `SELECT 1 FROM articles WHERE story_id IS NULL`, func(tx *sql.Tx) (int, error) {
		return indexStoriesBatch(ctx, tx, 500)
	})
	if err != nil {
		return fmt.Errorf("store: index stories: %w", err)
	}
	return nil
}

func indexStoriesBatch(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	sv := newSaver(ctx, tx, "")
	defer sv.close()
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
		sig, set := minhash.Fingerprint(a.text)
		ref, err := sv.storyOf(a.pk, &prepared{keys: minhash.BandKeys(sig), sig: minhash.Pack(sig), set: set})
		if err != nil {
			return 0, err
		}
		if err := sv.index(a.pk, ref); err != nil {
			return 0, err
		}
		if err := sv.exec(`UPDATE articles SET story_id = ? WHERE pk = ?`, ref.story, a.pk); err != nil {
			return 0, err
		}
	}
	if err := sv.flush(); err != nil {
		return 0, err
	}
	return len(arts), nil
}

// Story returns the story of the stored article with contract id id: it and
// every near-duplicate of it, with their copies, the first report first.
func (s *SQLite) Story(ctx context.Context, id string) (_ *Story, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	var sid int64
	err = s.db.QueryRowContext(ctx, `SELECT ifnull(story_id, pk) FROM articles WHERE id IN (?1, lower(?1)) ORDER BY id = ?1 DESC LIMIT 1`, id).Scan(&sid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: story of article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: story of article %s: %w", id, err)
	}
	st, err := s.story(ctx, sid)
	if err != nil {
		return nil, fmt.Errorf("store: story of article %s: %w", id, err)
	}
	return st, nil
}

// StoryByID returns a story by its number (Story.ID), or by the number of a
// story that joined it.
func (s *SQLite) StoryByID(ctx context.Context, id int64) (_ *Story, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	var to int64
	switch err := s.db.QueryRowContext(ctx, `SELECT to_id FROM story_joins WHERE from_id = ?`, id).Scan(&to); {
	case err == nil:
		id = to
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("store: story %d: %w", id, err)
	}
	st, err := s.story(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("store: story %d: %w", id, err)
	}
	if st.Size == 0 {
		return nil, fmt.Errorf("store: story %d: %w", id, ErrNotFound)
	}
	return st, nil
}

// inStory selects the articles of story ?1. An article not yet indexed (story
// NULL until the store is next opened) is a story of its own, numbered by its
// pk; an indexed article whose pk is ?1 but that joined another story is not.
const inStory = `(a.story_id = ?1 OR (a.pk = ?1 AND a.story_id IS NULL))`

// story reads story sid: its size, and its first MaxStoryArticles reports.
func (s *SQLite) story(ctx context.Context, sid int64) (*Story, error) {
	st := &Story{ID: sid, Articles: []StoryArticle{}}
	err := s.db.QueryRowContext(ctx, `SELECT count(*) + ifnull(sum((SELECT count(*) FROM article_copies cp WHERE cp.article_pk = a.pk)), 0)
		FROM articles a WHERE `+inStory, sid).Scan(&st.Size)
	if err != nil {
		return nil, err
	}
	if st.Size == 0 {
		return st, nil
	}
	// A copy has its own outlet, URL and time; it sorts by them among the
	// articles, by time as search and Cluster sort reports (a wall clock with
	// no offset read as UTC, no time last), after its article when they tie.
	rows, err := s.db.QueryContext(ctx, `SELECT apk, copy, id, title, name, url, source, published, utc, lt FROM (
		SELECT a.pk AS apk, 0 AS copy, a.id, a.title, o.name, a.url AS url, a.source, a.published, a.published_utc AS utc,
			a.published_local AS lt, a.sort_time AS t, ifnull(a.url, a.source) AS k
		FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE `+inStory+`
		UNION ALL
		SELECT a.pk, 1, a.id, ifnull(nullif(cp.title, ''), a.title), o.name, cp.url, cp.source, cp.published, cp.published_utc,
			cp.published_local, cp.sort_time, ifnull(cp.url, cp.source)
		FROM articles a JOIN article_copies cp ON cp.article_pk = a.pk JOIN outlets o ON o.id = cp.outlet_id
		WHERE `+inStory+`)
		ORDER BY t, apk, copy, k LIMIT ?2`, sid, MaxStoryArticles)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a StoryArticle
		var pk int64
		var utc *string
		if err := rows.Scan(&pk, &a.Copy, &a.ID, &a.Title, &a.Outlet, &a.URL, &a.Source, &a.Published, &utc, &a.PublishedLocal); err != nil {
			return nil, err
		}
		st.Articles = append(st.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(st.Articles) > 0 {
		st.Articles[0].First = true
		if st.Articles[0].Published != nil {
			st.FirstReported = st.Articles[0].Published
		} else {
			st.FirstReportedLocal = st.Articles[0].PublishedLocal
		}
	}
	return st, nil
}
