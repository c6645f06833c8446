package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/quote"
)

// lastWordSQL is the last word of a speaker's folded name, as the index
// speakers_last_word holds it (migration 0014): the same expression, so that
// a surname is looked up in the index rather than matched against every name.
const lastWordSQL = `substr(name_key, length(rtrim(name_key, replace(name_key, ' ', ''))) + 1)`

// scanCap bounds the quotes one search reads in time order: a page of
// clusters is almost always found long before.
const scanCap = 200_000

// Costs of the ways to apply a search's words, in microseconds per quote, as
// measured on a store of a million quotes (BENCHMARKS.md): looking up a
// matching quote found through the full-text index, asking the index whether
// one quote matches, and adding a match to a set the quotes are checked
// against.
const (
	costGather  = 5.0
	costProbe   = 80.0
	costSet     = 0.5
	costSetScan = 2.0
)

// wordsPlan is how a search applies its words.
type wordsPlan int

const (
	wordsGather wordsPlan = iota + 1 // gather every match from the full-text index, then sort
	wordsProbe                       // walk quotes in time order, asking the index about each
	wordsSet                         // walk quotes in time order, checking each against the set of matches
)

// planWords picks the cheapest way to find limit clusters whose quotes match
// words nWords times out of nAll quotes, when the other conditions leave
// nFilter quotes to walk (nAll when they are not selective).
func planWords(nWords, nFilter, nAll, limit int) wordsPlan {
	walk := float64(nFilter)
	if nWords > 0 {
		walk = min(walk, float64(limit)*float64(nAll)/float64(nWords))
	}
	gather := float64(nWords) * costGather
	probe := walk * costProbe
	set := float64(nWords)*costSet + walk*costSetScan
	switch {
	case gather <= probe && gather <= set:
		return wordsGather
	case probe <= set:
		return wordsProbe
	}
	return wordsSet
}

