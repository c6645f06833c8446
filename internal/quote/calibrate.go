package quote

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/whosaid/whosaid/internal/article"
)

// A quote's confidence is the chance, learned from held-out training articles,
// that a quote found with its margin is a real one: the margin is how far, on
// average over the content's tokens, the second stage's score of each token's
// tag stands above its best other tag (in units of weight). A logistic curve
// maps margins to chances; its two numbers are fitted by `whosaid train` on
// quotes found in each half of the training articles by a model trained on
// the other half, so the chances are those of text the model has not seen.
type calibration struct {
	a, b float32 // confidence = 1 / (1 + exp(-(a·margin + b)))
}

// finite reports whether x is a number, not NaN nor infinite.
func finite(x float32) bool { return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0) }

// Calibration returns the numbers of the model's confidence curve:
// confidence = 1 / (1 + exp(-(a·margin + b))); zeros for a model without one.
func (m *Model) Calibration() (a, b float32) { return m.calib.a, m.calib.b }

// confidence turns a margin into a chance, rounded to three decimals.
func (c calibration) confidence(margin float32) float64 {
	if c.a == 0 && c.b == 0 {
		return 0.5 // a model trained before calibration: no opinion
	}
	p := 1 / (1 + math.Exp(-float64(c.a*margin+c.b)))
	if math.IsNaN(p) {
		return 0.5
	}
	return math.Round(min(max(p, 0.001), 0.999)*1000) / 1000
}

// margin is the mean, over a report's content tokens, of how far the second
// stage's emission score of each token's tag stands above its best other tag.
// A token the tagger did not take for content (in a report a convention made,
// such as a "Name: words" headline) counts the score of content (its B- or I-
// tag, the higher) less that of the tag it took: negative.
func (e *Engine) margin(sc [][numTags]int32, tags []int, r report) float32 {
	var sum, n float64
	for _, c := range r.content {
		for j := c.a; j < c.b && j < len(tags); j++ {
			s, t := &sc[j], tags[j]
			if t != tagBCon && t != tagICon {
				sum += float64(max(s[tagBCon], s[tagICon]) - s[t])
				n++
				continue
			}
			best := int32(math.MinInt32)
			for u, v := range s {
				if u != t && v > best {
					best = v
				}
			}
			sum += float64(s[t] - best)
			n++
		}
	}
	if n == 0 || e.m.scale2 == 0 {
		return 0
	}
	return float32(sum / n / e.m.scale2)
}

// calibrate fits m's calibration on docs: each half tagged by a model trained
// on the other half.
func calibrate(m *Model, docs []TrainDoc, o TrainOptions) {
	if len(docs) < 4 {
		return
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	rand.New(rand.NewPCG(o.Seed, 17)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	half := len(order) / 2
	halves := [2][]TrainDoc{}
	for k, i := range order {
		halves[min(k/half, 1)] = append(halves[min(k/half, 1)], docs[i])
	}
	var samples [2][]marginSample
	o.Progress = nil // the halves train at once
	var wg sync.WaitGroup
	for k := range 2 {
		wg.Go(func() {
			mk, _ := train(halves[1-k], o)
			e := NewWithModel(mk)
			e.rawMargins = true
			samples[k] = heldOut(e, halves[k])
		})
	}
	wg.Wait()
	m.calib = fitLogistic(append(samples[0], samples[1]...))
}

// marginSample is one quote found in a held-out article: its margin and
// whether it matches a gold report.
type marginSample struct {
	margin float32
	right  bool
}

// heldOut annotates docs with e (its confidences raw margins) and says of each
// quote found whether it is one of the gold's: bags of words overlapping at an
// F1 of at least one half, matched one to one, best pairs first.
func heldOut(e *Engine, docs []TrainDoc) []marginSample {
	var out []marginSample
	for _, d := range docs {
		a := &article.Article{Title: d.Title, Text: d.Text}
		for _, b := range d.Blocks {
			a.Blocks = append(a.Blocks, article.Block{Kind: "paragraph", Start: b[0], End: b[1]})
		}
		e.Annotate(a)
		type pair struct {
			f    float64
			g, p int
		}
		var pairs []pair
		gold := make([]map[string]int, len(d.Gold))
		for gi, g := range d.Gold {
			gold[gi] = bag(g.Content)
		}
		for pi, q := range a.Quotes {
			if !sampled(q) {
				continue
			}
			pb := bag(q.Content)
			for gi := range gold {
				if f := bagF1(gold[gi], pb); f >= 0.5 {
					pairs = append(pairs, pair{f, gi, pi})
				}
			}
		}
		slices.SortStableFunc(pairs, func(x, y pair) int { return cmp.Compare(y.f, x.f) })
		usedG, right := map[int]bool{}, map[int]bool{}
		for _, p := range pairs {
			if !usedG[p.g] && !right[p.p] {
				usedG[p.g], right[p.p] = true, true
			}
		}
		for pi, q := range a.Quotes {
			if sampled(q) {
				out = append(out, marginSample{float32(q.Confidence), right[pi]})
			}
		}
	}
	return out
}

// sampled reports whether a quote annotated with raw margins is a sample of the
// calibration: not when its confidence is set whatever its margin (embedded
// speech; a transcript's turn, whose margin reads NaN).
func sampled(q article.Quote) bool {
	return q.EmbeddedIn == nil && !math.IsNaN(q.Confidence)
}

// bag is the lower-cased words of s with their counts.
func bag(s string) map[string]int {
	b := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		b[w]++
	}
	return b
}

// bagF1 is the F1 of the words two bags share.
func bagF1(a, b map[string]int) float64 {
	common, na, nb := 0, 0, 0
	for w, n := range a {
		common += min(n, b[w])
		na += n
	}
	for _, n := range b {
		nb += n
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(nb), float64(common)/float64(na)
	return 2 * p * r / (p + r)
}

// fitLogistic fits p(right | margin) = σ(a·margin + b) by Newton's method on
// the log-likelihood, with a little ridge on a and b to keep them finite
// when the samples separate.
func fitLogistic(s []marginSample) calibration {
	if len(s) == 0 {
		return calibration{}
	}
	var a, b float64
	const ridge = 1e-3
	for range 50 {
		var ga, gb, haa, hab, hbb float64
		for _, x := range s {
			m := float64(x.margin)
			p := 1 / (1 + math.Exp(-(a*m + b)))
			y := 0.0
			if x.right {
				y = 1
			}
			ga += (y - p) * m
			gb += y - p
			w := p * (1 - p)
			haa += w * m * m
			hab += w * m
			hbb += w
		}
		ga -= ridge * a
		gb -= ridge * b
		haa += ridge
		hbb += ridge
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a += da
		b += db
		if math.Abs(da)+math.Abs(db) < 1e-9 {
			break
		}
	}
	return calibration{float32(a), float32(b)}
}
