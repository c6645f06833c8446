package store

import (
	"cmp"
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
// their earliest matching occurrence (those without a known time last).
//
// Every report is judged by its own time and outlet: a copy of an article (the
// same text at another URL or outlet) is an occurrence of each of its quotes,
// with the copy's time, outlet, URL and headline. A cluster matches when one
// of its occurrences does, and is shown by the earliest of those; ties in time
// go to the smallest URL (else source file), so that the result does not
// depend on the order the articles were saved in.
//
// Matching occurrences are read in time order, articles and copies merged
// from their own time indexes, and the first occurrence of each cluster met
// is its earliest: reading stops at the limit-th cluster (and the reports
// tied with it), so a search costs what its page costs, not what all its
// matches do. The words, if any, are applied in the way planWords finds
// cheapest.
func (s *SQLite) Search(ctx context.Context, q Query) (_ []Hit, err error) {
	defer func() { err = fileError(s.path, "search", err) }()
	// where holds the conditions on the quote's own columns; the time and
	// outlet are each occurrence's (occ).
	var where []string
	var args []any
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
	var outlets []any // the outlets searched, none for any
	if q.Outlet != "" {
		// Any case ("Harbour Gazette", "harbour gazette"), and the outlets a
		// page names so ("Global News" for globalnews.ca), as export finds them.
		var err error
		if outlets, err = s.outletIDs(ctx, q.Outlet); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		if len(outlets) == 0 {
			return nil, nil
		}
	}
	// occ is the conditions of the outlet and dates on one occurrence's
	// columns: an article's (a, or q, which carries them), or a copy's (cp).
	occ := func(alias string) ([]string, []any) {
		var c []string
		var a []any
		if len(outlets) > 0 {
			c, a = append(c, alias+`.outlet_id IN (`+inList(len(outlets))+`)`), append(a, outlets...)
		}
		if !q.Since.IsZero() {
			c = append(c, alias+`.sort_time >= ? AND `+alias+`.sort_time < '9999'`)
			a = append(a, q.Since.UTC().Format(time.RFC3339))
		}
		if !q.Until.IsZero() {
			c, a = append(c, alias+`.sort_time < ?`), append(a, q.Until.UTC().Format(time.RFC3339))
		}
		return c, a
	}
	aCond, aArgs := occ("a")
	qCond, qArgs := occ("q")
	cCond, cArgs := occ("cp")
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
	articleIndex, copyIndex := "articles_time", "article_copies_time"
	if len(outlets) > 0 {
		articleIndex, copyIndex = "articles_outlet_time", "article_copies_outlet_time"
	}
	// The walk in time order, in two arms merged: the articles' reports and
	// the copies'. Through one speaker's quotes, else through the articles and
	// the copies (their indexes have a row per article or copy, not per
	// quote; CROSS JOIN keeps them the outer loop, whatever the planner makes
	// of the words).
	art := walk{from: `articles a INDEXED BY ` + articleIndex + ` CROSS JOIN quotes q ON q.article_pk = a.pk`, t: `a.sort_time`, k: `a.pk`,
		where: append(slices.Clone(aCond), where...), args: append(slices.Clone(aArgs), args...)}
	cp := walk{from: `article_copies cp INDEXED BY ` + copyIndex + ` CROSS JOIN quotes q ON q.article_pk = cp.article_pk`,
		where: append(slices.Clone(cCond), where...), args: append(slices.Clone(cArgs), args...)}
	if bySpeaker {
		art = walk{from: `quotes q INDEXED BY quotes_speaker_time`, t: `q.sort_time`, k: `q.article_pk`,
			where: append(slices.Clone(where), qCond...), args: append(slices.Clone(args), qArgs...)}
		cp.from = `quotes q INDEXED BY quotes_speaker_time CROSS JOIN article_copies cp ON cp.article_pk = q.article_pk`
	}
	// How the words are applied to counting occurrences.
	var countCond []string
	var countArgs []any
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
		plan, ids, err := s.planSearch(ctx, ix, art, limit)
		if err != nil {
			return nil, err
		}
		inSet := `q.id IN (SELECT rowid FROM ` + ix.table + ` WHERE ` + ix.table + ` MATCH ?)`
		probe := `EXISTS (SELECT 1 FROM ` + ix.table + ` WHERE ` + ix.table + ` MATCH ? AND rowid = q.id)`
		var arg any = ix.query
		countCond, countArgs = []string{probe}, []any{arg}
		switch plan {
		case 0:
			return nil, nil
		case wordsGather:
			// From the matches, sorted: no index to walk.
			cond := inSet
			if ids != nil {
				// The matches are known already: the full-text index is not asked again.
				list, _ := json.Marshal(ids)
				cond, arg = `q.id IN (SELECT value FROM json_each(?))`, string(list)
			}
			art = walk{from: `quotes q`, t: `q.sort_time`, k: `q.article_pk`,
				where: append(append(slices.Clone(where), qCond...), cond), args: append(append(slices.Clone(args), qArgs...), arg)}
			cp.from = `quotes q CROSS JOIN article_copies cp ON cp.article_pk = q.article_pk`
			cp.where, cp.args = append(slices.Clone(cp.where), cond), append(slices.Clone(cp.args), arg)
			countCond, countArgs = []string{cond}, []any{arg}
		case wordsProbe:
			art.where, art.args = append(slices.Clone(art.where), probe), append(slices.Clone(art.args), arg)
			cp.where, cp.args = append(slices.Clone(cp.where), probe), append(slices.Clone(cp.args), arg)
		case wordsSet:
			art.where, art.args = append(slices.Clone(art.where), inSet), append(slices.Clone(art.args), arg)
			cp.where, cp.args = append(slices.Clone(cp.where), inSet), append(slices.Clone(cp.args), arg)
		}
	}
	order := `ORDER BY t, k, quote`
	if q.Newest {
		// The walk backwards, through the times known.
		art.where = append(slices.Clone(art.where), art.t+` < '`+unknownTime+`'`)
		cp.where = append(slices.Clone(cp.where), `cp.sort_time < '`+unknownTime+`'`)
		order = `ORDER BY t DESC, k DESC, quote DESC`
	}
	walkSQL, walkArgs := `SELECT q.id AS quote, q.cluster_id, 0, `+art.t+` AS t, `+art.k+` AS k
		FROM `+art.from+` `+whereOf(art.where), slices.Clone(art.args)
	// A store without copies is spared the copies' arm (through one
	// speaker's quotes, it would look each one up).
	var copies bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM article_copies)`).Scan(&copies); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	if copies {
		walkSQL += `
		UNION ALL SELECT q.id, q.cluster_id, cp.id, cp.sort_time, cp.id FROM ` + cp.from + ` ` + whereOf(cp.where)
		walkArgs = append(walkArgs, cp.args...)
	}
	reps, err := s.firstOccurrences(ctx, walkSQL+`
		`+order+` LIMIT `+fmt.Sprint(scanCap), walkArgs, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	if len(reps) == 0 {
		return nil, nil
	}
	return s.hits(ctx, reps, limit, q.Newest, counting{
		quote: append(slices.Clone(where), countCond...), quoteArgs: append(slices.Clone(args), countArgs...),
		article: qCond, articleArgs: qArgs, copy: cCond, copyArgs: cArgs,
	})
}

// walk is a way to read a search's quotes in time order: from the tables,
// with the time and the tie-breaker (k) it reads them in.
type walk struct {
	from, t, k string
	where      []string
	args       []any
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

// occurrence is one matching report of a cluster's quote: in its article, or
// in a copy of it.
type occurrence struct {
	quote, cluster int64
	copy           int64  // the copy's id (article_copies), 0 for the article itself
	time           string // its sort_time
}

// firstOccurrences reads occurrences in time order and returns, for each
// cluster met, its earliest: all those at that time, ties to settle. It
// stops after limit clusters, once the reports tied with the last are read
// (unknown times are not read further: they have no first).
func (s *SQLite) firstOccurrences(ctx context.Context, query string, args []any, limit int) ([][]occurrence, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	at := map[int64]int{}
	var out [][]occurrence
	for rows.Next() {
		var o occurrence
		var k int64
		if err := rows.Scan(&o.quote, &o.cluster, &o.copy, &o.time, &k); err != nil {
			return nil, err
		}
		if len(out) >= limit {
			if last := out[limit-1][0].time; o.time != last || last == unknownTime {
				break
			}
		}
		if i, ok := at[o.cluster]; ok {
			if out[i][0].time == o.time {
				out[i] = append(out[i], o)
			}
			continue
		}
		at[o.cluster] = len(out)
		out = append(out, []occurrence{o})
	}
	return out, rows.Err()
}

// unknownTime is the sort_time of a report without a known time.
const unknownTime = "9999"

// counting is which occurrences of a cluster a search counts: those whose
// quote matches quote, in the article when it matches article, and in each
// copy that matches copy (each on its own columns: q and cp).
type counting struct {
	quote, article, copy             []string
	quoteArgs, articleArgs, copyArgs []any
}

// hits describes the clusters of reps, each by its first report (ties in time
// to the smallest URL, else source), in order of time (newest: the latest
// first, each by its latest report, which reps then hold), with the number
// of their occurrences c counts; at most limit.
func (s *SQLite) hits(ctx context.Context, reps [][]occurrence, limit int, newest bool, c counting) ([]Hit, error) {
	var qids, cpids, cids []any
	for _, cands := range reps {
		cids = append(cids, cands[0].cluster)
		for _, o := range cands {
			qids = append(qids, o.quote)
			if o.copy != 0 {
				cpids = append(cpids, o.copy)
			}
		}
	}
	type shown struct {
		hit Hit
		key string // the report's URL, else its source: ties in time go to the smallest
	}
	byQuote := map[int64]shown{}
	rows, err := s.db.QueryContext(ctx, `SELECT q.id, q.cluster_id, sp.name, sp.id, q.kind, q.content, a.id, a.title, o.name, a.url, a.published, q.confidence,
			a.published_local, ifnull(a.url, a.source)
		FROM quotes q
		JOIN articles a ON a.pk = q.article_pk
		JOIN outlets o ON o.id = a.outlet_id
		LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE q.id IN (`+inList(len(qids))+`)`, qids...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	for rows.Next() {
		var id int64
		var h shown
		if err := rows.Scan(&id, &h.hit.Cluster, &h.hit.Speaker, &h.hit.SpeakerID, &h.hit.Kind, &h.hit.Content, &h.hit.Article, &h.hit.Title, &h.hit.Outlet,
			&h.hit.URL, &h.hit.Published, &h.hit.Confidence, &h.hit.PublishedLocal, &h.key); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: search: %w", err)
		}
		byQuote[id] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	// A copy is shown as itself: its outlet, URL, time and headline.
	byCopy := map[int64]shown{}
	if len(cpids) > 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT cp.id, ifnull(cp.title, a.title), o.name, cp.url, cp.published, cp.published_local,
				ifnull(cp.url, cp.source)
			FROM article_copies cp JOIN articles a ON a.pk = cp.article_pk JOIN outlets o ON o.id = cp.outlet_id
			WHERE cp.id IN (`+inList(len(cpids))+`)`, cpids...)
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		for rows.Next() {
			var id int64
			var h shown
			if err := rows.Scan(&id, &h.hit.Title, &h.hit.Outlet, &h.hit.URL, &h.hit.Published, &h.hit.PublishedLocal, &h.key); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: search: %w", err)
			}
			byCopy[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
	}
	type first struct {
		shown
		time  string
		quote int64
	}
	var firsts []first
	for _, cands := range reps {
		var best *first
		for _, o := range cands {
			h, ok := byQuote[o.quote]
			if !ok {
				continue
			}
			if o.copy != 0 {
				cp, ok := byCopy[o.copy]
				if !ok {
					continue
				}
				h.hit.Title, h.hit.Outlet, h.hit.URL, h.hit.Published, h.hit.PublishedLocal = cp.hit.Title, cp.hit.Outlet, cp.hit.URL,
					cp.hit.Published, cp.hit.PublishedLocal
				h.key = cp.key
			}
			f := first{h, o.time, o.quote}
			if best == nil || f.key < best.key || f.key == best.key && f.quote < best.quote {
				best = &f
			}
		}
		if best != nil {
			firsts = append(firsts, *best)
		}
	}
	// In time order; within one time by URL (else source), then by the
	// quote's place in its article: the order of saving plays no part.
	slices.SortStableFunc(firsts, func(x, y first) int {
		if x.time != y.time {
			if newest {
				return strings.Compare(y.time, x.time)
			}
			return strings.Compare(x.time, y.time)
		}
		if x.key != y.key {
			return strings.Compare(x.key, y.key)
		}
		return cmp.Compare(x.quote, y.quote)
	})
	if len(firsts) > limit {
		firsts = firsts[:limit]
	}
	// Occurrences matching the same conditions, found through the clusters:
	// each quote in its article when the article matches, and in each copy
	// of its article that matches (as the quote's own page lists them).
	count := map[int64]int{}
	rows, err = s.db.QueryContext(ctx, `SELECT q.cluster_id, ifnull(sum(`+and(c.article)+`), 0)
			+ ifnull(sum((SELECT count(*) FROM article_copies cp WHERE cp.article_pk = q.article_pk AND `+and(c.copy)+`)), 0)
		FROM quotes q INDEXED BY quotes_cluster `+whereOf(append(slices.Clone(c.quote), `q.cluster_id IN (`+inList(len(cids))+`)`))+`
		GROUP BY q.cluster_id`,
		slices.Concat(c.articleArgs, c.copyArgs, c.quoteArgs, cids)...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: search: %w", err)
		}
		count[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	out := make([]Hit, 0, len(firsts))
	for _, f := range firsts {
		f.hit.Occurrences = count[f.hit.Cluster]
		out = append(out, f.hit)
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
	// Those found by the surname without its title ("Morley" for "Ms.
	// Morley") are not of the other sex.
	if g := titleGender(k); err == nil && g != 0 && bare != k && surname {
		ids, err = s.ofSex(ctx, ids, k, g)
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

// ofSex returns the speakers of ids known by the titled name k ("ms
// morley") or not known to be of the other sex than its title's (g), by a
// gender an article told or their first name.
func (s *SQLite) ofSex(ctx context.Context, ids []int64, k string, g int) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	set, _ := json.Marshal(ids)
	rows, err := s.db.QueryContext(ctx, `SELECT id, name_key, ifnull(gender, ''),
			name_key = ?2 OR EXISTS (SELECT 1 FROM speaker_aliases a WHERE a.speaker_id = speakers.id AND a.alias_key = ?2)
		FROM speakers WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id`, string(set), k)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keep := map[int64]bool{}
	for rows.Next() {
		var id int64
		var nameKey, told string
		var titled bool
		if err := rows.Scan(&id, &nameKey, &told, &titled); err != nil {
			return nil, err
		}
		first, _, _ := strings.Cut(nameKey, " ")
		keep[id] = titled || !otherSex(g, toldSex(told)) && !otherSex(g, quote.FirstNameGender(first))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range ids {
		if keep[id] {
			out = append(out, id)
		}
	}
	return out, nil
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
	rows, err := s.db.QueryContext(ctx, `SELECT sp.id, sp.name, ifnull(sp.type, ''), ifnull(sp.gender, ''), sp.quotes,
			(SELECT count(*) FROM quote_clusters c WHERE c.speaker_id = sp.id),
			(SELECT count(DISTINCT q.article_pk) FROM quotes q INDEXED BY quotes_speaker_time WHERE q.speaker_id = sp.id),
			(SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases WHERE speaker_id = sp.id ORDER BY alias)),
			sp.quotes + `+copyReports+`
		FROM speakers sp INDEXED BY speakers_quotes WHERE sp.quotes > 0
		ORDER BY sp.quotes DESC, sp.name LIMIT ?`, top)
	if err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	return scanSpeakers(rows)
}

// SpeakersIn is Speakers counted over the reports (articles and copies of
// them) that f's outlet and dates keep (f.Speaker is not read): Quotes,
// Clusters and Articles are the stored ones those reports carry (a copy's
// counted once with its article), Reports every report kept. Most reports
// first; top <= 0 is all. With no outlet and no dates, it is Speakers.
func (s *SQLite) SpeakersIn(ctx context.Context, f ExportFilter, top int) (_ []SpeakerCount, err error) {
	if f.Outlet == "" && f.Since.IsZero() && f.Until.IsZero() {
		return s.Speakers(ctx, top)
	}
	defer func() { err = fileError(s.path, "read", err) }()
	if top <= 0 {
		top = -1
	}
	acond, aargs := occurrenceConds(f, "a")
	ccond, cargs := occurrenceConds(f, "cp")
	q := `WITH reps AS (
			SELECT a.pk AS art, 0 AS copy FROM articles a WHERE ` + and(acond) + `
			UNION ALL
			SELECT cp.article_pk, 1 FROM article_copies cp WHERE ` + and(ccond) + `),
		said AS (
			SELECT q.speaker_id AS sp,
				count(DISTINCT q.id) AS quotes,
				count(DISTINCT q.cluster_id) AS clusters,
				count(DISTINCT q.article_pk) AS articles,
				count(*) AS reports
			FROM reps r JOIN quotes q ON q.article_pk = r.art WHERE q.speaker_id IS NOT NULL GROUP BY q.speaker_id)
		SELECT sp.id, sp.name, ifnull(sp.type, ''), ifnull(sp.gender, ''), s.quotes, s.clusters, s.articles,
			(SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases WHERE speaker_id = sp.id ORDER BY alias)),
			s.reports
		FROM said s JOIN speakers sp ON sp.id = s.sp
		ORDER BY s.reports DESC, s.quotes DESC, sp.name LIMIT ?`
	rows, err := s.db.QueryContext(ctx, q, append(append(aargs, cargs...), top)...)
	if err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	return scanSpeakers(rows)
}

// scanSpeakers reads the rows of Speakers and SpeakersIn: id, name, type,
// gender, quotes, clusters, articles, aliases (a JSON array), reports.
func scanSpeakers(rows *sql.Rows) ([]SpeakerCount, error) {
	defer rows.Close()
	var out []SpeakerCount
	for rows.Next() {
		var c SpeakerCount
		var aliases string
		if err := rows.Scan(&c.ID, &c.Name, &c.Type, &c.Gender, &c.Quotes, &c.Clusters, &c.Articles, &aliases, &c.Reports); err != nil {
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

// copyReports counts the occurrences of speaker sp's quotes in copies of
// their articles: added to their quotes, their reports.
const copyReports = `(SELECT count(*) FROM quotes q INDEXED BY quotes_speaker_time
	JOIN article_copies cp ON cp.article_pk = q.article_pk WHERE q.speaker_id = sp.id)`

// Cluster returns one quote cluster with every article, and every copy of an
// article, that carried it, earliest first.
func (s *SQLite) Cluster(ctx context.Context, id int64) (_ *Cluster, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	c := &Cluster{}
	// A cluster merged into another is that one, whose number the cluster
	// says (merges keep their last target, so one step is enough).
	err = s.db.QueryRowContext(ctx, `SELECT c.id, c.content, sp.name FROM quote_clusters c
		LEFT JOIN speakers sp ON sp.id = c.speaker_id
		WHERE c.id = ifnull((SELECT to_id FROM cluster_merges WHERE from_id = ?1
			AND NOT EXISTS (SELECT 1 FROM quote_clusters WHERE id = ?1)), ?1)`, id).Scan(&c.ID, &c.Content, &c.Speaker)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT * FROM (
		SELECT a.id AS aid, q.qid AS qid, q.kind, q.content, a.title, o.name, a.url, a.source, a.published, a.published_utc AS utc, 0,
			a.sort_time AS t, ifnull(a.url, a.source) AS k, a.published_local
		FROM quotes q JOIN articles a ON a.pk = q.article_pk JOIN outlets o ON o.id = a.outlet_id
		WHERE q.cluster_id = ?1
		UNION ALL
		SELECT a.id, q.qid, q.kind, q.content, ifnull(nullif(cp.title, ''), a.title), o.name, cp.url, cp.source, cp.published, cp.published_utc, 1,
			cp.sort_time, ifnull(cp.url, cp.source), cp.published_local
		FROM quotes q JOIN articles a ON a.pk = q.article_pk JOIN article_copies cp ON cp.article_pk = a.pk
		JOIN outlets o ON o.id = cp.outlet_id
		WHERE q.cluster_id = ?1)
		ORDER BY t, k, qid`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var o Occurrence
		var utc *string
		var t, k string
		if err := rows.Scan(&o.Article, &o.Quote, &o.Kind, &o.Content, &o.Title, &o.Outlet, &o.URL, &o.Source,
			&o.Published, &utc, &o.Copy, &t, &k, &o.PublishedLocal); err != nil {
			return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
		}
		if c.FirstReported == nil && o.Published != nil && utc != nil {
			c.FirstReported = o.Published
		}
		if c.FirstReportedLocal == nil && o.PublishedLocal != nil {
			c.FirstReportedLocal = o.PublishedLocal
		}
		c.Occurrences = append(c.Occurrences, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: quote cluster %d: %w", id, err)
	}
	if c.FirstReported != nil {
		c.FirstReportedLocal = nil
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

// CheckBounds reports an error when since is not before until (both set):
// such a range holds nothing, and is a slip of the user's.
func CheckBounds(since, until time.Time) error {
	if !since.IsZero() && !until.IsZero() && !since.Before(until) {
		return fmt.Errorf("the range is empty: since %s is not before until %s", since.Format(time.RFC3339), until.Format(time.RFC3339))
	}
	return nil
}

// outletIDs returns the outlets known by name (any case, "www." or not) or
// by a site name their pages give (outletsNamed).
func (s *SQLite) outletIDs(ctx context.Context, name string) ([]any, error) {
	ids, err := int64s(s.db.QueryContext(ctx, outletsNamed+` ORDER BY 1`, outletNameArgs(name)...))
	if err != nil {
		return nil, err
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out, nil
}

// outletsNamed selects the ids of the outlets a user's name for an outlet
// stands for, with outletNameArgs's two arguments: those stored under it, in
// any case, and those whose pages give it as their site name.
const outletsNamed = `SELECT id FROM outlets WHERE name = ? COLLATE NOCASE
	UNION SELECT outlet_id FROM outlet_names WHERE name = ? COLLATE NOCASE`

// outletNameArgs are outletsNamed's arguments for name: the stored form (a
// host is stored lower-case, without "www.") and the name as given.
func outletNameArgs(name string) []any {
	name = strings.TrimSpace(name)
	return []any{strings.TrimPrefix(strings.ToLower(name), "www."), name}
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
