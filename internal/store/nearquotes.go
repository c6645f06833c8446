package store

import (
	"fmt"
	"slices"
	"strings"
)

// Quotes of one speaker carried by several outlets of a story are trimmed or
// cut with an ellipsis by each; such a quote joins the cluster of the fuller
// (or the shorter) form found in the story's other articles.
const (
	// nearRun is the fewest words the shorter of two contents has when the
	// longer holds it as a contiguous run.
	nearRun = 6
	// nearPart is the fewest words each part of a content cut by an ellipsis
	// has when the parts are found in the other content, in order.
	nearPart = 4
)

// nearClustersSQL lists the quotes of speaker ?3 in the articles of story ?1
// other than ?2, with their clusters: one walk of the story's articles
// (articles_story), then of each one's quotes (the index of their qids). The
// "+" keeps the planner off the speaker's index, which walks every quote of a
// much quoted speaker. A story of very many reports (a page crawled again and
// again) is read up to 2,000 of the speaker's quotes.
const nearClustersSQL = `SELECT q.cluster_id, q.content FROM articles a JOIN quotes q ON q.article_pk = a.pk
	WHERE a.story_id = ?1 AND a.pk != ?2 AND +q.speaker_id = ?3 LIMIT 2000`

// nearCluster is a stored quote of the story: its cluster, its content's
// fold and, when the content has an ellipsis, the folds of its parts.
type nearCluster struct {
	id    int64
	key   string
	parts []string
}

