package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/whosaid/whosaid/internal/minhash"
)

// A quotation that stories of their own carry is written down a little
// differently by each: a typo ("roughy"), a spelling ("kilometres"), a
// contraction ("don't" for "do not"), a word dropped or added. Such a quote,
// with no cluster of its exact words, joins the cluster of the speaker's
// stored quote it is a variant of, in whatever story. Candidates come from a
// short MinHash sketch of the content's word pairs, cut into bands keyed with
// the speaker (table quote_bands); each is confirmed on the words
// (variantScore). Unnamed speakers' quotes are left alone: two unnamed
// sources saying nearly the same thing need not be one person.
const (
	// variantWords is the fewest words a content has to be sketched.
	variantWords = 6
	// variantShare is the share of the longer content's words that the
	// longest common subsequence of the two must hold.
	variantShare = 0.8
	// variantBands bands of variantRows minimums: a pair of contents whose
	// word pairs have Jaccard similarity 0.8 (one word changed in twenty)
	// shares a band with probability 0.994, at 0.7 with 0.97, at 0.3 with 0.37.
	variantBands = 5
	variantRows  = 2
)

// sketchOf returns the sketch of a content's fold (key): the MinHash
// minimums of its word pairs; nil when it has fewer than variantWords words.
func sketchOf(key string) []uint64 {
	if wordCount(key) < variantWords {
		return nil
	}
	hs := make([]uint64, 0, strings.Count(key, " "))
	prev := -1 // start of the previous word
	start := 0
	for i := 0; i <= len(key); i++ {
		if i < len(key) && key[i] != ' ' {
			continue
		}
		if prev >= 0 {
			hs = append(hs, xxhash.Sum64String(key[prev:i]))
		}
		prev, start = start, i+1
	}
	return minhash.Mins(hs, variantBands*variantRows)
}

// variantBandKeys returns the band keys of a sketch for a speaker: a hash of
// the speaker, the band's number and its minimums.
func variantBandKeys(speaker int64, sketch []uint64) []int64 {
	if len(sketch) != variantBands*variantRows {
		return nil
	}
	keys := make([]int64, variantBands)
	var buf [8 * (variantRows + 2)]byte
	binary.LittleEndian.PutUint64(buf[:], uint64(speaker))
	for b := range keys {
		binary.LittleEndian.PutUint64(buf[8:], uint64(b))
		for r := range variantRows {
			binary.LittleEndian.PutUint64(buf[8*(r+2):], sketch[b*variantRows+r])
		}
		keys[b] = int64(xxhash.Sum64(buf[:]))
	}
	return keys
}

// negations are the words that turn a statement round; two variants of one
// quotation hold as many of them ("do not" and "dont" one each).
var negations = map[string]bool{
	"not": true, "no": true, "never": true, "nor": true, "nothing": true, "none": true, "neither": true,
	"nobody": true, "cannot": true, "dont": true, "doesnt": true, "didnt": true, "wont": true, "cant": true,
	"isnt": true, "arent": true, "wasnt": true, "werent": true, "shouldnt": true, "wouldnt": true,
	"couldnt": true, "hasnt": true, "havent": true, "hadnt": true, "aint": true, "mustnt": true, "neednt": true,
}

// variantMaxWords bounds the words compared: the common subsequence costs
// the product of the two lengths.
const variantMaxWords = 400

// variantScore returns the share of the longer content's words that the
// longest common subsequence of the two folds holds, when the two are one
// quotation written down differently: at least variantShare of the longer,
// the same numbers and as many negations, and words that stand in each
// other's place spelt nearly alike (a typo, a spelling, a contraction:
// "runing", "kilometers", "well" for "we will"; not "support" for "oppose").
// 0 otherwise.
func variantScore(a, b string) float64 {
	if a == b {
		return 1
	}
	aw, bw := strings.Split(a, " "), strings.Split(b, " ")
	if len(aw) > len(bw) {
		aw, bw = bw, aw
	}
	if len(aw) < variantWords || len(bw) > variantMaxWords || float64(len(aw)) < variantShare*float64(len(bw)) {
		return 0
	}
	if !sameNumbersAndNegations(aw, bw) {
		return 0
	}
	common, swapsAlike := alignWords(aw, bw)
	share := float64(common) / float64(len(bw))
	if share < variantShare || !swapsAlike {
		return 0
	}
	return share
}

// numberWords are the numbers written out: "pier one" and "pier two" are two
// statements as "pier 1" and "pier 2" are.
var numberWords = map[string]bool{
	"zero": true, "one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "thirteen": true, "fourteen": true,
	"fifteen": true, "sixteen": true, "seventeen": true, "eighteen": true, "nineteen": true, "twenty": true,
	"thirty": true, "forty": true, "fifty": true, "sixty": true, "seventy": true, "eighty": true, "ninety": true,
	"hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true, "dozen": true,
	"half": true, "quarter": true, "third": true, "first": true, "second": true, "fourth": true, "fifth": true,
	"once": true, "twice": true, "double": true, "triple": true,
}