// Search returns the quote clusters with an occurrence matching q, ordered by
// their earliest matching occurrence (those without a known time last, ties
// by the order stored).
//
// Matching quotes are read in time order, and the first occurrence of each
// cluster met is its earliest: reading stops at the limit-th cluster, so a
// search costs what its page costs, not what all its matches do. The words,
// if any, are applied in the way planWords finds cheapest.
func (s *SQLite) Search(ctx context.Context, q Query) (_ []Hit, err error) {
	defer func() { err = fileError(s.path, "search", err) }()
	// where holds the conditions on the quote's own columns; aWhere repeats
	// those on its article's for a walk through the articles.
	var where, aWhere []string
	var args, aArgs []any
	bySpeaker := false
	if q.Speaker != "" {
		ids, err := s.speakerIDs(ctx, q.Speaker)
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		if len(ids) == 0 {
			return nil, nil
		}
		where = append(where, `q.speaker_id IN (`+inList(len(ids))+`)`)
		args = append(args, ids...)
		bySpeaker = len(ids) == 1
	}
	articleIndex := "articles_time"
	var outlet int64 // the outlet searched, 0 for any
	if q.Outlet != "" {
		var oid int64
		// Any case: an outlet the user named ("Harbour Gazette") keeps its capitals.
		err := s.db.QueryRowContext(ctx, `SELECT id FROM outlets WHERE name = ? COLLATE NOCASE ORDER BY name = ? DESC, id LIMIT 1`,
			strings.TrimPrefix(strings.ToLower(q.Outlet), "www."), strings.TrimSpace(q.Outlet)).Scan(&oid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		// Articles reported at the outlet only as a copy are found too; the
		// walk through the outlet's own articles serves an outlet with none.
		var copies bool
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM article_copies WHERE outlet_id = ?)`, oid).Scan(&copies); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		if copies {
			where = append(where, `(q.outlet_id = ? OR q.article_pk IN (SELECT article_pk FROM article_copies WHERE outlet_id = ?))`)
			args = append(args, oid, oid)
			aWhere = append(aWhere, `(a.outlet_id = ? OR a.pk IN (SELECT article_pk FROM article_copies WHERE outlet_id = ?))`)
			aArgs = append(aArgs, oid, oid)
		} else {
			where = append(where, `q.outlet_id = ?`)
			args = append(args, oid)
			aWhere = append(aWhere, `a.outlet_id = ?`)
			aArgs = append(aArgs, oid)
			articleIndex = "articles_outlet_time"
		}
		outlet = oid
	}
	if !q.Since.IsZero() {
		t := q.Since.UTC().Format(time.RFC3339)
		where = append(where, `q.sort_time >= ? AND q.sort_time < '9999'`)
		args = append(args, t)
		aWhere = append(aWhere, `a.sort_time >= ? AND a.sort_time < '9999'`)
		aArgs = append(aArgs, t)
	}
	if !q.Until.IsZero() {
		t := q.Until.UTC().Format(time.RFC3339)
		where = append(where, `q.sort_time < ?`)
		args = append(args, t)
		aWhere = append(aWhere, `a.sort_time < ?`)
		aArgs = append(aArgs, t)
	}
	if q.Kind != "" {
		where = append(where, `q.kind = ?`)
		args = append(args, q.Kind)
	}
	if q.MinConfidence > 0 {
		where = append(where, `q.confidence >= ?`)
		args = append(args, q.MinConfidence)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	// The walk in time order: through one speaker's quotes, else through the
	// articles (their index has a row per article, not per quote; CROSS JOIN
	// keeps them the outer loop, whatever the planner makes of the words).
	w := walk{from: `quotes q INDEXED BY quotes_speaker_time`, order: `q.sort_time, q.article_pk, q.id`, where: where, args: args}
	if !bySpeaker {
		w = walk{from: `articles a INDEXED BY ` + articleIndex + ` CROSS JOIN quotes q ON q.article_pk = a.pk`, order: `a.sort_time, a.pk, q.id`,
			where: append(slices.Clone(aWhere), where...), args: append(slices.Clone(aArgs), args...)}
	}
	// How the words are applied, in the walk and in counting occurrences.
	countCond, countArgs := where, args
	if words := ftsWords(strings.TrimSpace(q.Words)); words != "" {
		// The index that answers the words: the full text, or for a phrase of two
		// plain words its one pair (pairs.go), which is exactly its matches. A
		// longer phrase is first looked for by its pairs (planSearch).
		ix := textIndex{table: "quotes_fts", query: words}
		if pq, ws, ok := phrasePairs(words); ok && !noPairs {
			if len(ws) == 2 {
				ix = textIndex{table: "quotes_pairs", query: pq}
			} else {
				ix.phrase, ix.pairs = ws, pq
			}
		}
		plan, ids, err := s.planSearch(ctx, ix, w, limit)
		if err != nil {
			return nil, err
		}
		inSet := `q.id IN (SELECT rowid FROM ` + ix.table + ` WHERE ` + ix.table + ` MATCH ?)`
		probe := `EXISTS (SELECT 1 FROM ` + ix.table + ` WHERE ` + ix.table + ` MATCH ? AND rowid = q.id)`
		words = ix.query
		countArgs = append(slices.Clone(args), words)
		switch plan {
		case 0:
			return nil, nil
		case wordsGather:
			// From the matches, sorted: no index to walk.
			w = walk{from: `quotes q`, order: `q.sort_time, q.article_pk, q.id`,
				where: append(slices.Clone(where), inSet), args: append(slices.Clone(args), words)}
			if ids != nil {
				// The matches are known already: the full-text index is not asked again.
				list, _ := json.Marshal(ids)
				w.where[len(w.where)-1] = `q.id IN (SELECT value FROM json_each(?))`
				w.args[len(w.args)-1] = string(list)
			}
			countCond, countArgs = w.where, w.args
		case wordsProbe:
			w.where, w.args = append(slices.Clone(w.where), probe), append(slices.Clone(w.args), words)
			countCond = append(slices.Clone(where), probe)
		case wordsSet:
			w.where, w.args = append(slices.Clone(w.where), inSet), append(slices.Clone(w.args), words)
			countCond = append(slices.Clone(where), probe)
		}
	}
	reps, err := s.firstOccurrences(ctx, `SELECT q.id, q.cluster_id FROM `+w.from+` `+whereOf(w.where)+`
		ORDER BY `+w.order+` LIMIT `+fmt.Sprint(scanCap), w.args, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	if len(reps) == 0 {
		return nil, nil
	}
	return s.hits(ctx, reps, countCond, countArgs, outlet)
}

// walk is a way to read a search's quotes in time order.
type walk struct {
	from, order string
	where       []string
	args        []any
}

func whereOf(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}

// Caps of the counts planSearch makes: counting further costs more than a
// wrong plan would. Up to gatherCap matches are read as they are, and gathered.
const (
	gatherCap      = 5_000
	wordCountCap   = 20_000
	filterCountCap = 5_000
)

// planSearch finds how to apply words: it reads their matches up to
// gatherCap (returned when they are all, for wordsGather), else counts the
// quotes they match (exactly up to wordCountCap, then estimated from a slice
// of the quote ids), the quotes the other conditions leave, and all quotes. It
// returns plan 0 when the words match nothing, and ErrBadQuery when they do
// not parse: they are run on their own first, so that errors in them, and
// only those, are reported as a bad query.
func (s *SQLite) planSearch(ctx context.Context, ix textIndex, w walk, limit int) (wordsPlan, []int64, error) {
	// A phrase of plain words is looked up by its word pairs (pairs.go): a
	// rare phrase of common words is found without merging their long lists.
	if ix.phrase != nil && forceWords == 0 {
		ids, more, err := s.phraseMatches(ctx, ix.pairs, ix.phrase, gatherCap-1)
		if err != nil {
			return 0, nil, fmt.Errorf("store: search: %w", err)
		}
		if !more {
			if len(ids) == 0 {
				return 0, nil, nil
			}
			return wordsGather, ids, nil
		}
	}
	var ids []int64
	err := s.match(ctx, `SELECT rowid FROM `+ix.table+` WHERE `+ix.table+` MATCH ? LIMIT ?`, func(st *sql.Stmt) (err error) {
		ids, err = int64s(st.QueryContext(ctx, ix.query, gatherCap))
		return err
	})
	if err != nil {
		return 0, nil, fmt.Errorf("store: search: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil, nil
	}
	if len(ids) < gatherCap && forceWords == 0 {
		return wordsGather, ids, nil
	}
	var nWords int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM `+ix.table+` WHERE `+ix.table+` MATCH ? LIMIT ?)`, ix.query, wordCountCap).Scan(&nWords); err != nil {
		return 0, nil, fmt.Errorf("store: search: %w", err)
	}
	var nAll int64
	if err := s.db.QueryRowContext(ctx, `SELECT ifnull(max(id), 0) FROM quotes`).Scan(&nAll); err != nil {
		return 0, nil, fmt.Errorf("store: search: %w", err)
	}
	if nWords == wordCountCap {
		// Many: count those among the first sixteenth of the ids.
		var part int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+ix.table+` WHERE `+ix.table+` MATCH ? AND rowid <= ?`, ix.query, nAll/16).Scan(&part); err != nil {
			return 0, nil, fmt.Errorf("store: search: %w", err)
		}
		nWords = max(nWords, 16*part)
	}
	nFilter := int(nAll)
	if len(w.where) > 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+w.from+` `+whereOf(w.where)+` LIMIT ?)`,
			append(slices.Clone(w.args), filterCountCap)...).Scan(&n); err != nil {
			return 0, nil, fmt.Errorf("store: search: %w", err)
		}
		if n < filterCountCap {
			nFilter = n
		}
	}
	if forceWords != 0 {
		if forceWords == wordsGather {
			ids, err = int64s(s.db.QueryContext(ctx, `SELECT rowid FROM `+ix.table+` WHERE `+ix.table+` MATCH ?`, ix.query))
		}
		return forceWords, ids, err
	}
	return planWords(nWords, nFilter, int(nAll), limit), nil, nil
}

