package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// SaveBatch stores the articles in one transaction, skipping known ones.
func (s *SQLite) SaveBatch(ctx context.Context, arts []*article.Article) (BatchStats, error) {
	var st BatchStats
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("store: save batch: %w", err)
	}
	defer tx.Rollback()
	sv := &saver{ctx: ctx, tx: tx, now: s.Now().UTC().Format(time.RFC3339), outlets: map[string]int64{}, stmts: map[string]*sql.Stmt{},
		speakers: map[string]int64{}, aliases: map[aliasKey]bool{}}
	defer func() {
		for _, st := range sv.stmts {
			st.Close()
		}
	}()
	// Rows above these ids are this batch's, indexed for full text at the end.
	var lastQuote, lastArticle int64
	if err := tx.QueryRowContext(ctx, `SELECT ifnull((SELECT max(id) FROM quotes), 0), ifnull((SELECT max(pk) FROM articles), 0)`).
		Scan(&lastQuote, &lastArticle); err != nil {
		return st, fmt.Errorf("store: save batch: %w", err)
	}
	for _, a := range arts {
		if a == nil {
			continue
		}
		n, known, err := sv.article(a)
		if err != nil {
			return BatchStats{}, fmt.Errorf("store: save %s: %w", a.Source, err)
		}
		if known {
			st.Known++
			continue
		}
		st.Articles++
		st.Quotes += n
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts(rowid, content) SELECT id, content FROM quotes WHERE id > ?`, lastQuote); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index quotes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) SELECT pk, title, text FROM articles WHERE pk > ?`, lastArticle); err != nil {
		return BatchStats{}, fmt.Errorf("store: save batch: index articles: %w", err)
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
	// shingles of the articles compared for stories in this batch (story.go).
	shingles map[int64][]uint64
}

