package quote

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/text"
)

// TrainDoc is one annotated article: its clean text, its block ranges (code points)
// and the gold reports.
type TrainDoc struct {
	Title  string
	Text   string
	Blocks [][2]int
	Gold   []GoldQuote
}

// TrainOptions tunes Train.
type TrainOptions struct {
	Epochs int  // passes over the data; 0 means 12
	Bits   uint // log2 of the number of feature buckets; 0 means 17
	Seed   uint64
	// Progress, when set, is called after each epoch with the share of paragraphs
	// whose predicted tags were all right.
	Progress func(epoch int, acc float64)
}

// TrainStats says how much of the gold could be used.
type TrainStats struct {
	Reports, Lost, Paragraphs, Tokens int
}

type example struct {
	toks []text.Token
	info []tokInfo
	gold []int
}

// Train learns a model from annotated articles with the averaged structured
// perceptron, and how sure to be of the quotes it finds (calibrate).
func Train(docs []TrainDoc, o TrainOptions) (*Model, TrainStats) {
	m, st := train(docs, o)
	calibrate(m, docs, o)
	return m, st
}

// train is Train without the calibration.
func train(docs []TrainDoc, o TrainOptions) (*Model, TrainStats) {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.Bits == 0 || o.Bits > maxBits {
		o.Bits = 17
	}
	m := newModel(o.Bits)
	var st TrainStats
	var exs []example
	for _, d := range docs {
		ps := splitParagraphs(d.Title, d.Text, d.Blocks)
		tags, lost := align(ps, d.Gold)
		st.Reports += len(d.Gold)
		st.Lost += lost
		for i, p := range ps {
			if len(p.Toks) == 0 {
				continue
			}
			exs = append(exs, example{toks: p.Toks, gold: tags[i]})
			st.Tokens += len(p.Toks)
		}
	}
	st.Paragraphs = len(exs)
	buildLexicon(m, exs)
	for i := range exs {
		exs[i].info = make([]tokInfo, len(exs[i].toks))
		m.prepare(exs[i].toks, exs[i].info)
	}
	m.common = commonWords(exs)
	m.peoples = peopleWords(exs, m.lex)
	// The second stage learns from first-stage tags made the way they will be made on
	// new text: each half of the data tagged by a first stage trained on the other half.
	half := len(exs) / 2
	rng := rand.New(rand.NewPCG(o.Seed, 11))
	rng.Shuffle(len(exs), func(i, j int) { exs[i], exs[j] = exs[j], exs[i] })
	for k, part := range [][2][]example{{exs[:half], exs[half:]}, {exs[half:], exs[:half]}} {
		mk := newModel(o.Bits)
		mk.lex = m.lex
		perceptron(mk, part[0], o, false, uint64(k))
		// Tagged with the weights as trained (not quantized, as an Engine's are), so
		// that the second stage learns from the tags training always gave.
		var sc [][numTags]float32
		var back [][numTags]uint8
		var tags []int
		var fs []uint64
		for _, ex := range part[1] {
			n := len(ex.toks)
			sc, back = grow(sc, n), growB(back, n)
			if cap(tags) < n {
				tags = make([]int, n)
			}
			fs = mk.scores(ex.toks, ex.info, sc, fs, false)
			mk.viterbi(sc[:n], tags[:n], back)
			for i := range ex.info {
				ex.info[i].p1 = uint8(tags[i])
			}
			prepareStacked(ex.info)
		}
	}
	m2 := newModel(o.Bits)
	m2.lex = m.lex
	perceptron(m2, exs, o, true, 2)
	perceptron(m, exs, o, false, 3)
	m.second = m2
	return m, st
}