// sameNumbersAndNegations reports whether two word lists hold the same
// numbers (words with a digit, "3", "2024", "10m", or numberWords), each as
// often, and as many negations: "grew 3 percent" and "grew 2 percent" are
// two statements.
func sameNumbersAndNegations(a, b []string) bool {
	count := func(ws []string) (map[string]int, int) {
		var nums map[string]int
		neg := 0
		for _, w := range ws {
			if negations[w] {
				neg++
			}
			if numberWords[w] || strings.ContainsAny(w, "0123456789") {
				if nums == nil {
					nums = map[string]int{}
				}
				nums[w]++
			}
		}
		return nums, neg
	}
	an, ag := count(a)
	bn, bg := count(b)
	if ag != bg || len(an) != len(bn) {
		return false
	}
	for w, n := range an {
		if bn[w] != n {
			return false
		}
	}
	return true
}

// alignWords returns the length of the longest common subsequence of two
// word lists (a the shorter), and whether in each place where both lists
// hold words outside it those words are spelt nearly alike (spelledAlike):
// words only one list holds (dropped or added) are let be.
func alignWords(a, b []string) (int, bool) {
	n, m := len(a), len(b)
	// lcs[i][j] is the common subsequence of a[i:] and b[j:].
	lcs := make([]int16, (n+1)*(m+1))
	at := func(i, j int) int16 { return lcs[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(at(i+1, j), at(i, j+1))
			if a[i] == b[j] {
				v = at(i+1, j+1) + 1
			}
			lcs[i*(m+1)+j] = v
		}
	}
	alike := true
	var ga, gb []string // the words of a and b since the last common one
	gap := func() {
		if len(ga) > 0 && len(gb) > 0 && !spelledAlike(strings.Join(ga, ""), strings.Join(gb, "")) {
			alike = false
		}
		ga, gb = ga[:0], gb[:0]
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			gap()
			i, j = i+1, j+1
		case at(i+1, j) >= at(i, j+1):
			ga = append(ga, a[i])
			i++
		default:
			gb = append(gb, b[j])
			j++
		}
	}
	ga, gb = append(ga, a[i:]...), append(gb, b[j:]...)
	gap()
	return int(at(0, 0)), alike
}

// spelledAlike reports whether two runs of words, joined, are one spelt
// otherwise: each of four letters or more, at most max(2, a quarter of the
// longer) edits apart. Short words that differ ("he" and "she") are two.
func spelledAlike(x, y string) bool {
	rx, ry := []rune(x), []rune(y)
	if min(len(rx), len(ry)) < 4 {
		return false
	}
	return editDistance(rx, ry) <= max(2, max(len(rx), len(ry))/4)
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(x, y []rune) int {
	row := make([]int, len(y)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(x); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(y); j++ {
			up := row[j]
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, diag+cost)
			diag = up
		}
	}
	return row[len(y)]
}

// pendingVariant is a cluster made in this batch and not yet written, as
// the band lookup needs it.
type pendingVariant struct {
	speaker int64
	key     string
}

// variantChunk is how many band keys one lookup asks for; shorter lists are
// padded with their last key, so that there is one statement text.
const variantChunk = 32

var lookBandsSQL = `SELECT b.band, c.id, ifnull(c.speaker_id, 0), c.content_key FROM quote_bands b
	JOIN quote_clusters c ON c.id = b.cluster_id WHERE b.band IN (` +
	strings.TrimSuffix(strings.Repeat("?,", variantChunk), ",") + `)`