// nearClusters finds, for each quote i of article pk (in story, shared with
// other articles) that has no cluster yet (ids[i] == 0) and a named speaker,
// the cluster of a quote of the same speaker in the story's other articles
// whose content holds its content or is held by it (nearMatch), and sets
// ids[i] to it. One query per speaker; none when the story is pk's alone.
func (sv *saver) nearClusters(pk, story int64, ids, speakers []int64, contents, keys []string) error {
	if story == 0 || story == pk {
		return nil
	}
	byspeaker := map[int64][]int{}
	var order []int64
	for i, id := range ids {
		if id != 0 || speakers[i] == 0 {
			continue
		}
		if _, ok := byspeaker[speakers[i]]; !ok {
			order = append(order, speakers[i])
		}
		byspeaker[speakers[i]] = append(byspeaker[speakers[i]], i)
	}
	if len(order) == 0 {
		return nil
	}
	// Stories this batch joined to story have their articles in the store
	// under their own number until the batch's rows are written.
	for _, j := range sv.storyJoins {
		if sv.storyNow(j[0]) == story {
			if err := sv.flush(); err != nil {
				return err
			}
			break
		}
	}
	st, err := sv.prep(nearClustersSQL)
	if err != nil {
		return fmt.Errorf("near quotes: %w", err)
	}
	for _, sp := range order {
		rows, err := st.QueryContext(sv.ctx, story, pk, sp)
		if err != nil {
			return fmt.Errorf("near quotes: %w", err)
		}
		var stored []nearCluster
		for rows.Next() {
			var c nearCluster
			var content string
			if err := rows.Scan(&c.id, &content); err != nil {
				rows.Close()
				return fmt.Errorf("near quotes: %w", err)
			}
			c.key, c.parts = fold(content), ellipsisParts(content)
			stored = append(stored, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("near quotes: %w", err)
		}
		stored = append(stored, sv.pendingQuotes(story, sp)...)
		for _, i := range byspeaker[sp] {
			parts := ellipsisParts(contents[i])
			var found []int64
			for _, c := range stored {
				if nearMatch(keys[i], parts, c.key, c.parts) && !slices.Contains(found, c.id) {
					found = append(found, c.id)
				}
			}
			if len(found) == 0 {
				continue
			}
			// A quote that two clusters hold (a trimmed quote and an
			// ellipsis, each in the wire's words) makes them one, the
			// earliest: the grouping does not depend on the order of ingest.
			keep := slices.Min(found)
			for _, from := range found {
				if from == keep {
					continue
				}
				if err := sv.mergeClusters(from, keep); err != nil {
					return fmt.Errorf("near quotes: %w", err)
				}
				for k := range stored {
					if stored[k].id == from {
						stored[k].id = keep
					}
				}
				for k := range ids {
					if ids[k] == from {
						ids[k] = keep
					}
				}
			}
			ids[i] = keep
		}
	}
	return nil
}

// nearMatch reports whether two quote contents (folded: a, b; the folds of
// their parts when cut by an ellipsis: ap, bp) are one quotation trimmed
// differently: one holds the other as a contiguous run of at least nearRun
// words, or the parts of one cut by an ellipsis, each of at least nearPart
// words, are found in the other in order.
func nearMatch(a string, ap []string, b string, bp []string) bool {
	if a == "" || b == "" {
		return false
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if wordCount(short) >= nearRun && strings.Contains(" "+long+" ", " "+short+" ") {
		return true
	}
	return partsIn(ap, b) || partsIn(bp, a)
}

// partsIn reports whether parts (two or more, each of at least nearPart
// words) occur in the folded content key in order, as runs of whole words.
func partsIn(parts []string, key string) bool {
	if len(parts) < 2 {
		return false
	}
	rest := " " + key + " "
	for _, p := range parts {
		if wordCount(p) < nearPart {
			return false
		}
		at := strings.Index(rest, " "+p+" ")
		if at < 0 {
			return false
		}
		rest = rest[at+len(p)+1:] // from the space that ends the part
	}
	return true
}

// ellipsisParts returns the folds of the non-empty parts of a content cut by
// an ellipsis ("…" or "..."), nil when it has none.
func ellipsisParts(content string) []string {
	if !strings.Contains(content, "…") && !strings.Contains(content, "...") {
		return nil
	}
	var parts []string
	for _, p := range strings.Split(strings.ReplaceAll(content, "...", "…"), "…") {
		if k := fold(p); k != "" {
			parts = append(parts, k)
		}
	}
	return parts
}

// wordCount counts the words of a fold (words are separated by one space).
func wordCount(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}

// mergeClusters moves the quotes of cluster from into cluster to (an earlier
// one, whose content stays) and deletes from. The batch's rows are written
// first, so that the update reaches them.
func (sv *saver) mergeClusters(from, to int64) error {
	if err := sv.flush(); err != nil {
		return err
	}
	if err := sv.exec(`UPDATE quotes SET cluster_id = ?2 WHERE cluster_id = ?1`, from, to); err != nil {
		return err
	}
	if err := sv.exec(`DELETE FROM quote_clusters WHERE id = ?`, from); err != nil {
		return err
	}
	// Links to from lead on to to.
	if err := sv.exec(`UPDATE cluster_merges SET to_id = ?2 WHERE to_id = ?1`, from, to); err != nil {
		return err
	}
	if err := sv.exec(`INSERT OR REPLACE INTO cluster_merges(from_id, to_id) VALUES (?1, ?2)`, from, to); err != nil {
		return err
	}
	// Its words, said again, make a new cluster, as they would in the next
	// batch.
	for k, id := range sv.clusters {
		if id == from {
			delete(sv.clusters, k)
		}
	}
	return nil
}

// pendingQuotes lists the quotes of speaker sp waiting in the batch's rows
// whose articles are in story: read there rather than written first, which
// would cut the batch's rows into many short statements.
func (sv *saver) pendingQuotes(story, sp int64) []nearCluster {
	var out []nearCluster
	b := &sv.rows.quotes
	for at := 0; at < len(b.args); at += b.cols {
		row := b.args[at : at+b.cols]
		if id, ok := row[4].(int64); !ok || id != sp {
			continue
		}
		sig, ok := sv.sigs[row[1].(int64)]
		if !ok || sv.storyNow(sig.story) != story {
			continue
		}
		content := row[6].(string)
		out = append(out, nearCluster{id: row[3].(int64), key: fold(content), parts: ellipsisParts(content)})
	}
	return out
}