// perceptron trains m's weights on exs with the averaged structured perceptron.
func perceptron(m *Model, exs []example, o TrainOptions, stage2 bool, seed uint64) {
	// Averaging by the usual trick: u accumulates c·update, the average is w - u/c.
	u := make([]float32, len(m.w))
	var ut [numTags + 1][numTags]float32
	c := float32(1)
	rng := rand.New(rand.NewPCG(o.Seed, seed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var sc [][numTags]float32
	var back [][numTags]uint8
	var pred []int
	var fs []uint64
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right := 0
		for _, k := range order {
			ex := exs[k]
			n := len(ex.toks)
			sc = grow(sc, n)
			back = growB(back, n)
			if cap(pred) < n {
				pred = make([]int, n)
			}
			pred = pred[:n]
			fs = m.scores(ex.toks, ex.info, sc, fs, stage2)
			m.viterbi(sc[:n], pred, back)
			same := true
			for i := range n {
				if pred[i] != ex.gold[i] {
					same = false
					break
				}
			}
			if same {
				right++
				c++
				continue
			}
			for i := range n {
				g, p := ex.gold[i], pred[i]
				pg, pp := numTags, numTags
				if i > 0 {
					pg, pp = ex.gold[i-1], pred[i-1]
				}
				if g == p && pg == pp {
					continue
				}
				m.trans[pg][g]++
				ut[pg][g] += c
				m.trans[pp][p]--
				ut[pp][p] -= c
				if g == p {
					continue
				}
				fs = features(fs[:0], ex.toks, ex.info, i)
				if stage2 {
					fs = stacked(fs, ex.toks, ex.info, i)
				}
				for _, f := range fs {
					b := int(f&m.mask) * numTags
					m.w[b+g]++
					u[b+g] += c
					m.w[b+p]--
					u[b+p] -= c
				}
			}
			c++
		}
		if o.Progress != nil {
			o.Progress(ep+1, float64(right)/float64(len(exs)))
		}
	}
	for i := range m.w {
		m.w[i] -= u[i] / c
	}
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] -= ut[a][b] / c
		}
	}
}

func grow(s [][numTags]float32, n int) [][numTags]float32 {
	if cap(s) < n {
		return make([][numTags]float32, n)
	}
	return s[:n]
}

func growB(s [][numTags]uint8, n int) [][numTags]uint8 {
	if cap(s) < n {
		return make([][numTags]uint8, n)
	}
	return s[:n]
}

// A common word is one the training text writes in lower case at least
// minCommon times, and capitalised inside a sentence at most once in
// maxCapitalised of its uses there: "using", "recall", not "bill" nor "new".
const (
	minCommon      = 3
	maxCapitalised = 20
)

// commonWords returns the sorted hashes of the common words of exs, whose
// tokens are prepared (info: the word hashes and sentences).
func commonWords(exs []example) []uint64 {
	low, midCap := map[uint64]int{}, map[uint64]int{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			if t.Kind != text.Word {
				continue
			}
			r, _ := utf8.DecodeRuneInString(t.Text)
			switch {
			case unicode.IsLower(r):
				low[ex.info[i].w]++
			case unicode.IsUpper(r) && i > 0 && ex.info[i].sent == ex.info[i-1].sent && !ex.toks[i-1].IsQuote():
				midCap[ex.info[i].w]++
			}
		}
	}
	var out []uint64
	for h, c := range low {
		if c >= minCommon && midCap[h]*maxCapitalised <= c+midCap[h] {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// A people's word is capitalised inside a sentence at least minPeople times
// before a word in lower case that is no cue ("American voters", not "Adam
// said"), in peopleShare of its uses there at least, and written in "-s" too.
const (
	minPeople   = 3
	peopleShare = 0.7
)

// peopleWords returns the sorted hashes of the training text's people's words
// (peoples), of exs whose tokens are prepared; lex is the cue lexicon.
func peopleWords(exs []example, lex map[uint64]uint8) []uint64 {
	adj, mid := map[uint64]int{}, map[uint64]int{}
	plurals := map[uint64]bool{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			if t.Kind != text.Word || i == 0 || ex.info[i].sent != ex.info[i-1].sent || ex.toks[i-1].IsQuote() {
				continue
			}
			r, _ := utf8.DecodeRuneInString(t.Text)
			if !unicode.IsUpper(r) || inCapitals(t.Text) {
				continue
			}
			h := ex.info[i].w
			mid[h]++
			if strings.HasSuffix(t.Text, "s") {
				plurals[hashString(t.Text[:len(t.Text)-1])] = true
			}
			if i+1 < len(ex.toks) {
				n := ex.toks[i+1]
				r, _ := utf8.DecodeRuneInString(n.Text)
				if n.Kind == text.Word && unicode.IsLower(r) && lex[ex.info[i+1].w] < 2 {
					adj[h]++
				}
			}
		}
	}
	var out []uint64
	for h, n := range adj {
		if n >= minPeople && float64(n) >= peopleShare*float64(mid[h]) && plurals[h] {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// buildLexicon learns how likely each word is to be (part of) a cue.
func buildLexicon(m *Model, exs []example) {
	total := map[uint64]int{}
	cue := map[uint64]int{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			h := hashString(t.Text)
			total[h]++
			if role(ex.gold[i]) == 2 {
				cue[h]++
			}
		}
	}
	for h, n := range cue {
		if n < 2 {
			continue
		}
		r := float64(n) / float64(total[h])
		switch {
		case r >= 0.5:
			m.lex[h] = 3
		case r >= 0.15:
			m.lex[h] = 2
		case r >= 0.03:
			m.lex[h] = 1
		}
	}
}
