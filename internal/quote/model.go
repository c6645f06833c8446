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

	// rows is w (and second's w) quantized for tagging, made once by packed.
	packOnce sync.Once
	rows     []qrow
	qtrans   [2]qtrans // each stage's transitions for viterbiQ
	lexT     lexTable
	dir      *direct
	scale2   float64 // units of viterbiQ per unit of the second stage's weight
	// calib maps a quote's margin to its confidence (calibrate.go).
	calib calibration
	// common holds the hashes of the words the training text writes in lower
	// case again and again ("using", "recall"), sorted: a capitalised one
	// that opens a sentence before a name is no part of the name.
	common []uint64
	// peoples holds the hashes of the capitalised words the training text writes
	// as adjectives ("American voters", "Latino Republicans") and in "-s" as
	// nouns, sorted: their plural is a people ("Americans"), no surname.
	peoples []uint64
}

// isCue reports whether the training text has w as a cue often (its lexicon
// class is 2 or 3: "says", "claims"; not "supporters", a cue of stance at times).
func (m *Model) isCue(w string) bool { return m.lexT.get(hashString(w)) >= 2 }

// isPeople reports whether w, a capitalised word in "-s", is the plural of a
// word the training text writes as a people's adjective ("Americans").
func (m *Model) isPeople(w string) bool {
	if len(w) < 2 || w[len(w)-1] != 's' {
		return false
	}
	_, ok := slices.BinarySearch(m.peoples, hashString(w[:len(w)-1]))
	return ok
}

// isCommon reports whether the training text often writes w in lower case.
func (m *Model) isCommon(w string) bool {
	_, ok := slices.BinarySearch(m.common, hashString(w)) // hashString folds case and ’
	return ok
}

// qtrans holds a stage's transition weights in the units of viterbiQ, forbidden ones
// (O → I-x, I-x → I-y, and the start, last row, → I-x) at forbidden.
type qtrans [numTags + 1][numTags]int64

const (
	// subQuanta is how many units of viterbiQ make a quantum of emission weight: the
	// transitions, quantized on their own, are kept that much finer.
	subQuantaBits = 8
	// forbidden stands for -inf: far below any path's score, yet never overflowing
	// when a few are added.
	forbidden = -1 << 56
)

// allowedAfter is allowed for a row p of the transition weights, the last row
// (the start of a paragraph) counting as O.
func allowedAfter(p, t int) bool {
	if p == numTags {
		p = tagO
	}
	return allowed(p, t)
}

func transOf(tr *[numTags + 1][numTags]float32, q float64) qtrans {
	var out qtrans
	for p := range numTags + 1 {
		for t := range numTags {
			if allowedAfter(p, t) {
				out[p][t] = int64(math.Round(float64(tr[p][t]) * q * (1 << subQuantaBits)))
			} else {
				out[p][t] = forbidden
			}
		}
	}
	return out
}

// qrow holds one feature bucket's weights for both stages in 32 bytes, two rows to a
// cache line, so that a token's base features are looked up once for both stages.
//
// Adding one number to the scores of every tag of a token changes no decision, so a
// row keeps each stage's weights of the six tags other than O less the weight of O,
// rounded to a number of quanta. Those six go three to a uint64, in lanes of 21 bits
// (bits 0, 21, 42): summing the rows of a token's features as plain 64-bit integers
// sums every lane at once, and exactly, as long as no lane's sum leaves ±2^20, which
// the quantum is chosen to ensure (see quantum).
type qrow struct {
	s1 [2]uint64 // the first stage: tags 1–3, then 4–6
	s2 [2]uint64 // the second stage (zero when there is none)
}

const (
	laneBits = 21
	// laneMax bounds a lane's sum: its magnitude stays below 2^20.
	laneMax = 1<<(laneBits-1) - 1
	// maxFeatures bounds how many features one token's score sums (features gives at
	// most 33, stacked at most 14; TestDirectSumsMatchFeatures checks it).
	maxFeatures = 48
)

// pack3 puts three lane values into one word; sums of words are sums of lanes.
func pack3(a, b, c int64) uint64 {
	return uint64(a) + uint64(b)<<laneBits + uint64(c)<<(2*laneBits)
}

// unpack3 returns the three lanes of a sum of words made by pack3, each of magnitude
// at most laneMax.
func unpack3(s uint64) (a, b, c int64) {
	a = int64(s<<(64-laneBits)) >> (64 - laneBits)
	r := int64(s-uint64(a)) >> laneBits
	b = r << (64 - laneBits) >> (64 - laneBits)
	c = (r - b) >> laneBits
	return a, b, c
}

