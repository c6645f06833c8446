package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The phrase index (migration 0008): each quote's consecutive word pairs, as
// tokens "a_b", in quotes_pairs. A phrase of two or more plain words is found
// there from its own pairs instead of by merging each word's posting list in
// quotes_fts, which for very common words is most of the index.

// pairWords splits s into words as FTS5's unicode61 tokenizer (with its
// default remove_diacritics=1) does, so that the pairs hold the words the full
// text index sees: runs of letters, numbers and private-use characters, in
// which the combining accents it folds (ftsAccent) are part of the word;
// lower-cased, accents removed. Any other mark (U+FE0F after an emoji, a
// Devanagari sign) ends a word, and "CO₂" is one word.
func pairWords(s string) []string {
	if ascii(s) {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
		})
	}
	var out []string
	var cur []rune
	end := func() {
		if len(cur) == 0 {
			return
		}
		w := norm.NFD.String(strings.ToLower(string(cur)))
		out = append(out, strings.Map(func(r rune) rune {
			if ftsAccent(r) {
				return -1
			}
			return r
		}, w))
		cur = cur[:0]
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r):
			cur = append(cur, r)
		case len(cur) > 0 && ftsAccent(r):
		default:
			end()
		}
	}
	end()
	return out
}

// ftsAccent reports whether r is one of the combining accents FTS5's unicode61
// tokenizer takes as part of a word and removes (its sqlite3Fts5UnicodeIsdiacritic).
func ftsAccent(r rune) bool {
	const mask0, mask1 = 0x08029FDF, 0x000361F8
	switch {
	case r < 768 || r > 817:
		return false
	case r < 768+32:
		return mask0&(1<<(r-768)) != 0
	}
	return mask1&(1<<(r-768-32)) != 0
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// pairsOf is the pair tokens of a text's words, space-separated.
func pairsOf(s string) string {
	ws := pairWords(s)
	var b strings.Builder
	for i := 0; i+1 < len(ws); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ws[i])
		b.WriteByte('_')
		b.WriteString(ws[i+1])
	}
	return b.String()
}

// phrasePairs returns, for a search that is one phrase of two or more plain
// ASCII words ("\"the coalition\""), the query of its pairs for quotes_pairs
// and the phrase's words; ok is false for any other search, which quotes_fts
// answers alone.
func phrasePairs(words string) (query string, ws []string, ok bool) {
	w := strings.TrimSpace(words)
	if len(w) < 2 || w[0] != '"' || w[len(w)-1] != '"' || strings.Count(w, `"`) != 2 {
		return "", nil, false
	}
	inner := w[1 : len(w)-1]
	for _, r := range inner {
		if r >= 0x80 || r == '*' || r == '^' || r == '_' {
			return "", nil, false
		}
	}
	ws = pairWords(inner)
	if len(ws) < 2 {
		return "", nil, false
	}
	var q []string
	for i := 0; i+1 < len(ws); i++ {
		q = append(q, `"`+ws[i]+"_"+ws[i+1]+`"`)
	}
	return strings.Join(q, " "), ws, true
}

// holdsPhrase reports whether content holds the words ws one after another.
func holdsPhrase(content string, ws []string) bool {
	cs := pairWords(content)
	for i := 0; i+len(ws) <= len(cs); i++ {
		j := 0
		for j < len(ws) && cs[i+j] == ws[j] {
			j++
		}
		if j == len(ws) {
			return true
		}
	}
	return false
}