type aliasKey struct {
	speaker int64
	key     string
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

// article stores one article; it returns the number of quotes stored and whether
// the article was already known.
func (sv *saver) article(a *article.Article) (int, bool, error) {
	sum := sha256.Sum256([]byte(a.Text))
	hash := hex.EncodeToString(sum[:])
	id := a.ID
	if id == "" {
		id = hash[:16]
	}
	var u any
	if a.URL != nil && *a.URL != "" {
		u = *a.URL
		var pk int64
		found, err := sv.one(`SELECT pk FROM articles WHERE url = ?
			UNION ALL SELECT article_pk FROM article_copies WHERE url = ? LIMIT 1`, []any{u, u}, &pk)
		if err != nil || found {
			return 0, found, err
		}
	}
	pub, pubUTC := published(a.Published)
	outlet, err := sv.outlet(outletName(a.URL, a.Source))
	if err != nil {
		return 0, false, err
	}
	var pk int64
	found, err := sv.one(`SELECT pk FROM articles WHERE text_hash = ? OR id = ?`, []any{hash, id}, &pk)
	if err != nil {
		return 0, false, err
	}
	if found {
		// The same text at a new URL: remember it as one more place it was reported.
		if u != nil {
			err = sv.exec(`INSERT INTO article_copies(url, article_pk, outlet_id, source, published, published_utc)
				VALUES (?, ?, ?, ?, ?, ?)`, u, pk, outlet, a.Source, pub, pubUTC)
		}
		return 0, true, err
	}
	_, err = sv.one(`INSERT INTO articles(id, url, text_hash, outlet_id, source, title, byline,
		published, published_utc, timezone, text, fetched, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING pk`,
		[]any{id, u, hash, outlet, a.Source, a.Title, a.Byline, pub, pubUTC, a.Timezone, a.Text, a.Fetched, sv.now}, &pk)
	if err != nil {
		return 0, false, fmt.Errorf("insert article %s: %w", id, err)
	}
	for i, b := range a.Blocks {
		if err := sv.exec(`INSERT INTO blocks(article_pk, seq, kind, start, "end") VALUES (?,?,?,?,?)`,
			pk, i, b.Kind, b.Start, b.End); err != nil {
			return 0, false, fmt.Errorf("insert block: %w", err)
		}
	}

	// Speakers first, so entities and quotes can point at them.
	ents := map[string]*article.Entity{}
	for i := range a.Entities {
		ents[a.Entities[i].ID] = &a.Entities[i]
	}
	speakerOf := make([]*int64, len(a.Quotes))
	entitySpeaker := map[string]int64{}
	for i, q := range a.Quotes {
		if q.Speaker.Name == nil || fold(*q.Speaker.Name) == "" {
			continue
		}
		var e *article.Entity
		if q.Speaker.Entity != nil {
			e = ents[*q.Speaker.Entity]
		}
		sid, err := sv.speaker(*q.Speaker.Name, e, q.Speaker.Mention)
		if err != nil {
			return 0, false, err
		}
		speakerOf[i] = &sid
		if e != nil {
			entitySpeaker[e.ID] = sid
		}
	}
	for _, e := range a.Entities {
		m, _ := json.Marshal(orEmpty(e.Mentions))
		var sid any
		if v, ok := entitySpeaker[e.ID]; ok {
			sid = v
		}
		if err := sv.exec(`INSERT INTO entities(article_pk, eid, name, type, speaker_id, mentions) VALUES (?,?,?,?,?,?)`,
			pk, e.ID, e.Name, e.Type, sid, string(m)); err != nil {
			return 0, false, fmt.Errorf("insert entity %s: %w", e.ID, err)
		}
	}
	for i, q := range a.Quotes {
		cid, err := sv.cluster(speakerOf[i], q.Content)
		if err != nil {
			return 0, false, err
		}
		spans, _ := json.Marshal(orEmpty(q.Spans))
		var cue any
		if q.Cue != nil {
			b, _ := json.Marshal(q.Cue)
			cue = string(b)
		}
		var sid any
		if speakerOf[i] != nil {
			sid = *speakerOf[i]
		}
		if err := sv.exec(`INSERT INTO quotes(article_pk, qid, cluster_id, speaker_id, kind, content, spans, cue,
			speaker_name, mention, mention_start, mention_end, entity, embedded_in, "where", confidence)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			pk, q.ID, cid, sid, q.Kind, q.Content, string(spans), cue, q.Speaker.Name, q.Speaker.Mention,
			q.Speaker.Start, q.Speaker.End, q.Speaker.Entity, q.EmbeddedIn, q.Where, q.Confidence); err != nil {
			return 0, false, fmt.Errorf("insert quote %s: %w", q.ID, err)
		}
	}
	if err := sv.story(pk, a.Text); err != nil {
		return 0, false, err
	}
	return len(a.Quotes), false, nil
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

func (sv *saver) outlet(name string) (int64, error) {
	if id, ok := sv.outlets[name]; ok {
		return id, nil
	}
	var id int64
	_, err := sv.one(`INSERT INTO outlets(name) VALUES (?)
		ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`, []any{name}, &id)
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
	id, found := sv.speakers[key]
	if !found {
		var err error
		found, err = sv.one(`SELECT id FROM speakers WHERE name_key = ?`, []any{key}, &id)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
		// Only a speaker known by this very name is cached: one reached
		// through an alias is looked up again, in case the alias has since
		// become ambiguous.
		if found {
			sv.speakers[key] = id
		}
	}
	if !found {
		keys := []string{key}
		if isPartial(key) {
			if last := lastToken(key); last != key && last != "" {
				keys = append(keys, last)
			}
		}
		for _, k := range keys {
			if !isPartial(key) && isPartial(k) {
				continue
			}
			ids, err := sv.aliasOwners(k)
			if err != nil {
				return 0, fmt.Errorf("speaker %s: %w", name, err)
			}
			if len(ids) == 1 {
				id, found = ids[0], true
				break
			}
			if len(ids) > 1 {
				break
			}
		}
	}
	if !found {
		_, err := sv.one(`INSERT INTO speakers(name, name_key) VALUES (?, ?) RETURNING id`, []any{name, key}, &id)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
		sv.speakers[key] = id
	}
	aliases := []string{name}
	if e != nil {
		aliases = append(aliases, e.Name)
		for _, m := range e.Mentions {
			aliases = append(aliases, m.Text)
		}
	}
	if mention != nil {
		aliases = append(aliases, *mention)
	}
	added := false
	for _, al := range aliases {
		al = strings.TrimSpace(al)
		k := aliasKey{id, fold(al)}
		if sv.aliases[k] || (al != name && !aliasOf(al, name)) {
			continue
		}
		n, err := sv.execN(`INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias, alias_key) VALUES (?, ?, ?)`, id, al, k.key)
		if err != nil {
			return 0, fmt.Errorf("speaker %s: alias %s: %w", name, al, err)
		}
		sv.aliases[k] = true
		added = added || n > 0
	}
	if added && !isPartial(key) {
		if err := sv.absorb(id); err != nil {
			return 0, fmt.Errorf("speaker %s: %w", name, err)
		}
	}
	return id, nil
}

// absorb merges into the full-named speaker id every speaker that was created
// from a partial name (a surname, perhaps with a title) which is now an alias of
// id and of no other speaker. It is what makes the merge independent of the
// order articles arrive in: "Assad" seen before "Bashar al-Assad" still ends up
// as him, unless another full-named speaker already has "Assad" too.
func (sv *saver) absorb(id int64) error {
	st, err := sv.prep(`SELECT p.id, p.name_key FROM speaker_aliases a
		JOIN speakers p ON p.name_key = a.alias_key AND p.id != a.speaker_id
		WHERE a.speaker_id = ?`)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(sv.ctx, id)
	if err != nil {
		return err
	}
	type cand struct {
		id  int64
		key string
	}
	var cands []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.key); err != nil {
			rows.Close()
			return err
		}
		if isPartial(c.key) {
			cands = append(cands, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range cands {
		var others int
		if _, err := sv.one(`SELECT count(DISTINCT speaker_id) FROM speaker_aliases WHERE alias_key = ? AND speaker_id NOT IN (?, ?)`,
			[]any{p.key, p.id, id}, &others); err != nil {
			return err
		}
		if others > 0 {
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
		`UPDATE quotes SET cluster_id = (SELECT f.id FROM quote_clusters f JOIN quote_clusters p ON p.content_key = f.content_key
			WHERE p.id = quotes.cluster_id AND f.speaker_id = ?2)
		WHERE speaker_id = ?1 AND EXISTS (SELECT 1 FROM quote_clusters f JOIN quote_clusters p ON p.content_key = f.content_key
			WHERE p.id = quotes.cluster_id AND f.speaker_id = ?2)`,
		`DELETE FROM quote_clusters WHERE speaker_id = ?1 AND NOT EXISTS (SELECT 1 FROM quotes WHERE cluster_id = quote_clusters.id)`,
		`UPDATE quote_clusters SET speaker_id = ?2 WHERE speaker_id = ?1`,
		`UPDATE quotes SET speaker_id = ?2 WHERE speaker_id = ?1`,
		`UPDATE entities SET speaker_id = ?2 WHERE speaker_id = ?1`,
		`INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias, alias_key) SELECT ?2, alias, alias_key FROM speaker_aliases WHERE speaker_id = ?1`,
		`DELETE FROM speakers WHERE id = ?1`,
	} {
		if _, err := sv.tx.ExecContext(sv.ctx, q, from, to); err != nil {
			return err
		}
	}
	return nil
}

func (sv *saver) aliasOwners(key string) ([]int64, error) {
	st, err := sv.prep(`SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_key = ? LIMIT 2`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(sv.ctx, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// cluster finds or creates the cluster of content said by speaker (nil: unnamed).
func (sv *saver) cluster(speaker *int64, content string) (int64, error) {
	key := fold(content)
	var sid any
	var sidKey int64
	if speaker != nil {
		sid, sidKey = *speaker, *speaker
	}
	var id int64
	found, err := sv.one(`SELECT id FROM quote_clusters WHERE ifnull(speaker_id, 0) = ? AND content_key = ?`,
		[]any{sidKey, key}, &id)
	if err != nil || found {
		return id, err
	}
	_, err = sv.one(`INSERT INTO quote_clusters(speaker_id, content_key, content) VALUES (?, ?, ?) RETURNING id`,
		[]any{sid, key, content}, &id)
	if err != nil {
		return 0, fmt.Errorf("quote cluster: %w", err)
	}
	return id, nil
}
