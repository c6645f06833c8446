package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/quote"
)

// SaveBatch stores the articles in one transaction, skipping known ones.
//
// Rows get their ids here, counted up from the largest stored (the
// transaction holds the write lock, so no one else hands out ids meanwhile),
// which lets blocks, entities, quote clusters and quotes be buffered and
// written many rows per statement.
func (s *SQLite) SaveBatch(ctx context.Context, arts []*article.Article) (BatchStats, error) {
	return s.SavePrepared(ctx, prepareAll(arts))
}

// SavePrepared is SaveBatch for articles already through Prepare. A store
// that cannot be written is an error naming its file, whatever the batch.
func (s *SQLite) SavePrepared(ctx context.Context, arts []*Prepared) (BatchStats, error) {
	if s.readOnly {
		return BatchStats{}, fmt.Errorf("store: cannot write %s: opened read-only", s.path)
	}
	st, err := s.savePrepared(ctx, arts)
	if err != nil {
		return st, s.writeError("save into", err)
	}
	return st, nil
}

func (s *SQLite) savePrepared(ctx context.Context, arts []*Prepared) (BatchStats, error) {
	var st BatchStats
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("store: save batch: %w", err)
	}
	defer tx.Rollback()
	sv := newSaver(ctx, tx, s.Now().UTC().Format(time.RFC3339))
	defer sv.close()
	var lastQuote, lastArticle, lastCluster, lastCopy int64
	// (A cluster number a merge took away is not given again.)
	if err := tx.QueryRowContext(ctx, `SELECT ifnull((SELECT max(id) FROM quotes), 0), ifnull((SELECT max(pk) FROM articles), 0),
		max(ifnull((SELECT max(id) FROM quote_clusters), 0), ifnull((SELECT max(from_id) FROM cluster_merges), 0)),
		ifnull((SELECT max(id) FROM article_copies), 0)`).Scan(
		&lastQuote, &lastArticle, &lastCluster, &lastCopy); err != nil {
		return st, fmt.Errorf("store: save batch: %w", err)
	}
	sv.nextQuote, sv.nextPK, sv.nextCluster = lastQuote+1, lastArticle+1, lastCluster+1
	// Quotes another writer stored without their pairs (a version before the
	// phrase index, still running) are indexed first: the mark below says
	// every quote up to the batch's last is.
	var upto int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM store_marks WHERE name = 'pairs_upto'`).Scan(&upto); err != nil {
		return st, fmt.Errorf("store: save batch: %w", err)
	}
	if upto < lastQuote {
		if _, _, err := sv.stageStoredPairs(upto, int(lastQuote-upto)); err != nil {
			return st, fmt.Errorf("store: save batch: index phrases: %w", err)
		}
	}
	// The same for the clusters' variant bands.
	if err := tx.QueryRowContext(ctx, `SELECT value FROM store_marks WHERE name = 'bands_upto'`).Scan(&upto); err != nil {
		return st, fmt.Errorf("store: save batch: %w", err)
	}
	if upto < lastCluster {
		if _, _, err := sv.bandStored(upto, int(lastCluster-upto)); err != nil {
			return st, fmt.Errorf("store: save batch: index quote variants: %w", err)
		}
	}
	for _, pa := range arts {
		a := pa.a
		n, known, err := sv.article(a, pa.p, pa.Origin)
		if err != nil {
			return BatchStats{}, fmt.Errorf("store: save %s: %w", a.Source, err)
		}
		if known != isNew {
			st.Known++
			if known == isCopy {
				st.Copies++
			}
			if sv.changed {
				st.Changed++
				if len(st.ChangedURLs) < 5 && a.URL != nil {
					st.ChangedURLs = append(st.ChangedURLs, *a.URL)
				}
			}
			st.IDs = append(st.IDs, sv.knownID)
			sv.knownID, sv.changed = "", false
			if sv.storedUnder != "" {
				if st.OtherOutlet++; st.StoredOutlet == "" {
					st.StoredOutlet = sv.storedUnder
				}
				sv.storedUnder = ""
			}
			continue
		}
		st.Articles++
		st.Quotes += n
		st.IDs = append(st.IDs, storedID(a, pa.p))
	}
	if err := sv.flush(); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: %w", err)
	}
	// Rows above these ids are this batch's, indexed for full text in one
	// statement each: FTS5 flushes its pending index at every statement.
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts(rowid, content) SELECT id, content FROM quotes WHERE id > ?`, lastQuote); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index quotes: %w", err)
	}
	if err := sv.indexPending(); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index phrases: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) SELECT pk, title, text FROM articles WHERE pk > ?`, lastArticle); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index articles: %w", err)
	}
	// The copies' own headlines, for article search.
	if _, err := tx.ExecContext(ctx, `INSERT INTO copies_fts(rowid, title) SELECT id, title FROM article_copies WHERE id > ? AND title IS NOT NULL`, lastCopy); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index copies: %w", err)
	}
	// The phrase index now holds every quote stored: this batch's, and any
	// stored before it without their pairs (staged above).
	if _, err := tx.ExecContext(ctx, `UPDATE store_marks SET value = ? WHERE name = 'pairs_upto'`, sv.nextQuote-1); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index phrases: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE store_marks SET value = ? WHERE name = 'bands_upto'`, sv.nextCluster-1); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index quote variants: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: commit: %w", err)
	}
	return st, nil
}

type saver struct {
	ctx     context.Context
	tx      *sql.Tx
	now     string
	outlets map[string]int64
	stmts   map[string]*sql.Stmt
	// speakers and aliases already settled in this batch: the same people
	// recur from article to article, and looking them up again is most of
	// the cost of saving.
	speakers map[string]int64
	aliases  map[aliasKey]bool
	// quote clusters looked up or made in this batch.
	clusters map[clusterKey]int64
	// speakers merged into another in this batch: from → to.
	merged map[int64]int64
	// surnames (folded, without a title) found to name one of several speakers
	// in this batch: chooseOwner is asked once a batch.
	partials map[string]int64
	// quotes of each speaker saved in this batch, added to their count at the end.
	spoke map[int64]int
	// stories and signatures of this batch's articles (story.go).
	sigs map[int64]batchSig
	// stories an article of this batch joined to another: from → to, and
	// the same in the order they were found, applied by flush.
	joined     map[int64]int64
	storyJoins [][2]int64
	// the ids the next new article, quote and cluster get.
	nextPK, nextQuote, nextCluster int64
	// the outlet the article just found known is stored under, when the
	// user named another (Origin.Outlet); "" otherwise.
	storedUnder string
	// knownID is the id of the article that article found the last one
	// known by, and changed whether its text differs from the one stored at
	// its URL.
	knownID string
	changed bool
	// rows waiting to be written, many per statement.
	rows struct {
		clusters, quotes, entities, blocks, sigs, sets, bands bulk
	}
	// the word pairs of the quotes stored, indexed at the end (indexPending).
	pairs []pairRow
	// the site names recorded in this batch (siteName).
	siteNames map[string]bool
	// the types and genders this batch's entities gave each speaker, not
	// yet added to the store's counts (describe).
	traits map[int64]map[string]int
	// band keys and clusters of this batch not yet written (variants.go).
	pendingBands    map[int64][]int64
	pendingVariants map[int64]pendingVariant
}