// textIndex is a full-text table and the query it is asked; for a phrase of
// three words or more, also its words and the query of its pairs.
type textIndex struct {
	table, query string
	phrase       []string
	pairs        string
}

// forceWords, when set, is the plan every search with words takes: tests
// hold the plans to the same results with it.
var forceWords wordsPlan

// noPairs, when set, keeps phrases from the phrase index: tests hold the two
// ways to the same results with it.
var noPairs bool

// occurrence is a cluster's first matching quote.
type occurrence struct{ quote, cluster int64 }

// firstOccurrences reads (quote, cluster) rows in order and returns the first
// row of each cluster, up to limit clusters.
func (s *SQLite) firstOccurrences(ctx context.Context, query string, args []any, limit int) ([]occurrence, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	var out []occurrence
	for len(out) < limit && rows.Next() {
		var o occurrence
		if err := rows.Scan(&o.quote, &o.cluster); err != nil {
			return nil, err
		}
		if !seen[o.cluster] {
			seen[o.cluster] = true
			out = append(out, o)
		}
	}
	return out, rows.Err()
}

// hits describes the clusters of reps, in their order, with the number of
// their occurrences matching conds: at outlet only when it is not 0, where a
// hit whose article was reported there as a copy is shown as that copy.
func (s *SQLite) hits(ctx context.Context, reps []occurrence, conds []string, args []any, outlet int64) ([]Hit, error) {
	qids := make([]any, len(reps))
	cids := make([]any, len(reps))
	for i, r := range reps {
		qids[i], cids[i] = r.quote, r.cluster
	}
	marks := inList(len(reps))
	byQuote := map[int64]*Hit{}
	elsewhere := map[int64]int64{} // quote → its article, for hits whose article is at another outlet
	rows, err := s.db.QueryContext(ctx, `SELECT q.id, q.cluster_id, sp.name, q.kind, q.content, a.id, a.title, o.name, a.url, a.published, q.confidence,
			a.pk, a.outlet_id, a.published_local
		FROM quotes q
		JOIN articles a ON a.pk = q.article_pk
		JOIN outlets o ON o.id = a.outlet_id
		LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE q.id IN (`+marks+`)`, qids...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	for rows.Next() {
		var id, pk, oid int64
		h := new(Hit)
		if err := rows.Scan(&id, &h.Cluster, &h.Speaker, &h.Kind, &h.Content, &h.Article, &h.Title, &h.Outlet, &h.URL, &h.Published, &h.Confidence,
			&pk, &oid, &h.PublishedLocal); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: search: %w", err)
		}
		byQuote[id] = h
		if outlet != 0 && oid != outlet {
			elsewhere[id] = pk
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	for id, pk := range elsewhere {
		h := byQuote[id]
		err := s.db.QueryRowContext(ctx, `SELECT o.name, cp.url, cp.published FROM article_copies cp JOIN outlets o ON o.id = cp.outlet_id
			WHERE cp.article_pk = ? AND cp.outlet_id = ? ORDER BY cp.published_utc IS NULL, cp.published_utc, cp.url LIMIT 1`, pk, outlet).Scan(
			&h.Outlet, &h.URL, &h.Published)
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		h.PublishedLocal = nil // the copy's, which gives none
	}
	// Occurrences matching the same conditions, found through the clusters.
	cond := whereOf(append(slices.Clone(conds), `q.cluster_id IN (`+marks+`)`))
	count := map[int64]int{}
	// Each occurrence counts with the copies of its article (the same text at
	// other addresses), as the quote's own page lists them; those at the
	// outlet searched only, when there is one.
	reports := `count(*) + ifnull(sum((SELECT count(*) FROM article_copies cp WHERE cp.article_pk = q.article_pk)), 0)`
	var reportArgs []any
	if outlet != 0 {
		reports = `sum(q.outlet_id = ?) + ifnull(sum((SELECT count(*) FROM article_copies cp WHERE cp.article_pk = q.article_pk AND cp.outlet_id = ?)), 0)`
		reportArgs = []any{outlet, outlet}
	}
	rows, err = s.db.QueryContext(ctx, `SELECT q.cluster_id, `+reports+`
		FROM quotes q INDEXED BY quotes_cluster `+cond+` GROUP BY q.cluster_id`,
		append(append(reportArgs, args...), cids...)...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	for rows.Next() {
		var c int64
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: search: %w", err)
		}
		count[c] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	out := make([]Hit, 0, len(reps))
	for _, r := range reps {
		if h := byQuote[r.quote]; h != nil {
			h.Occurrences = count[r.cluster]
			out = append(out, *h)
		}
	}
	return out, nil
}

// speakerIDs returns the speakers --speaker names: those whose canonical name
// or an alias folds as name does, with or without the titles before it ("Dr
// Naledi Pillay"). A surname alone, with or without a title ("Pillay", "Mr
// Ndlovu", "de Villiers"), also finds every speaker whose canonical name ends
// in it, a whole word ("Lee" is not "Ashlee"): a filter may find several
// people, where saving never merges them. A longer name that names nobody
// finds the speakers whose names end in it ("Kumar Verma"). Last, for a name
// typed without accents ("Sean O Briain"), the speakers whose name or alias
// does once its accents are taken off ("Seán Ó Briain").
func (s *SQLite) speakerIDs(ctx context.Context, name string) ([]any, error) {
	k := fold(name)
	bare := untitled(k)
	ids, err := int64s(s.db.QueryContext(ctx, `SELECT id FROM speakers WHERE name_key IN (?1, ?2)
		UNION SELECT speaker_id FROM speaker_aliases WHERE alias_key IN (?1, ?2)`, k, bare))
	surname := isSurname(bare)
	if err == nil && bare != "" && (surname || len(ids) == 0) {
		var more []int64
		more, err = s.speakersEndingIn(ctx, bare)
		for _, id := range more {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if err == nil && len(ids) == 0 && k != "" && k == quote.FoldName(k) {
		ids, err = s.unaccentedSpeakers(ctx, k, bare, surname)
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out, err
}

// speakersEndingIn returns the speakers whose folded canonical name ends in
// the words of key, after a space: found through the index of last words.
func (s *SQLite) speakersEndingIn(ctx context.Context, key string) ([]int64, error) {
	last := key[strings.LastIndexByte(key, ' ')+1:]
	return int64s(s.db.QueryContext(ctx, endingInSQL, last, key))
}

// endingInSQL selects the speakers whose last name word is ?1 and whose name
// ends in a space and ?2.
const endingInSQL = `SELECT id FROM speakers WHERE ` + lastWordSQL + ` = ?1
	AND substr(name_key, -1 - length(?2)) = ' ' || ?2 ORDER BY id`

// untitled is a folded name without the titles before it ("mr ndlovu" →
// "ndlovu", "sen ruth okafor" → "ruth okafor"); its last word stays, title
// or not ("king").
func untitled(key string) string {
	for {
		w, rest, ok := strings.Cut(key, " ")
		if !ok || !titles[w] {
			return key
		}
		key = rest
	}
}

// isSurname reports whether a folded name without titles is a surname alone:
// one word, perhaps after particles ("de villiers", "al assad", the Irish "ó
// briain").
func isSurname(key string) bool {
	words := strings.Fields(key)
	if len(words) == 0 {
		return false
	}
	for _, w := range words[:len(words)-1] {
		if !particles[w] && w != "ó" && w != "o" {
			return false
		}
	}
	return true
}

// unaccentedSpeakers returns the speakers one of whose keys, unaccented, is k
// or bare (k without titles), or for a surname ends in bare: a scan of the
// keys that hold a letter outside ASCII, which few do.
func (s *SQLite) unaccentedSpeakers(ctx context.Context, k, bare string, surname bool) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name_key FROM speakers WHERE name_key GLOB '*[^ -~]*'
		UNION ALL SELECT speaker_id, alias_key FROM speaker_aliases WHERE alias_key GLOB '*[^ -~]*'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		f := quote.FoldName(key)
		if (f == k || f == bare || surname && strings.HasSuffix(f, " "+bare)) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// match runs the statement query, an FTS5 MATCH of the user's words, through
// run, and tells the words' fault from the store's. The statement is
// prepared first, and does not depend on the words: an error then (the index
// missing) is the store's. An error of the run is the words' (ErrBadQuery)
// when it is the plain SQLITE_ERROR that FTS5 gives words it cannot parse
// ("fts5: syntax error near …", "no such column: x" for "x:word", "unknown
// special query"), unless a table is missing (one of the index's own); any
// other (a damaged file, a file that is not a database) is the store's.
func (s *SQLite) match(ctx context.Context, query string, run func(*sql.Stmt) error) error {
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	defer st.Close()
	err = run(st)
	var se *sqlite.Error
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &se) && se.Code() == sqlite3.SQLITE_ERROR && !strings.Contains(se.Error(), "no such table"):
		return fmt.Errorf("%w: %s", ErrBadQuery, ftsMessage(err))
	}
	return err
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

// Speakers returns the speakers with the most quotes first. The ranking
// comes from the count each speaker keeps; their clusters and articles are
// counted for the speakers listed only.
func (s *SQLite) Speakers(ctx context.Context, top int) (_ []SpeakerCount, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	if top <= 0 {
		top = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sp.id, sp.name, sp.quotes,
			(SELECT count(*) FROM quote_clusters c WHERE c.speaker_id = sp.id),
			(SELECT count(DISTINCT q.article_pk) FROM quotes q INDEXED BY quotes_speaker_time WHERE q.speaker_id = sp.id),
			(SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases WHERE speaker_id = sp.id ORDER BY alias))
		FROM speakers sp INDEXED BY speakers_quotes WHERE sp.quotes > 0
		ORDER BY sp.quotes DESC, sp.name LIMIT ?`, top)
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
func (s *SQLite) Cluster(ctx context.Context, id int64) (_ *Cluster, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	c := &Cluster{ID: id}
	err = s.db.QueryRowContext(ctx, `SELECT c.content, sp.name FROM quote_clusters c
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
func (s *SQLite) Article(ctx context.Context, id string) (_ *StoredArticle, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	a := &article.Article{Blocks: []article.Block{}, Entities: []article.Entity{}, Quotes: []article.Quote{}}
	sa := &StoredArticle{Article: a}
	var pk int64
	// (An id copied in capitals is the id: ours are lower-case hex; an
	// imported article's id is tried as it is first.)
	err = s.db.QueryRowContext(ctx, `SELECT a.pk, a.id, a.url, a.source, a.title, a.byline, a.published, a.timezone,
			a.text, a.fetched, a.ingested, o.name, a.published_local
		FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN (?1, lower(?1)) ORDER BY a.id = ?1 DESC LIMIT 1`, id).Scan(
		&pk, &a.ID, &a.URL, &a.Source, &a.Title, &a.Byline, &a.Published, &a.Timezone, &a.Text, &a.Fetched,
		&sa.Ingested, &sa.Outlet, &a.PublishedLocal)
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

// inList is the placeholders of an SQL list of n values; NULL (matching
// nothing) when n is 0.
func inList(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