// variantClusters sets ids[i], for each quote still without a cluster
// (ids[i] == 0) whose speaker is named and whose content is sketched
// (sketches[i]), to the cluster of the speaker's quote it is a variant of:
// the one whose words it shares most (the earliest of equals). One lookup
// per article, of every such quote's bands.
func (sv *saver) variantClusters(ids, speakers []int64, keys []string, sketches [][]uint64) error {
	bands := make([][]int64, len(ids))
	var all []int64
	for i := range ids {
		if ids[i] != 0 || speakers[i] == 0 || sketches[i] == nil {
			continue
		}
		bands[i] = variantBandKeys(speakers[i], sketches[i])
		all = append(all, bands[i]...)
	}
	if len(all) == 0 {
		return nil
	}
	type candidate struct {
		id      int64
		speaker int64
		key     string
	}
	found := map[int64][]candidate{} // band → clusters
	for _, b := range all {
		for _, id := range sv.pendingBands[b] {
			if p, ok := sv.pendingVariants[id]; ok {
				found[b] = append(found[b], candidate{id, p.speaker, p.key})
			}
		}
	}
	err := sv.inChunks(lookBandsSQL, variantChunk, all, func(rows *sql.Rows) error {
		var b int64
		var c candidate
		if err := rows.Scan(&b, &c.id, &c.speaker, &c.key); err != nil {
			return err
		}
		found[b] = append(found[b], c)
		return nil
	})
	if err != nil {
		return fmt.Errorf("quote variants: %w", err)
	}
	for i, bs := range bands {
		var best int64
		var bestScore float64
		for _, b := range bs {
			for _, c := range found[b] {
				if c.speaker != speakers[i] {
					continue
				}
				s := variantScore(keys[i], c.key)
				if s > bestScore || s == bestScore && s > 0 && c.id < best {
					best, bestScore = c.id, s
				}
			}
		}
		if best != 0 {
			ids[i] = best
		}
	}
	return nil
}

// addBands buffers the band rows of a new cluster of a named speaker and
// keeps them for lookups until the rows are written.
func (sv *saver) addBands(id, speaker int64, key string, sketch []uint64) {
	if speaker == 0 || sketch == nil {
		return
	}
	if sv.pendingBands == nil {
		sv.pendingBands, sv.pendingVariants = map[int64][]int64{}, map[int64]pendingVariant{}
	}
	for _, b := range variantBandKeys(speaker, sketch) {
		sv.rows.bands.add(b, id)
		sv.pendingBands[b] = append(sv.pendingBands[b], id)
	}
	sv.pendingVariants[id] = pendingVariant{speaker, key}
}

// bandStored buffers the band rows of up to limit stored clusters after id
// after, in id order, keyed with their speakers as they stand; it returns
// how many clusters it read and the last id.
func (sv *saver) bandStored(after int64, limit int) (n int, last int64, err error) {
	rows, err := sv.tx.QueryContext(sv.ctx, `SELECT id, ifnull(speaker_id, 0), content_key FROM quote_clusters
		WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var sp int64
		var key string
		if err := rows.Scan(&last, &sp, &key); err != nil {
			return 0, 0, err
		}
		n++
		if sp == 0 {
			continue
		}
		for _, b := range variantBandKeys(sp, sketchOf(key)) {
			sv.rows.bands.add(b, last)
		}
	}
	return n, last, rows.Err()
}

// bandSpeaker buffers the band rows of speaker to's clusters ids (keys
// their folds), which were another speaker's until a merge: their old rows
// were keyed with that speaker.
func (sv *saver) bandSpeaker(to int64, ids []int64, keys []string) {
	for i, id := range ids {
		for _, b := range variantBandKeys(to, sketchOf(keys[i])) {
			sv.rows.bands.add(b, id)
		}
	}
}

// indexBands brings the variant bands up to date with the clusters stored
// before they existed (or by a pass that stopped), a batch at a time.
func (s *SQLite) indexBands(ctx context.Context) error {
	err := s.repair(ctx, `SELECT 1 FROM quote_clusters WHERE id > (SELECT value FROM store_marks WHERE name = 'bands_upto')`, func(tx *sql.Tx) (int, error) {
		var upto int64
		if err := tx.QueryRowContext(ctx, `SELECT value FROM store_marks WHERE name = 'bands_upto'`).Scan(&upto); err != nil {
			return 0, err
		}
		sv := newSaver(ctx, tx, "")
		defer sv.close()
		n, last, err := sv.bandStored(upto, 50000)
		if err != nil || n == 0 {
			return 0, err
		}
		sortBands(sv.rows.bands.args)
		if err := sv.write(&sv.rows.bands); err != nil {
			return 0, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE store_marks SET value = ? WHERE name = 'bands_upto'`, last)
		return n, err
	})
	if err != nil {
		return fmt.Errorf("index quote variants: %w", err)
	}
	return nil
}

// sortBands sorts rows of (band, cluster) in the order of the table's key,
// so that a pass over many stored clusters writes the table's pages in turn
// rather than at random.
func sortBands(args []any) {
	type row struct{ band, cluster int64 }
	rows := make([]row, len(args)/2)
	for i := range rows {
		rows[i] = row{args[2*i].(int64), args[2*i+1].(int64)}
	}
	slices.SortFunc(rows, func(x, y row) int {
		if c := cmp.Compare(x.band, y.band); c != 0 {
			return c
		}
		return cmp.Compare(x.cluster, y.cluster)
	})
	for i, r := range rows {
		args[2*i], args[2*i+1] = r.band, r.cluster
	}
}
