package quote

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/whosaid/whosaid/internal/text"
)

// Model is a trained sequence labeller: hashed feature weights per tag, tag
// transition weights, and the cue lexicon (word hash → how often the word is a cue).
// It holds no text: words are known only by their hashes.
type Model struct {
	bits  uint
	mask  uint64
	w     []float32 // (1<<bits) × numTags
	trans [numTags + 1][numTags]float32
	lex   map[uint64]uint8
	// second is the stacked second stage, which sees this model's tags; nil for a
	// second stage itself.
	second *Model

	// rows is w (and second's w) laid out for tagging, made once by packed.
	packOnce sync.Once
	rows     []row
}

// row holds one feature bucket's weights for both stages in one 64-byte cache line:
// a token's base features are looked up once for both stages, and a lookup never
// straddles two lines (a bare row of 7 float32 often does).
type row struct {
	w1 [8]float32 // the first stage; the 8th is padding
	w2 [8]float32 // the second stage (zero when there is none)
}

// packed returns the weights as rows; the model must not be trained further after.
func (m *Model) packed() []row {
	m.packOnce.Do(func() {
		rows := make([]row, 1<<m.bits)
		for b := range rows {
			copy(rows[b].w1[:numTags], m.w[b*numTags:(b+1)*numTags])
			if m.second != nil {
				copy(rows[b].w2[:numTags], m.second.w[b*numTags:(b+1)*numTags])
			}
		}
		m.rows = rows
	})
	return m.rows
}

const modelMagic = "whosaid-tagger-v2"

// maxBits bounds the table a model file may ask for (2^22 buckets × 7 tags = 117 MB).
const maxBits = 22

func newModel(bits uint) *Model {
	return &Model{bits: bits, mask: 1<<bits - 1, w: make([]float32, (1<<bits)*numTags), lex: map[uint64]uint8{}}
}

func (m *Model) lexClass(w uint64) uint8 { return m.lex[w] }

// scores fills sc[i][t] with the emission score of tag t at token i.
func (m *Model) scores(toks []text.Token, info []tokInfo, sc [][numTags]float32, fs []uint64, stage2 bool) []uint64 {
	for i := range toks {
		fs = features(fs[:0], toks, info, i)
		if stage2 {
			fs = stacked(fs, toks, info, i)
		}
		var row [numTags]float32
		for _, f := range fs {
			base := int(f&m.mask) * numTags
			ws := m.w[base : base+numTags : base+numTags]
			for t := range numTags {
				row[t] += ws[t]
			}
		}
		sc[i] = row
	}
	return fs
}