// quantum returns how many quanta one unit of weight is for w's rows: as many as can
// be while maxFeatures rows of the largest difference to O, rounded, still sum within a lane.
func quantum(w []float32) float64 {
	big := 0.0
	for b := 0; b+numTags <= len(w); b += numTags {
		for t := 1; t < numTags; t++ {
			big = max(big, math.Abs(float64(w[b+t])-float64(w[b])))
		}
	}
	if big == 0 {
		return 1
	}
	return (float64(laneMax)/maxFeatures - 1) / big
}

// quantize returns the six lanes of one bucket's row of w, q quanta to a unit.
func quantize(w []float32, q float64) [2]uint64 {
	var l [numTags]int64
	for t := 1; t < numTags; t++ {
		l[t] = int64(math.Round((float64(w[t]) - float64(w[0])) * q))
	}
	return [2]uint64{pack3(l[1], l[2], l[3]), pack3(l[4], l[5], l[6])}
}

// packed returns the quantized rows; the model must not be trained further after.
func (m *Model) packed() []qrow {
	m.packOnce.Do(func() {
		rows := make([]qrow, 1<<m.bits)
		q1 := quantum(m.w)
		m.qtrans[0] = transOf(&m.trans, q1)
		for b := range rows {
			rows[b].s1 = quantize(m.w[b*numTags:(b+1)*numTags], q1)
		}
		if m.second != nil {
			q2 := quantum(m.second.w)
			m.qtrans[1] = transOf(&m.second.trans, q2)
			m.scale2 = q2 * (1 << subQuantaBits)
			for b := range rows {
				rows[b].s2 = quantize(m.second.w[b*numTags:(b+1)*numTags], q2)
			}
		}
		m.rows = rows
		m.lexT = newLexTable(m.lex)
		m.dir = newDirect(rows, m.mask)
	})
	return m.rows
}

const modelMagic = "whosaid-tagger-v2"

// maxBits bounds the table a model file may ask for (2^22 buckets × 7 tags = 117 MB).
const maxBits = 22

func newModel(bits uint) *Model {
	return &Model{bits: bits, mask: 1<<bits - 1, w: make([]float32, (1<<bits)*numTags), lex: map[uint64]uint8{}}
}

// lexTable is the cue lexicon as an open-addressing table: a lookup, which is made for
// every token and nearly always misses, is a probe or two into a few kilobytes.
type lexTable struct {
	keys  []uint64 // 0: empty
	vals  []uint8
	shift uint  // a hash's slot is its top bits
	zero  uint8 // the class of the hash 0, which cannot be a key here
	// filter has bit h&fmask set for every key h (and 0): most lookups miss here, in a table
	// an eighth the size of keys, without a probe.
	filter []uint64
	fmask  uint64
}

func newLexTable(lex map[uint64]uint8) lexTable {
	bits := uint(4)
	for 1<<bits < 2*len(lex) {
		bits++
	}
	t := lexTable{keys: make([]uint64, 1<<bits), vals: make([]uint8, 1<<bits), shift: 64 - bits}
	t.filter = make([]uint64, 1<<bits/16) // 4 bits a slot
	t.fmask = uint64(len(t.filter))*64 - 1
	t.filter[0] = 1 // the bit of the hash 0, whose class is t.zero
	mask := uint64(1)<<bits - 1
	for h, c := range lex {
		if h == 0 {
			t.zero = c
			continue
		}
		i := h >> t.shift
		for t.keys[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i], t.vals[i] = h, c
		f := h & t.fmask
		t.filter[f/64] |= 1 << (f % 64)
	}
	return t
}

func (t *lexTable) get(h uint64) uint8 {
	if f := h & t.fmask; t.filter[f/64]&(1<<(f%64)) == 0 {
		return 0
	}
	return t.probe(h)
}