func newSaver(ctx context.Context, tx *sql.Tx, now string) *saver {
	sv := &saver{ctx: ctx, tx: tx, now: now, outlets: map[string]int64{}, stmts: map[string]*sql.Stmt{},
		speakers: map[string]int64{}, aliases: map[aliasKey]bool{}, clusters: map[clusterKey]int64{}, spoke: map[int64]int{},
		partials: map[string]int64{}}
	sv.rows.clusters = bulk{head: `INSERT INTO quote_clusters(id, speaker_id, content_key, content, key_hash) VALUES `, cols: 5}
	sv.rows.quotes = bulk{head: `INSERT INTO quotes(id, article_pk, qid, cluster_id, speaker_id, kind, content, spans, cue,
			speaker_name, mention, mention_start, mention_end, entity, embedded_in, "where", confidence, outlet_id, sort_time) VALUES `, cols: 19}
	sv.rows.entities = bulk{head: `INSERT INTO entities(article_pk, eid, name, type, speaker_id, mentions, gender) VALUES `, cols: 7}
	sv.rows.blocks = bulk{head: `INSERT INTO blocks(article_pk, seq, kind, start, "end") VALUES `, cols: 5}
	sv.rows.sigs = bulk{head: `INSERT OR REPLACE INTO story_sigs(article_pk, story_id, sig) VALUES `, cols: 3}
	sv.rows.sets = bulk{head: `INSERT OR REPLACE INTO story_sets(article_pk, shingles) VALUES `, cols: 2}
	sv.rows.bands = bulk{head: `INSERT OR IGNORE INTO quote_bands(band, cluster_id) VALUES `, cols: 2}
	return sv
}

// close closes the statements prepared for the batch.
func (sv *saver) close() {
	for _, st := range sv.stmts {
		st.Close()
	}
}

type aliasKey struct {
	speaker int64
	key     string
}

type clusterKey struct {
	speaker int64 // 0: unnamed
	hash    int64 // keyHash of the content
}

// bulk is rows of one table waiting to be inserted.
type bulk struct {
	head string // INSERT … VALUES
	cols int
	args []any
}

func (b *bulk) add(vals ...any) { b.args = append(b.args, vals...) }

// bulkChunk is the most rows one statement inserts: with 19 columns it stays
// far below SQLite's limit of 32,766 parameters.
const bulkChunk = 64

// write inserts b's rows and empties it. Rows go bulkChunk to a statement,
// the rest in statements of 32, 16 … 1 rows, so that a handful of statement
// texts, each prepared once per batch, serve every count.
func (sv *saver) write(b *bulk) error {
	rows := len(b.args) / b.cols
	at := 0
	for size := bulkChunk; rows > 0; {
		if rows < size {
			size /= 2
			continue
		}
		q := b.head + strings.TrimSuffix(strings.Repeat("("+strings.TrimSuffix(strings.Repeat("?,", b.cols), ",")+"),", size), ",")
		if err := sv.exec(q, b.args[at:at+size*b.cols]...); err != nil {
			return err
		}
		at += size * b.cols
		rows -= size
	}
	clear(b.args)
	b.args = b.args[:0]
	return nil
}

// flush writes every buffered row, parents before children, and adds the
// quotes saved to their speakers' counts.
func (sv *saver) flush() error {
	for _, b := range []*bulk{&sv.rows.clusters, &sv.rows.quotes, &sv.rows.entities, &sv.rows.blocks, &sv.rows.sigs, &sv.rows.sets, &sv.rows.bands} {
		if err := sv.write(b); err != nil {
			return err
		}
	}
	// Written: the store answers for them now.
	clear(sv.pendingBands)
	clear(sv.pendingVariants)
	if err := sv.joinStories(); err != nil {
		return err
	}
	if err := sv.writeSpoke(); err != nil {
		return err
	}
	return sv.writeTraits()
}

// writeSpoke adds the quotes saved since the last flush to their speakers'
// counts, in one statement: a statement each cost more than the updates.
func (sv *saver) writeSpoke() error {
	if len(sv.spoke) == 0 {
		return nil
	}
	n := map[int64]int{}
	for id, k := range sv.spoke {
		n[sv.current(id)] += k
	}
	clear(sv.spoke)
	b := make([]byte, 0, 16*len(n))
	b = append(b, '[')
	for id, k := range n {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, id, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, ']')
	}
	b = append(b, ']')
	return sv.exec(`UPDATE speakers SET quotes = quotes + j.value ->> 1 FROM json_each(?) j WHERE speakers.id = j.value ->> 0`, string(b))
}

// prep returns the statement for q prepared once per batch: preparing costs
// more than running most of these statements.
func (sv *saver) prep(q string) (*sql.Stmt, error) {
	if st, ok := sv.stmts[q]; ok {
		return st, nil
	}
	st, err := sv.tx.PrepareContext(sv.ctx, q)
	if err != nil {
		return nil, err
	}
	sv.stmts[q] = st
	return st, nil
}

func (sv *saver) exec(q string, args ...any) error {
	_, err := sv.execN(q, args...)
	return err
}