// phraseMatches returns the quotes holding the phrase ws of three words or
// more (its pairs query q), up to limit: the quotes holding all its pairs,
// checked against their contents. more is true when there are more, and the
// caller then asks quotes_fts instead. (A phrase of two words is its one
// pair: Search asks quotes_pairs for it directly.)
func (s *SQLite) phraseMatches(ctx context.Context, q string, ws []string, limit int) (ids []int64, more bool, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT q.id, q.content FROM quotes q
		WHERE q.id IN (SELECT rowid FROM quotes_pairs WHERE quotes_pairs MATCH ? LIMIT ?)`, q, 4*limit+1)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return nil, false, err
		}
		seen++
		if holdsPhrase(c, ws) {
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if seen > 4*limit || len(ids) > limit {
		return nil, true, nil
	}
	return ids, false, nil
}

// indexPending indexes the word pairs of the quotes the batch stored, in
// one statement: FTS5 writes out its pending index at the end of every
// statement, and one statement per batch does it once. The pairs wait in
// memory until then, and go in as one JSON array of [id, pairs].
func (sv *saver) indexPending() error {
	if len(sv.pairs) == 0 {
		return nil
	}
	rows := make([][2]any, len(sv.pairs))
	for i, p := range sv.pairs {
		rows[i] = [2]any{p.id, p.pairs}
	}
	js, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	sv.pairs = sv.pairs[:0]
	return sv.exec(`INSERT INTO quotes_pairs(rowid, pairs) SELECT value ->> 0, value ->> 1 FROM json_each(?)`, string(js))
}

// pairRow is a quote's word pairs waiting to be indexed.
type pairRow struct {
	id    int64
	pairs string
}

// indexPairs brings the phrase index up to date with the quotes stored before
// it existed (or by a pass that stopped), a batch at a time.
func (s *SQLite) indexPairs(ctx context.Context) error {
	err := s.repair(ctx, `SELECT 1 FROM quotes WHERE id > (SELECT value FROM store_marks WHERE name = 'pairs_upto')`, func(tx *sql.Tx) (int, error) {
		return indexPairsBatch(ctx, tx, 5000)
	})
	if err != nil {
		return fmt.Errorf("index phrases: %w", err)
	}
	return nil
}

func indexPairsBatch(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	var upto int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM store_marks WHERE name = 'pairs_upto'`).Scan(&upto); err != nil {
		return 0, err
	}
	sv := newSaver(ctx, tx, "")
	defer sv.close()
	n, last, err := sv.stageStoredPairs(upto, limit)
	if err != nil || n == 0 {
		return 0, err
	}
	if err := sv.indexPending(); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE store_marks SET value = ? WHERE name = 'pairs_upto'`, last)
	return n, err
}

// stageStoredPairs stages the pairs of up to limit stored quotes after id
// after, in id order; it returns how many and the last id.
func (sv *saver) stageStoredPairs(after int64, limit int) (n int, last int64, err error) {
	rows, err := sv.tx.QueryContext(sv.ctx, `SELECT id, content FROM quotes WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&last, &c); err != nil {
			return 0, 0, err
		}
		sv.pairs = append(sv.pairs, pairRow{last, pairsOf(c)})
		n++
	}
	return n, last, rows.Err()
}

// ftsWords makes a search's plain words safe for FTS5: a bare word holding a
// hyphen, an apostrophe, a dot or a slash ("al-Assad", "minister's", "U.N.")
// is put in quotation marks, which FTS5 reads as the phrase of its parts
// (unquoted, "al-Assad" was a syntax error: "no such column: Assad"). Phrases,
// operators, prefixes and brackets stay as written.
func ftsWords(s string) string {
	var b strings.Builder
	inQuote := false
	word := func(w string) {
		if w == "" {
			return
		}
		plain := true
		odd := false
		for _, r := range w {
			switch {
			case r == '*' || r == ':' || r == '^' || r == '+' || r == '"':
				plain = false
			case r < utf8.RuneSelf && r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r):
				odd = true // "al-Assad", "U.N.", "Stable?": no FTS5 bareword
			}
		}
		bare := func(r rune) bool { return r >= utf8.RuneSelf || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
		if plain && odd && strings.IndexFunc(w, bare) >= 0 { // (punctuation alone stays the error it is)
			b.WriteByte('"')
			b.WriteString(w)
			b.WriteByte('"')
			return
		}
		b.WriteString(w)
	}
	start := 0
	for i, r := range s {
		switch {
		case r == '"':
			if !inQuote {
				word(s[start:i])
				start = i
			}
			inQuote = !inQuote
		case inQuote:
		case r == ' ' || r == '\t' || r == '\n' || r == '(' || r == ')':
			word(s[start:i])
			b.WriteRune(r)
			start = i + utf8.RuneLen(r)
		}
	}
	if inQuote {
		b.WriteString(s[start:])
	} else {
		word(s[start:])
	}
	return b.String()
}