// probe is get past the filter.
func (t *lexTable) probe(h uint64) uint8 {
	if h == 0 {
		return t.zero
	}
	mask := uint64(len(t.keys) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case h:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

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
			if allowedAfter(p, t) {
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

// viterbiQ is viterbi over quantized scores (emissions in units of tr, O's being 0): in
// integers a maximum is picked without a branch, and ties go the same way (to the first tag).
func viterbiQ(tr *qtrans, sc [][numTags]int32, out []int, back [][numTags]uint8) {
	n := len(sc)
	if n == 0 {
		return
	}
	s := &sc[0]
	st := &tr[numTags]
	p0, p1, p2, p3 := st[0]+int64(s[0]), st[1]+int64(s[1]), st[2]+int64(s[2]), st[3]+int64(s[3])
	p4, p5, p6 := st[4]+int64(s[4]), st[5]+int64(s[5]), st[6]+int64(s[6])
	// The transitions into O and the B- tags, which may follow any tag, as columns.
	var col [4][numTags]int64
	for k, t := range [...]int{tagO, tagBSrc, tagBCue, tagBCon} {
		for p := range numTags {
			col[k][p] = tr[p][t]
		}
	}
	tSS, tIS := tr[tagBSrc][tagISrc], tr[tagISrc][tagISrc]
	tCC, tIC := tr[tagBCue][tagICue], tr[tagICue][tagICue]
	tNN, tIN := tr[tagBCon][tagICon], tr[tagICon][tagICon]
	for i := 1; i < n; i++ {
		s := &sc[i]
		c := &col[0]
		v0, k0 := firstMax(p0+c[0], p1+c[1], p2+c[2], p3+c[3], p4+c[4], p5+c[5], p6+c[6])
		c = &col[1]
		v1, k1 := firstMax(p0+c[0], p1+c[1], p2+c[2], p3+c[3], p4+c[4], p5+c[5], p6+c[6])
		c = &col[2]
		v3, k3 := firstMax(p0+c[0], p1+c[1], p2+c[2], p3+c[3], p4+c[4], p5+c[5], p6+c[6])
		c = &col[3]
		v5, k5 := firstMax(p0+c[0], p1+c[1], p2+c[2], p3+c[3], p4+c[4], p5+c[5], p6+c[6])
		// An I- tag may follow only the B- or I- tag of its role.
		v2, k2 := max2(p1+tSS, p2+tIS, tagBSrc)
		v4, k4 := max2(p3+tCC, p4+tIC, tagBCue)
		v6, k6 := max2(p5+tNN, p6+tIN, tagBCon)
		back[i] = [numTags]uint8{k0, k1, k2, k3, k4, k5, k6}
		p0, p1, p2, p3 = v0+int64(s[0]), v1+int64(s[1]), v2+int64(s[2]), v3+int64(s[3])
		p4, p5, p6 = v4+int64(s[4]), v5+int64(s[5]), v6+int64(s[6])
	}
	_, arg := firstMax(p0, p1, p2, p3, p4, p5, p6)
	out[n-1] = int(arg)
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
}

// max2 returns the higher of the scores from tag b (a B- tag) and from b+1 (its I- tag),
// b on a tie.
func max2(fromB, fromI int64, b uint8) (int64, uint8) {
	if fromI > fromB {
		return fromI, b + 1
	}
	return fromB, b
}

// firstMax returns the highest of its arguments and the index of its first
// occurrence, as a loop with v > best finds them.
func firstMax[T int64 | float32](v0, v1, v2, v3, v4, v5, v6 T) (T, uint8) {
	best, arg := v0, uint8(0)
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
	// The calibration, absent from models written before it was (they read
	// as uncalibrated).
	if m.calib != (calibration{}) {
		zw.Write([]byte{'c'})
		binary.Write(zw, le, [2]float32{m.calib.a, m.calib.b})
	}
	writeList(zw, 'p', m.peoples)
	writeList(zw, 'w', m.common)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeList writes a section of sorted word hashes, tagged, when there are any.
func writeList(zw io.Writer, tag byte, l []uint64) {
	if len(l) == 0 {
		return
	}
	le := binary.LittleEndian
	zw.Write([]byte{tag})
	binary.Write(zw, le, uint32(len(l)))
	binary.Write(zw, le, l)
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
	// Sections added later, each once and in this order: the calibration
	// ('c'), the peoples ('p'), the common words ('w'). Models written before
	// them end here.
	var tag [1]byte
	for prev := byte(0); ; {
		if n, _ := io.ReadFull(zr, tag[:]); n == 0 {
			break
		}
		if tag[0] <= prev {
			return nil, errors.New("quote: model: damaged or trailing data")
		}
		prev = tag[0]
		switch tag[0] {
		case 'c':
			var ab [2]float32
			if binary.Read(zr, le, &ab) != nil || !finite(ab[0]) || !finite(ab[1]) {
				return nil, errors.New("quote: model: damaged calibration")
			}
			m.calib = calibration{ab[0], ab[1]}
		case 'p', 'w':
			var n uint32
			if binary.Read(zr, le, &n) != nil || n > 1<<22 {
				return nil, errors.New("quote: model: damaged word list")
			}
			list := make([]uint64, n)
			if binary.Read(zr, le, list) != nil || !slices.IsSorted(list) {
				return nil, errors.New("quote: model: damaged word list")
			}
			if tag[0] == 'p' {
				m.peoples = list
			} else {
				m.common = list
			}
		default:
			return nil, errors.New("quote: model: damaged or trailing data")
		}
	}
	// Read to the end, so gzip checks its checksum and a cut file is refused.
	if n, err := io.Copy(io.Discard, zr); err != nil || n != 0 {
		return nil, errors.New("quote: model: damaged or trailing data")
	}
	return m, nil
}