// execN runs q and returns the number of rows it changed.
func (sv *saver) execN(q string, args ...any) (int64, error) {
	st, err := sv.prep(q)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(sv.ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (sv *saver) one(q string, args []any, dest ...any) (bool, error) {
	st, err := sv.prep(q)
	if err != nil {
		return false, err
	}
	err = st.QueryRowContext(sv.ctx, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// storedID is the id a new article is stored under (see article).
func storedID(a *article.Article, p *prepared) string {
	if a.ID != "" {
		return a.ID
	}
	return p.hash[:16]
}

// knownUnder notes in sv.storedUnder the outlet the known article pk is stored
// under when outlet, the one the user named, is neither its outlet nor one of
// its copies': a known article is skipped, and keeps its outlet.
func (sv *saver) knownUnder(pk int64, outlet string) error {
	if outlet == "" {
		return nil
	}
	var name string
	_, err := sv.one(`SELECT o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.pk = ?1 AND o.name != ?2
		AND NOT EXISTS (SELECT 1 FROM article_copies cp JOIN outlets co ON co.id = cp.outlet_id WHERE cp.article_pk = ?1 AND co.name = ?2)`,
		[]any{pk, outlet}, &name)
	sv.storedUnder = name
	return err
}

// novelty is what saving an article found it to be.
type novelty int

const (
	isNew   novelty = iota // stored
	isKnown                // stored already, from this URL or outlet
	isCopy                 // its text stored already: kept as a copy at a new URL or outlet
)

// article stores one article; it returns the number of quotes stored and
// whether the article was new, known or a copy of a known one.
func (sv *saver) article(a *article.Article, p *prepared, o Origin) (int, novelty, error) {
	hash := p.hash
	id := a.ID
	if id == "" {
		id = hash[:16]
	}
	var u any
	if a.URL != nil && *a.URL != "" {
		u = *a.URL
		var pk int64
		var stored string // the text's hash stored at this URL
		found, err := sv.one(`SELECT pk, text_hash, id FROM articles WHERE url = ?1
			UNION ALL SELECT c.article_pk, a.text_hash, a.id FROM article_copies c JOIN articles a ON a.pk = c.article_pk WHERE c.url = ?1 LIMIT 1`,
			[]any{u}, &pk, &stored, &sv.knownID)
		if err == nil && found {
			sv.changed = stored != hash
			err = sv.knownUnder(pk, o.Outlet)
		}
		if err != nil || found {
			return 0, isKnown, err
		}
	}
	pub, pubUTC := published(a.Published)
	var pk int64
	found, err := sv.one(`SELECT pk, id FROM articles WHERE text_hash = ? OR id = ?`, []any{hash, id}, &pk, &sv.knownID)
	if err != nil {
		return 0, isNew, err
	}
	if found && u == nil {
		// The same file again, under another outlet's name: one report.
		same, err := sv.one(`SELECT 1 FROM articles WHERE pk = ?1 AND source = ?2
			UNION ALL SELECT 1 FROM article_copies WHERE article_pk = ?1 AND source = ?2 LIMIT 1`, []any{pk, a.Source}, new(int))
		if err == nil && same {
			err = sv.knownUnder(pk, o.Outlet)
		}
		if err != nil || same {
			return 0, isKnown, err
		}
	}
	name := articleOutlet(a, o)
	if found && u == nil {
		if known, err := sv.filedUnderFolder(pk, a, o, name); err != nil || known {
			return 0, isKnown, err
		}
	}
	outlet, err := sv.outlet(name)
	if err != nil {
		return 0, isNew, err
	}
	if err := sv.siteName(a, o, outlet); err != nil {
		return 0, isNew, err
	}
	if found {
		// The same text at a new URL, or without one at another outlet (a
		// folder of another outlet's files): remember it as one more place it
		// was reported, once per outlet when it has no URL.
		// It keeps its own headline (NULL when it is the article's) and time.
		var n int64
		local := a.PublishedLocal
		sortTime := copySortTime(pubUTC, a.PublishedLocal)
		if u != nil {
			n, err = sv.execN(`INSERT INTO article_copies(url, article_pk, outlet_id, source, published, published_utc, title, published_local, sort_time)
				SELECT ?1, ?2, ?3, ?4, ?5, ?6, nullif(nullif(?7, ''), (SELECT title FROM articles WHERE pk = ?2)), ?8, ?9`,
				u, pk, outlet, a.Source, pub, pubUTC, a.Title, local, sortTime)
		} else {
			n, err = sv.execN(`INSERT INTO article_copies(url, article_pk, outlet_id, source, published, published_utc, title, published_local, sort_time)
				SELECT NULL, ?1, ?2, ?3, ?4, ?5, nullif(?6, (SELECT title FROM articles WHERE pk = ?1)), ?7, ?8
				WHERE NOT EXISTS (SELECT 1 FROM articles WHERE pk = ?1 AND outlet_id = ?2)
					AND NOT EXISTS (SELECT 1 FROM article_copies WHERE article_pk = ?1 AND outlet_id = ?2)`,
				pk, outlet, a.Source, pub, pubUTC, a.Title, local, sortTime)
		}
		if n > 0 {
			return 0, isCopy, err
		}
		return 0, isKnown, err
	}
	sortTime := copySortTime(pubUTC, a.PublishedLocal)
	pk = sv.nextPK
	ref, err := sv.storyOf(pk, p)
	if err != nil {
		return 0, isNew, err
	}
	if err := sv.exec(`INSERT INTO articles(pk, id, url, text_hash, outlet_id, source, title, byline,
		published, published_utc, timezone, text, fetched, ingested, story_id, sort_time, published_local) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		pk, id, u, hash, outlet, a.Source, a.Title, a.Byline, pub, pubUTC, a.Timezone, a.Text, a.Fetched, sv.now, ref.story, sortTime,
		a.PublishedLocal); err != nil {
		return 0, isNew, fmt.Errorf("insert article %s: %w", id, err)
	}
	sv.nextPK++
	if err := sv.index(pk, ref); err != nil {
		return 0, isNew, err
	}
	for i, b := range a.Blocks {
		sv.rows.blocks.add(pk, i, b.Kind, b.Start, b.End)
	}

	// Speakers first, so entities and quotes can point at them.
	ents := map[string]*article.Entity{}
	for i := range a.Entities {
		ents[a.Entities[i].ID] = &a.Entities[i]
	}
	speakerOf := make([]int64, len(a.Quotes)) // 0: no speaker
	entitySpeaker := map[string]int64{}
	// The same person is quoted again and again in an article: each name,
	// entity and mention is settled once.
	type said struct{ name, entity, mention string }
	settled := map[said]int64{}
	for i, q := range a.Quotes {
		if q.Speaker.Name == nil || fold(*q.Speaker.Name) == "" {
			continue
		}
		var e *article.Entity
		k := said{name: *q.Speaker.Name}
		if q.Speaker.Entity != nil {
			e = ents[*q.Speaker.Entity]
			k.entity = *q.Speaker.Entity
		}
		if q.Speaker.Mention != nil {
			k.mention = *q.Speaker.Mention
		}
		sid, ok := settled[k]
		if !ok {
			var err error
			if sid, err = sv.speaker(*q.Speaker.Name, e, q.Speaker.Mention); err != nil {
				return 0, isNew, err
			}
			settled[k] = sid
		}
		speakerOf[i] = sid
		if e != nil {
			entitySpeaker[e.ID] = sid
		}
	}
	// A speaker settled for a later quote may have absorbed one settled for
	// an earlier quote: ids are read again now that all are settled.
	for i, sid := range speakerOf {
		speakerOf[i] = sv.current(sid)
	}
	for i, e := range a.Entities {
		var sid any
		if v, ok := entitySpeaker[e.ID]; ok {
			sid = sv.current(v)
		}
		sv.rows.entities.add(pk, e.ID, e.Name, e.Type, sid, p.mentions[i], nullIfEmpty(e.Gender))
		if sid != nil {
			sv.describe(sid.(int64), e.Type, e.Gender)
		}
	}
	cids, err := sv.clustersOf(pk, ref.story, speakerOf, a.Quotes, p)
	if err != nil {
		return 0, isNew, err
	}
	for i, q := range a.Quotes {
		var sid any
		if speakerOf[i] != 0 {
			sid = speakerOf[i]
			sv.spoke[speakerOf[i]]++
		}
		sv.rows.quotes.add(sv.nextQuote, pk, q.ID, cids[i], sid, q.Kind, q.Content, p.spans[i], p.cues[i], q.Speaker.Name, q.Speaker.Mention,
			q.Speaker.Start, q.Speaker.End, q.Speaker.Entity, q.EmbeddedIn, q.Where, q.Confidence, outlet, sortTime)
		sv.pairs = append(sv.pairs, pairRow{sv.nextQuote, p.pairs[i]})
		sv.nextQuote++
	}
	if len(sv.rows.quotes.args) >= 8*bulkChunk*sv.rows.quotes.cols {
		if err := sv.flush(); err != nil {
			return 0, isNew, err
		}
	}
	return len(a.Quotes), isNew, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// published returns the stored forms of an RFC 3339 time: as given, and in UTC
// for ordering. A time that does not parse is kept as given, without the UTC form.
func published(p *string) (any, any) {
	if p == nil || *p == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, *p)
	if err != nil {
		return *p, nil
	}
	return *p, t.UTC().Format(time.RFC3339)
}

// copySortTime is the sort_time of an article or copy: its time in UTC, else
// its wall clock read as UTC, else '9999' (unknown times sort last).
func copySortTime(pubUTC any, local *string) string {
	if t, ok := pubUTC.(string); ok {
		return t
	}
	if t, ok := localSortTime(local); ok {
		return t
	}
	return "9999"
}

// localSortTime is the sort_time of an article known only by the wall clock
// it printed (article.PublishedLocal: "2025-03-04T10:00:00" or "2025-03-04"),
// read as UTC: within a day of the truth, enough for --since and --until by day.
func localSortTime(p *string) (string, bool) {
	if p == nil {
		return "", false
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, *p); err == nil {
			return t.UTC().Format(time.RFC3339), true
		}
	}
	return "", false
}

func (sv *saver) outlet(name string) (int64, error) {
	if id, ok := sv.outlets[name]; ok {
		return id, nil
	}
	// Names that differ only by case are one outlet, under the first
	// spelling stored: the folder "cbc" and the pages' site name "CBC".
	var id int64
	found, err := sv.one(`SELECT id FROM outlets WHERE name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC, id LIMIT 1`, []any{name}, &id)
	if err == nil && !found {
		_, err = sv.one(`INSERT INTO outlets(name) VALUES (?) RETURNING id`, []any{name}, &id)
	}
	if err != nil {
		return 0, fmt.Errorf("outlet %s: %w", name, err)
	}
	sv.outlets[name] = id
	return id, nil
}

// speaker finds or creates the person called name and records the article's
// proper-name mentions of them as aliases.
//
// A full name is the same person as a stored speaker with that canonical name,
// or with that full name as an alias. A partial name (a surname, perhaps with a
// title) joins the one speaker that has it as an alias; if none or several do,
// it stays a speaker of its own rather than guess.
func (sv *saver) speaker(name string, e *article.Entity, mention *string) (int64, error) {
	key := fold(name)
	// A surname alone, perhaps with titles, is a partial name; an
	// organisation's or a place's name never is ("Health Canada" is not a
	// Canada of the health ministry).
	partial := isPartial(key) && (e == nil || e.Type == "" || e.Type == "PERSON")
	forms := entityForms(name, e, mention) // forms[0] is name
	// The name without its middle initials is a form of it too ("Paul Ryan" of
	// "Paul D. Ryan"), which two people of other initials share.
	if bare := bareForm(name); bare != name {
		forms = append(forms, bare)
	}
	// A surname alone that the article gives a title of one gender is known by
	// it ("Mrs. Clinton", "Mr. Clinton"): two people of one surname stay apart.
	if partial && key == lastToken(key) {
		if t := titledForm(key, forms); t != "" {
			name, key = t, fold(t)
			forms[0] = t
		}
	}
	id, found := sv.speakers[key]
	if !found {
		var err error
		found, err = sv.one(`SELECT id FROM speakers WHERE name_key = ?`, []any{key}, &id)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
		// A surname's own speaker, made while the surname named no one
		// person, joins the person it names now (once a batch).
		if found && partial {
			to, ok, err := sv.partialOwner(id, key)
			if err != nil {
				return 0, fmt.Errorf("speaker %s: %w", name, err)
			}
			if ok {
				if err := sv.merge(id, to); err != nil {
					return 0, fmt.Errorf("merge speaker %d into %d: %w", id, to, err)
				}
				id, found = to, false
			}
		}
		// Only a speaker known by this very name is cached: one reached
		// through an alias is looked up again, in case the alias has since
		// become ambiguous.
		if found {
			sv.speakers[key] = id
		}
	}
	// The gender the titles of a surname alone imply ("Mrs. Nasser").
	g := 0
	if !found && partial {
		g = genderOfNames(forms)
		if to := sv.partials[key]; to != 0 && g == 0 {
			id, found = sv.current(to), true
		}
	}
	if !found {
		keys := []string{key}
		if partial {
			if last := lastToken(key); last != key && last != "" {
				keys = append(keys, last)
			}
		}
		for _, k := range keys {
			if !partial && isPartial(k) {
				continue
			}
			ids, err := sv.aliasOwners(k)
			if err != nil {
				return 0, fmt.Errorf("speaker %s: %w", name, err)
			}
			if len(ids) == 1 && !(partial && g != 0) {
				id, found = ids[0], true
				break
			}
			if len(ids) > 0 {
				if partial {
					id, found, err = sv.chooseOwner(k, 0, g)
					if err != nil {
						return 0, fmt.Errorf("speaker %s: %w", name, err)
					}
					if found && g == 0 {
						sv.partials[key] = id
					}
				}
				break
			}
		}
	}
	// A full name with middle initials is the one person known by it without
	// them, or with the same ones ("Paul D. Ryan" and "Paul Ryan"; not "George
	// H. W. Bush" and "George W. Bush", whom "George Bush" names both).
	if bare := bareKey(key); !found && !partial && bare != key {
		ids, err := sv.aliasOwners(bare)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
		if len(ids) == 1 {
			ok, err := sv.sameInitials(ids[0], key)
			if err != nil {
				return 0, fmt.Errorf("speaker %s: %w", name, err)
			}
			id, found = ids[0], ok
		}
	}
	if !found && !partial && e != nil {
		var err error
		id, found, err = sv.byOtherFullNames(key, name, e)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
	}
	if !found {
		_, err := sv.one(`INSERT INTO speakers(name, name_key) VALUES (?, ?) RETURNING id`, []any{name, key}, &id)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
		sv.speakers[key] = id
	}
	var added []string // the alias keys new to the speaker
	known := -1        // the genders the speaker's titles imply, once looked up
	keys := make([]string, len(forms))
	for i, al := range forms {
		keys[i] = fold(al)
	}
	for i, al := range forms {
		al = strings.TrimSpace(al)
		k := aliasKey{id, keys[i]}
		if sv.aliases[k] || (al != name && !aliasOf(al, name)) || al != name && openedForm(al, keys) {
			continue
		}
		// A title of the other gender than the speaker's titles say is the
		// article's mistake or another person ("Ms. Trump" beside "Mr. Trump").
		if g := titleGender(k.key); g != 0 && al != name {
			if known < 0 {
				var err error
				if known, err = sv.genderOf(id); err != nil {
					return 0, fmt.Errorf("speaker %s: %w", name, err)
				}
			}
			if known != 0 && known&g == 0 {
				continue
			}
			known |= g
		}
		n, err := sv.execN(`INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias, alias_key) VALUES (?, ?, ?)`, id, al, k.key)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: alias %s: %w", name, al, err)
		}
		sv.aliases[k] = true
		if n > 0 {
			added = append(added, k.key)
		}
	}
	if len(added) > 0 && !partial {
		if err := sv.absorb(id, added); err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
	}
	return id, nil
}

// siteName records the site name a page or record states for an article
// filed under its URL's host ("Global News" for globalnews.ca), so that
// --outlet finds the host's reports by it; the first outlet a name is seen
// with keeps it. Once a batch for each name.
func (sv *saver) siteName(a *article.Article, o Origin, outlet int64) error {
	name, host := article.CleanSiteName(a.SiteName), urlHost(a.URL)
	if name == "" || host == "" || o.Outlet != "" && !strings.EqualFold(o.Outlet, host) || sv.siteNames[name] {
		return nil
	}
	if sv.siteNames == nil {
		sv.siteNames = map[string]bool{}
	}
	sv.siteNames[name] = true
	return sv.exec(`INSERT OR IGNORE INTO outlet_names(name, outlet_id) VALUES (?, ?)`, name, outlet)
}

// describe counts, for speaker id, the type and gender an entity of an
// article gives them; flush adds the counts to the store's and sets the
// speaker's type and gender from them (traitsSQL).
func (sv *saver) describe(id int64, typ, gender string) {
	if sv.traits == nil {
		sv.traits = map[int64]map[string]int{}
	}
	m := sv.traits[id]
	if m == nil {
		m = map[string]int{}
		sv.traits[id] = m
	}
	if typ != "" {
		m[typ]++
	}
	if gender == "female" || gender == "male" {
		m[gender]++
	}
}

// traitsSQL sets speaker ?1's type (the most told; a person when a tie
// holds one) and, for a person, gender (the one told more often than the
// other, else none) from their counts.
const traitsSQL = `UPDATE speakers SET
	type = (` + typeOfSQL + `),
	gender = (SELECT CASE WHEN (` + typeOfSQL + `) != 'PERSON' THEN NULL WHEN f > m THEN 'female' WHEN m > f THEN 'male' END FROM
		(SELECT ifnull(sum(n) FILTER (WHERE trait = 'female'), 0) AS f, ifnull(sum(n) FILTER (WHERE trait = 'male'), 0) AS m
		FROM speaker_traits WHERE speaker_id = ?1))
	WHERE id = ?1`

// typeOfSQL is speaker ?1's most told type, a person's when a tie holds one.
const typeOfSQL = `SELECT trait FROM speaker_traits WHERE speaker_id = ?1 AND trait NOT IN ('female', 'male')
	ORDER BY n DESC, trait = 'PERSON' DESC, trait LIMIT 1`

// traitsEachSQL is traitsSQL for each speaker of the JSON array of ids ?1.
var traitsEachSQL = strings.Replace(strings.ReplaceAll(traitsSQL, "?1", "speakers.id"),
	"WHERE id = speakers.id", "WHERE id IN (SELECT value FROM json_each(?1))", 1)

// writeTraits adds the batch's counts of types and genders to the store's
// and sets each speaker's from them: one statement for the counts and one for
// the speakers.
func (sv *saver) writeTraits() error {
	if len(sv.traits) == 0 {
		return nil
	}
	type trait struct {
		id   int64
		name string
	}
	n := map[trait]int{}
	var ids []int64
	seen := map[int64]bool{}
	for id, m := range sv.traits {
		id = sv.current(id)
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
		for t, k := range m {
			n[trait{id, t}] += k
		}
	}
	clear(sv.traits)
	if len(n) > 0 {
		rows := make([]any, 0, len(n))
		for t, k := range n {
			rows = append(rows, []any{t.id, t.name, k})
		}
		js, err := json.Marshal(rows)
		if err != nil {
			return err
		}
		if err := sv.exec(`INSERT INTO speaker_traits(speaker_id, trait, n) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
			ON CONFLICT(speaker_id, trait) DO UPDATE SET n = n + excluded.n`, string(js)); err != nil {
			return err
		}
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	return sv.exec(traitsEachSQL, string(js))
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// partialOwner finds the person that the surname's own speaker id (folded name
// key) names by now, as chooseOwner does.
func (sv *saver) partialOwner(id int64, key string) (int64, bool, error) {
	g, err := sv.genderOf(id)
	if err != nil {
		return 0, false, err
	}
	return sv.chooseOwner(key, id, g)
}

// Genders that titles imply, as bits: a speaker or name whose titles say both
// (titleMale|titleFemale) is compatible with neither.
const (
	titleMale   = 1
	titleFemale = 2
)

// toldSex is a stored gender ("female", "male") as a first name's ("f", "m").
func toldSex(gender string) string {
	switch gender {
	case "female":
		return "f"
	case "male":
		return "m"
	}
	return ""
}

// otherSex reports whether a first name's gender ("m", "f", "") is not the one
// titles say (g).
func otherSex(g int, first string) bool {
	return g == titleMale && first == "f" || g == titleFemale && first == "m"
}

// titleGenders are the titles of address that say a gender.
var titleGenders = map[string]int{
	"mr": titleMale, "sir": titleMale, "lord": titleMale,
	"mrs": titleFemale, "ms": titleFemale, "miss": titleFemale, "lady": titleFemale, "dame": titleFemale,
}

// The titles of each gender, as SQL lists.
var (
	maleTitles   = sqlWords(titleGenders, func(g int) bool { return g == titleMale })
	femaleTitles = sqlWords(titleGenders, func(g int) bool { return g == titleFemale })
)

// titleGender is the gender a folded name's first word implies, 0 for none.
func titleGender(key string) int {
	first, _, _ := strings.Cut(key, " ")
	return titleGenders[first]
}

// titledForm is the first of forms that is the surname of key with a title of
// one gender, when the forms' titles say one gender; "" otherwise.
func titledForm(key string, forms []string) string {
	g := genderOfNames(forms)
	if g != titleMale && g != titleFemale {
		return ""
	}
	last := lastToken(key)
	for _, f := range forms {
		if k := fold(f); titleGender(k) == g && isPartial(k) && lastToken(k) == last {
			return strings.TrimSpace(f)
		}
	}
	return ""
}

// genderOfNames is the genders the titles of names imply.
func genderOfNames(names []string) int {
	g := 0
	for _, n := range names {
		g |= titleGender(fold(n))
	}
	return g
}

// sameInitials reports whether speaker id is known by no form of the name key
// (folded, with middle initials) that has other middle initials.
func (sv *saver) sameInitials(id int64, key string) (bool, error) {
	st, err := sv.prep(`SELECT alias_key FROM speaker_aliases WHERE speaker_id = ?`)
	if err != nil {
		return false, err
	}
	rows, err := st.QueryContext(sv.ctx, id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	// Compared on the words of the names alone: "Sen. John A. Smith" has
	// other initials than "John B. Smith".
	words := func(k string) string { return strings.Join(nameTokens(k), " ") }
	key = words(key)
	bare := bareKey(key)
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return false, err
		}
		if k = words(k); k != key && k != bare && bareKey(k) == bare {
			return false, nil
		}
	}
	return true, rows.Err()
}

// openedForm reports whether form is another of the forms whose folds are keys
// (of two words or more) with one word before it that is no title: "Billionaire
// Jane Roe" beside "Jane Roe", "Enter The Harbour Times" beside "The Harbour
// Times", a sentence's opening word the mention took in. "Mr. Roe", "The
// Harbour Times" and "Jane Roe" beside "Roe" are forms of their own.
func openedForm(form string, keys []string) bool {
	first, rest, ok := strings.Cut(form, " ")
	if !ok || !strings.Contains(rest, " ") {
		return false
	}
	if f := fold(first); titles[f] || particles[f] || f == "the" || f == "a" || f == "an" {
		return false
	}
	return slices.Contains(keys, fold(rest))
}

// entityForms lists a speaker's name (first), their entity's name and mentions,
// and the quote's mention.
func entityForms(name string, e *article.Entity, mention *string) []string {
	forms := []string{name}
	if e != nil {
		forms = append(forms, e.Name)
		for _, m := range e.Mentions {
			forms = append(forms, trimOpeners(m.Text))
		}
	}
	if mention != nil {
		forms = append(forms, trimOpeners(*mention))
	}
	return forms
}

// trimOpeners drops the words a sentence opened with before a name from a
// form of it: "And Trump", "Enter The Washington Post" are Trump and The
// Washington Post.
func trimOpeners(form string) string {
	for {
		first, rest, ok := strings.Cut(form, " ")
		if !ok || rest == "" {
			return form
		}
		lw := strings.ToLower(first)
		if !openerWords[lw] {
			return form // (not "-ing" words: "Sterling Brown", "Irving Kristol")
		}
		form = rest
	}
}

// openerWords open sentences and are no part of a name after them.
var openerWords = map[string]bool{"and": true, "but": true, "or": true, "so": true, "yet": true, "then": true,
	"see": true, "enter": true, "also": true, "when": true, "while": true, "if": true, "as": true, "after": true,
	"before": true, "because": true, "though": true, "although": true, "meanwhile": true, "however": true}

// genderOf is the genders the titles of a speaker's aliases imply ("Mr. Nasser").
func (sv *saver) genderOf(id int64) (int, error) {
	st, err := sv.prep(`SELECT alias_key FROM speaker_aliases WHERE speaker_id = ?
		AND substr(alias_key, 1, instr(alias_key, ' ') - 1) IN (` + maleTitles + `, ` + femaleTitles + `)`)
	if err != nil {
		return 0, err
	}
	rows, err := st.QueryContext(sv.ctx, id)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	g := 0
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return 0, err
		}
		g |= titleGender(k)
	}
	return g, rows.Err()
}

// Prominence a speaker needs over every other of the same surname to be the
// one a surname alone names: this many times as many quotes, and at least
// minProminent quotes.
const (
	prominence   = 10
	minProminent = 20
)

// chooseOwner finds the person a surname alone names (folded, perhaps with a
// title: key) when several speakers have it as an alias, skipping except (the
// surname's own speaker, if any): of those whose name ends in the surname and
// whose titles do not say another gender than g, the only one, or the one quoted
// prominence times as often as each other. Otherwise, it finds none: "Haddad" of Omar and Lina Haddad stays
// apart. An article that names no one fully ("Mr. Obama said …") is about the
// person the corpus knows by that surname, not about their namesake.
func (sv *saver) chooseOwner(key string, except int64, g int) (int64, bool, error) {
	if g == titleMale|titleFemale {
		return 0, false, nil
	}
	// The people of that surname whose titles say no other gender, most quoted
	// first: the first two tell.
	gender := "" // no alias with a title of the other gender
	switch g {
	case titleMale:
		gender = femaleTitles
	case titleFemale:
		gender = maleTitles
	}
	if gender != "" {
		gender = `AND NOT EXISTS (SELECT 1 FROM speaker_aliases t WHERE t.speaker_id = s.id
			AND substr(t.alias_key, 1, instr(t.alias_key, ' ') - 1) IN (` + gender + `))`
	}
	surname := lastToken(key)
	// People known by the surname (with the title or without), by a full name
	// that ends in it: not another surname's own speaker ("Mr. Haddad"). One
	// merely stored under a full name ending in it is not enough: "Ms. Klein,
	// a kindergarten teacher" is not the minister Marjorie Klein, and a merge
	// is not undone. (A first name or a gender an article told of the other
	// sex rules one out too: "Mr. Clinton" is not Hillary Clinton; the few
	// most quoted are read for that.)
	st, err := sv.prep(`SELECT DISTINCT s.id, s.quotes, s.name_key, ifnull(s.gender, '') FROM speaker_aliases a
		JOIN speakers s ON s.id = a.speaker_id
		WHERE a.alias_key IN (?1, ?3) AND s.id != ?2 AND s.name_key LIKE '% ' || ?3
		AND substr(s.name_key, 1, instr(s.name_key, ' ') - 1) NOT IN (` + titlesSQL + `) ` + gender + `
		ORDER BY s.quotes DESC LIMIT 8`)
	if err != nil {
		return 0, false, err
	}
	rows, err := st.QueryContext(sv.ctx, key, except, surname)
	if err != nil {
		return 0, false, err
	}
	type owner struct{ id, quotes int64 }
	var fit []owner
	for rows.Next() {
		var o owner
		var nameKey, told string
		if err := rows.Scan(&o.id, &o.quotes, &nameKey, &told); err != nil {
			rows.Close()
			return 0, false, err
		}
		if first, _, _ := strings.Cut(nameKey, " "); len(fit) < 2 && !otherSex(g, quote.FirstNameGender(first)) && !otherSex(g, toldSex(told)) {
			fit = append(fit, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, false, err
	}
	switch {
	case len(fit) == 1:
		return fit[0].id, true, nil
	case len(fit) > 1 && fit[0].quotes >= minProminent && fit[0].quotes >= prominence*fit[1].quotes:
		return fit[0].id, true, nil
	}
	return 0, false, nil
}

// byOtherFullNames finds the person called name (folded: key) by the other full
// names the article gives them: an article that writes "Donald J. Trump" and
// "Donald Trump" says they are one person, and a stored speaker known by the
// shorter form is that person. It finds none when the forms are known as two
// or more speakers.
func (sv *saver) byOtherFullNames(key, name string, e *article.Entity) (int64, bool, error) {
	var owner int64
	for _, text := range entityForms(name, e, nil) {
		mk := fold(text)
		if mk == key || isPartial(mk) || !aliasOf(text, name) {
			continue
		}
		ids, err := sv.aliasOwners(mk)
		if err != nil {
			return 0, false, err
		}
		for _, id := range ids {
			if owner != 0 && owner != id {
				return 0, false, nil
			}
			owner = id
		}
	}
	// Not a person known by other middle initials than name's.
	if owner != 0 {
		if ok, err := sv.sameInitials(owner, key); err != nil || !ok {
			return 0, false, err
		}
	}
	return owner, owner != 0, nil
}

// absorbSQL finds the speakers named ?1 or ?1 with a title of address
// (titleGenders: "mr haddad", "lord haddad" …), other than ?2.
var absorbSQL = func() string {
	titles := slices.Sorted(maps.Keys(titleGenders))
	forms := []string{"?1"}
	for _, t := range titles {
		forms = append(forms, "'"+t+" ' || ?1")
	}
	return `SELECT id, name_key FROM speakers WHERE name_key IN (` + strings.Join(forms, ", ") + `) AND id != ?2`
}()

// absorb merges into the full-named speaker id every speaker that was created
// from a partial name (a surname, perhaps with a title) which is one of keys, the
// aliases id has just gained (or that surname with a title of address), and
// which names id now (partialOwner). It is what makes the merge independent of
// the order articles arrive in: "Assad" seen before "Bashar al-Assad" still ends
// up as him, unless another full-named speaker already has "Assad" too.
func (sv *saver) absorb(id int64, keys []string) error {
	st, err := sv.prep(absorbSQL)
	if err != nil {
		return err
	}
	type cand struct {
		id  int64
		key string
	}
	var cands []cand
	seen := map[int64]bool{}
	for _, k := range keys {
		rows, err := st.QueryContext(sv.ctx, k, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c cand
			if err := rows.Scan(&c.id, &c.key); err != nil {
				rows.Close()
				return err
			}
			if isPartial(c.key) && !seen[c.id] {
				seen[c.id] = true
				cands = append(cands, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, p := range cands {
		if _, gone := sv.merged[p.id]; gone {
			continue
		}
		to, ok, err := sv.partialOwner(p.id, p.key)
		if err != nil {
			return err
		}
		if !ok || to != id {
			continue
		}
		if err := sv.merge(p.id, id); err != nil {
			return fmt.Errorf("merge speaker %d into %d: %w", p.id, id, err)
		}
	}
	return nil
}

// merge moves everything of speaker from onto speaker to and deletes from.
// Quote clusters of the same words become one.
func (sv *saver) merge(from, to int64) error {
	// The rows waiting to be written may name from: write them first, so the
	// updates below reach them.
	if err := sv.flush(); err != nil {
		return err
	}
	if sv.merged == nil {
		sv.merged = map[int64]int64{}
	}
	sv.merged[from] = to
	clear(sv.clusters)
	// from's clusters become to's: their variant bands are keyed again.
	var moved []int64
	var movedKeys []string
	rows, err := sv.tx.QueryContext(sv.ctx, `SELECT id, content_key FROM quote_clusters WHERE speaker_id = ?`, from)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return err
		}
		moved, movedKeys = append(moved, id), append(movedKeys, key)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for k, id := range sv.speakers {
		if id == from {
			delete(sv.speakers, k)
		}
	}
	for k := range sv.aliases {
		if k.speaker == from {
			delete(sv.aliases, k)
		}
	}
	for _, q := range []string{
		// from's clusters that to has the words of lead on to to's.
		`INSERT OR REPLACE INTO cluster_merges(from_id, to_id) SELECT p.id, f.id FROM quote_clusters p
			JOIN quote_clusters f ON f.key_hash = p.key_hash AND f.speaker_id = ?2 WHERE p.speaker_id = ?1`,
		`UPDATE cluster_merges SET to_id = (SELECT m.to_id FROM cluster_merges m WHERE m.from_id = cluster_merges.to_id)
			WHERE to_id IN (SELECT p.id FROM quote_clusters p JOIN quote_clusters f ON f.key_hash = p.key_hash AND f.speaker_id = ?2
				WHERE p.speaker_id = ?1)`,
		`UPDATE quotes SET cluster_id = (SELECT f.id FROM quote_clusters f JOIN quote_clusters p ON p.key_hash = f.key_hash
			WHERE p.id = quotes.cluster_id AND f.speaker_id = ?2)
		WHERE speaker_id = ?1 AND EXISTS (SELECT 1 FROM quote_clusters f JOIN quote_clusters p ON p.key_hash = f.key_hash
			WHERE p.id = quotes.cluster_id AND f.speaker_id = ?2)`,
		`DELETE FROM quote_clusters WHERE speaker_id = ?1 AND NOT EXISTS (SELECT 1 FROM quotes WHERE cluster_id = quote_clusters.id)`,
		`UPDATE quote_clusters SET speaker_id = ?2 WHERE speaker_id = ?1`,
		`UPDATE quotes SET speaker_id = ?2 WHERE speaker_id = ?1`,
		`UPDATE speakers SET quotes = quotes + ifnull((SELECT quotes FROM speakers WHERE id = ?1), 0) WHERE id = ?2`,
		`UPDATE entities SET speaker_id = ?2 WHERE speaker_id = ?1`,
		`INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias, alias_key) SELECT ?2, alias, alias_key FROM speaker_aliases WHERE speaker_id = ?1`,
		`INSERT INTO speaker_traits(speaker_id, trait, n) SELECT ?2, trait, n FROM speaker_traits WHERE speaker_id = ?1 AND true
			ON CONFLICT(speaker_id, trait) DO UPDATE SET n = n + excluded.n`,
		`DELETE FROM speaker_traits WHERE speaker_id = ?1`,
		strings.ReplaceAll(traitsSQL, "?1", "?2"),
		`DELETE FROM speakers WHERE id = ?1`,
		`UPDATE speaker_merges SET to_id = ?2 WHERE to_id = ?1`,
		`INSERT OR REPLACE INTO speaker_merges(from_id, to_id) VALUES (?1, ?2)`,
	} {
		if _, err := sv.tx.ExecContext(sv.ctx, q, from, to); err != nil {
			return err
		}
	}
	sv.bandSpeaker(to, moved, movedKeys)
	return nil
}

func (sv *saver) aliasOwners(key string) ([]int64, error) {
	st, err := sv.prep(`SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_key = ? LIMIT 2`)
	if err != nil {
		return nil, err
	}
	return int64s(st.QueryContext(sv.ctx, key))
}

// int64s reads rows of one integer column, and closes them.
func int64s(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// current returns the speaker that id is now: itself, or the one it was
// merged into in this batch; 0 stays 0.
func (sv *saver) current(id int64) int64 { return followed(sv.merged, id) }

// followed is where id leads in a map of ids to the ids they became, along
// the chain to its end (the maps hold no cycle: each leads to an earlier id or
// to one made for it).
func followed(m map[int64]int64, id int64) int64 {
	for {
		to, ok := m[id]
		if !ok {
			return id
		}
		id = to
	}
}

// clustersOf returns the cluster of each quote of article pk of story story
// (speakers[i] its speaker, 0 for unnamed; p.content[i] the fold of its
// content, p.hashes[i] its keyHash), creating those that do not exist. Stored clusters
// are looked up in one query; a quote of a named speaker whose words have no
// cluster joins that of the speaker's quote trimmed otherwise in the story's
// other articles (nearClusters), if any, else that of the speaker's quote in
// any story of which it is a variant (variantClusters).
func (sv *saver) clustersOf(pk, story int64, speakers []int64, quotes []article.Quote, p *prepared) ([]int64, error) {
	keys, hashes := p.content, p.hashes
	ids := make([]int64, len(quotes))
	var missing []int64
	for i, h := range hashes {
		if id, ok := sv.clusters[clusterKey{speakers[i], h}]; ok {
			ids[i] = id
		} else {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		if err := sv.lookClusters(missing); err != nil {
			return nil, fmt.Errorf("quote clusters: %w", err)
		}
	}
	for i, h := range hashes {
		if id, ok := sv.clusters[clusterKey{speakers[i], h}]; ok {
			ids[i] = id
		}
	}
	if story != pk {
		contents := make([]string, len(quotes))
		for i, q := range quotes {
			contents[i] = q.Content
		}
		if err := sv.nearClusters(pk, story, ids, speakers, contents, keys); err != nil {
			return nil, fmt.Errorf("quote clusters: %w", err)
		}
	}
	if err := sv.variantClusters(ids, speakers, keys, p.sketches); err != nil {
		return nil, fmt.Errorf("quote clusters: %w", err)
	}
	for i, h := range hashes {
		if ids[i] != 0 {
			continue
		}
		ck := clusterKey{speakers[i], h}
		id, ok := sv.clusters[ck]
		if !ok {
			id = sv.nextCluster
			sv.nextCluster++
			var sid any
			if speakers[i] != 0 {
				sid = speakers[i]
			}
			sv.rows.clusters.add(id, sid, keys[i], quotes[i].Content, h)
			sv.addBands(id, speakers[i], keys[i], p.sketches[i])
			sv.clusters[ck] = id
		}
		ids[i] = id
	}
	return ids, nil
}

// keyHash is the hash a quote cluster is found by: of its content's fold.
func keyHash(key string) int64 { return int64(xxhash.Sum64String(key)) }

// lookChunk is how many hashes one cluster lookup asks for; shorter lists
// are padded with their last hash, so that there is one statement text.
const lookChunk = 32

var lookClustersSQL = `SELECT id, ifnull(speaker_id, 0), key_hash FROM quote_clusters WHERE key_hash IN (` +
	strings.TrimSuffix(strings.Repeat("?,", lookChunk), ",") + `)`

// lookClusters puts the stored clusters with these hashes, whoever said
// them, into the batch's cache.
func (sv *saver) lookClusters(hashes []int64) error {
	return sv.inChunks(lookClustersSQL, lookChunk, hashes, func(rows *sql.Rows) error {
		var id int64
		var ck clusterKey
		if err := rows.Scan(&id, &ck.speaker, &ck.hash); err != nil {
			return err
		}
		sv.clusters[ck] = id
		return nil
	})
}

// inChunks runs the statement q, whose placeholders are chunk keys (an IN
// list), over keys chunk at a time, a shorter last chunk padded with its last
// key so that one statement text serves; scan reads each row.
func (sv *saver) inChunks(q string, chunk int, keys []int64, scan func(*sql.Rows) error) error {
	st, err := sv.prep(q)
	if err != nil {
		return err
	}
	args := make([]any, chunk)
	for at := 0; at < len(keys); at += chunk {
		part := keys[at:min(at+chunk, len(keys))]
		for i := range args {
			args[i] = part[min(i, len(part)-1)]
		}
		rows, err := st.QueryContext(sv.ctx, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