// viterbi returns the best tag sequence under the emission scores and transitions.
func (m *Model) viterbi(sc [][numTags]float32, out []int, back [][numTags]uint8) {
	n := len(sc)
	if n == 0 {
		return
	}
	neg := float32(math.Inf(-1))
	// The transitions with the forbidden ones (O → I-x, I-x → I-y) at -inf.
	var tr [numTags + 1][numTags]float32
	for p := range numTags + 1 {
		for t := range numTags {
			from := p
			if p == numTags {
				from = tagO
			}
			if allowed(from, t) {
				tr[p][t] = m.trans[p][t]
			} else {
				tr[p][t] = neg
			}
		}
	}
	var prev, cur [numTags]float32
	for t := range numTags {
		prev[t] = tr[numTags][t] + sc[0][t]
	}
	// The transitions into each tag, as columns: trT[t][p] = tr[p][t].
	var trT [numTags][numTags]float32
	for p := range numTags {
		for t := range numTags {
			trT[t][p] = tr[p][t]
		}
	}
	for i := 1; i < n; i++ {
		bk := &back[i]
		si := &sc[i]
		// O and the B- tags may follow any tag (unrolled, the four run side by side).
		full := func(t int) {
			c := &trT[t]
			best, arg := firstMax(prev[0]+c[0], prev[1]+c[1], prev[2]+c[2], prev[3]+c[3], prev[4]+c[4], prev[5]+c[5], prev[6]+c[6])
			cur[t] = best + si[t]
			bk[t] = uint8(arg)
		}
		full(tagO)
		full(tagBSrc)
		full(tagBCue)
		full(tagBCon)
		// An I- tag may follow only the B- or I- tag of its role: the other transitions are
		// -inf and never win, so only those two are tried (in the same order, so ties
		// go the same way).
		for _, t := range [...]int{tagISrc, tagICue, tagICon} {
			best, arg := prev[t-1]+tr[t-1][t], t-1
			if v := prev[t] + tr[t][t]; v > best {
				best, arg = v, t
			}
			cur[t] = best + si[t]
			bk[t] = uint8(arg)
		}
		prev = cur
	}
	best, arg := prev[0], 0
	for t := 1; t < numTags; t++ {
		if prev[t] > best {
			best, arg = prev[t], t
		}
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
}

// firstMax returns the highest of its arguments and the index of its first
// occurrence, as a loop with v > best finds them.
func firstMax(v0, v1, v2, v3, v4, v5, v6 float32) (float32, int) {
	best, arg := v0, 0
	if v1 > best {
		best, arg = v1, 1
	}
	if v2 > best {
		best, arg = v2, 2
	}
	if v3 > best {
		best, arg = v3, 3
	}
	if v4 > best {
		best, arg = v4, 4
	}
	if v5 > best {
		best, arg = v5, 5
	}
	if v6 > best {
		best, arg = v6, 6
	}
	return best, arg
}

// MarshalBinary writes the model compactly: only the feature buckets with a non-zero
// weight, gzipped.
func (m *Model) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	le := binary.LittleEndian
	zw.Write([]byte(modelMagic))
	binary.Write(zw, le, uint32(m.bits))
	binary.Write(zw, le, m.trans)
	binary.Write(zw, le, uint32(len(m.lex)))
	keys := make([]uint64, 0, len(m.lex))
	for h := range m.lex {
		keys = append(keys, h)
	}
	slices.Sort(keys) // the same model always writes the same bytes
	for _, h := range keys {
		binary.Write(zw, le, h)
		zw.Write([]byte{m.lex[h]})
	}
	writeWeights(zw, m)
	if m.second != nil {
		zw.Write([]byte{1})
		binary.Write(zw, le, m.second.trans)
		writeWeights(zw, m.second)
	} else {
		zw.Write([]byte{0})
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeWeights(zw io.Writer, m *Model) {
	le := binary.LittleEndian
	nz := uint32(0)
	for b := 0; b < 1<<m.bits; b++ {
		if !zeroRow(m.w[b*numTags : (b+1)*numTags]) {
			nz++
		}
	}
	binary.Write(zw, le, nz)
	for b := 0; b < 1<<m.bits; b++ {
		row := m.w[b*numTags : (b+1)*numTags]
		if zeroRow(row) {
			continue
		}
		binary.Write(zw, le, uint32(b))
		binary.Write(zw, le, row)
	}
}

func readWeights(zr io.Reader, m *Model) error {
	le := binary.LittleEndian
	var nz uint32
	if err := binary.Read(zr, le, &nz); err != nil {
		return fmt.Errorf("quote: model: %w", err)
	}
	for range nz {
		var b uint32
		if err := binary.Read(zr, le, &b); err != nil || b >= 1<<m.bits {
			return errors.New("quote: model: bad weights")
		}
		if err := binary.Read(zr, le, m.w[int(b)*numTags:(int(b)+1)*numTags]); err != nil {
			return fmt.Errorf("quote: model: %w", err)
		}
	}
	return nil
}

func zeroRow(r []float32) bool {
	for _, v := range r {
		if v != 0 {
			return false
		}
	}
	return true
}

// LoadModel reads a model written by MarshalBinary.
func LoadModel(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("quote: model: %w", err)
	}
	le := binary.LittleEndian
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(zr, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("quote: model: not a whosaid tagger model")
	}
	var bits uint32
	if err := binary.Read(zr, le, &bits); err != nil || bits < 8 || bits > maxBits {
		return nil, errors.New("quote: model: bad header")
	}
	m := newModel(uint(bits))
	if err := binary.Read(zr, le, &m.trans); err != nil {
		return nil, fmt.Errorf("quote: model: %w", err)
	}
	var nl uint32
	if err := binary.Read(zr, le, &nl); err != nil {
		return nil, fmt.Errorf("quote: model: %w", err)
	}
	for range nl {
		var h uint64
		var c [1]byte
		if err := binary.Read(zr, le, &h); err != nil {
			return nil, fmt.Errorf("quote: model: %w", err)
		}
		if _, err := io.ReadFull(zr, c[:]); err != nil {
			return nil, fmt.Errorf("quote: model: %w", err)
		}
		m.lex[h] = c[0]
	}
	if err := readWeights(zr, m); err != nil {
		return nil, err
	}
	var flag [1]byte
	if _, err := io.ReadFull(zr, flag[:]); err != nil {
		return nil, fmt.Errorf("quote: model: %w", err)
	}
	if flag[0] == 1 {
		m2 := newModel(uint(bits))
		m2.lex = m.lex
		if err := binary.Read(zr, le, &m2.trans); err != nil {
			return nil, fmt.Errorf("quote: model: %w", err)
		}
		if err := readWeights(zr, m2); err != nil {
			return nil, err
		}
		m.second = m2
	}
	// Read to the end, so gzip checks its checksum and a cut file is refused.
	if n, err := io.Copy(io.Discard, zr); err != nil || n != 0 {
		return nil, errors.New("quote: model: damaged or trailing data")
	}
	return m, nil
}
