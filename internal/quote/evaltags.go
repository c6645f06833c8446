package quote

import (
	"fmt"
	"strings"
)

// TagReport compares the model's tags with the aligned gold of docs, per role:
// token-level precision and recall, and exact span matches. It is how `whosaid train`
// reports on held-out data, below the level of whole reports.
func TagReport(m *Model, docs []TrainDoc) string {
	var tp, fp, fn [4]int
	var stp, sfp, sfn [4]int
	e := NewWithModel(m)
	s := e.pool.Get().(*scratch)
	for _, d := range docs {
		ps := splitParagraphs(d.Title, d.Text, d.Blocks)
		gold, _ := align(ps, d.Gold)
		for pi, p := range ps {
			n := len(p.Toks)
			if n == 0 {
				continue
			}
			pred := e.tagParagraph(s, p)
			for i := range n {
				g, q := role(gold[pi][i]), role(pred[i])
				if g == q {
					tp[g]++
				} else {
					fp[q]++
					fn[g]++
				}
			}
			sent := make([]int32, n)
			gs := map[[3]int]bool{}
			a, b, c := spansOf(gold[pi], sent, nil, nil, nil)
			for r, xs := range [][]tspan{a, b, c} {
				for _, x := range xs {
					gs[[3]int{r + 1, x.a, x.b}] = true
				}
			}
			a, b, c = spansOf(pred, sent, nil, nil, nil)
			for r, xs := range [][]tspan{a, b, c} {
				for _, x := range xs {
					k := [3]int{r + 1, x.a, x.b}
					if gs[k] {
						stp[r+1]++
						delete(gs, k)
					} else {
						sfp[r+1]++
					}
				}
			}
			for k := range gs {
				sfn[k[0]]++
			}
		}
	}
	var b strings.Builder
	for r, name := range []string{"", "source", "cue", "content"} {
		if r == 0 {
			continue
		}
		fmt.Fprintf(&b, "%-8s tokens P %.3f R %.3f | spans P %.3f R %.3f F1 %.3f\n", name,
			ratio(tp[r], tp[r]+fp[r]), ratio(tp[r], tp[r]+fn[r]),
			ratio(stp[r], stp[r]+sfp[r]), ratio(stp[r], stp[r]+sfn[r]),
			2*float64(stp[r])/float64(max(1, 2*stp[r]+sfp[r]+sfn[r])))
	}
	return b.String()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
