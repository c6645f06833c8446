package quote

import "github.com/whosaid/whosaid/internal/text"

// Most feature templates take few values (a lexicon class, a distance bucket, a shape,
// a tag). Their rows are copied, at load, into small tables indexed by the value: the
// engine then adds a row without hashing and from memory that stays in cache, and
// hashes only the features of words. Sums of quantized rows are exact in any order,
// so the scores are those of summing the rows of features and stacked; a value past
// its table (which a well-formed model never gives) is hashed as usual.

// The table slots of the first stage. A slot is one template, or several of the same
// few inputs whose rows are summed into one table (lex3, lex2, geo; sentFirst holds
// the bias too, which every token has).
const (
	dShape = iota
	dShapeM1
	dShapeP1
	dQuoteTok
	dSentFirst // fSentFirst(v) + fBias
	dLex3      // v = (l(i-1)*16 + l(i))*16 + l(i+1): fLexM1, fLex, fLexP1
	dLex2      // v = l(i-2)*16 + l(i+2): fLexM2, fLexP2
	dCueLeft
	dCueRight
	dGeo // v = ((ld*16+rd)*2+inq)*4 + commaR: fCueBoth, fCueLeftDist, fInQuote, fCommaRight
	dQuoteLeftDist
	dQuoteRightDist
	dPronoun
	numD1
)

// part is one template of a slot and its value at a slot index.
type part struct {
	tpl int
	val func(x uint64) uint64
}

type slot struct {
	size  int
	parts []part
}

func one(tpl, size int) slot {
	return slot{size, []part{{tpl, func(x uint64) uint64 { return x }}}}
}

func shapeSlotOf(tpl int) slot {
	return slot{shapeSlots, []part{{tpl, func(x uint64) uint64 { return slotShape(int(x)) }}}}
}

var d1Spec = [numD1]slot{
	dShape: shapeSlotOf(fShape), dShapeM1: shapeSlotOf(fShapeM1), dShapeP1: shapeSlotOf(fShapeP1),
	dQuoteTok:  one(fQuoteTok, 8),
	dSentFirst: {8, []part{{fSentFirst, func(x uint64) uint64 { return x }}, {fBias, func(uint64) uint64 { return 0 }}}},
	dLex3: {4096, []part{{fLexM1, func(x uint64) uint64 { return x >> 8 }}, {fLex, func(x uint64) uint64 { return x >> 4 & 15 }},
		{fLexP1, func(x uint64) uint64 { return x & 15 }}}},
	dLex2:    {256, []part{{fLexM2, func(x uint64) uint64 { return x >> 4 }}, {fLexP2, func(x uint64) uint64 { return x & 15 }}}},
	dCueLeft: one(fCueLeft, 64), dCueRight: one(fCueRight, 64),
	dGeo: {2048, []part{
		{fCueBoth, func(x uint64) uint64 { return x >> 3 }},
		{fCueLeftDist, func(x uint64) uint64 { return (x>>7)*64 + (x>>3&15)*4 + (x>>2&1)*2 }},
		{fInQuote, func(x uint64) uint64 { return x >> 2 & 1 }},
		{fCommaRight, func(x uint64) uint64 { return (x&3)*16 + x>>3&15 }},
	}},
	dQuoteLeftDist: one(fQuoteLeftDist, 128), dQuoteRightDist: one(fQuoteRightDist, 128), dPronoun: one(fPronoun, 256),
}

// The table slots of the second stage.
const (
	dTags  = iota // v = (t(i-1)*16 + t(i))*16 + t(i+1): sTag, sTagM1, sTagP1, sTag3
	dTagM2        // the single templates, v their value
	dTagP2
	dCue2 // v = ((ld*16+rd)*16+t(i))*4 + srcL*2 + srcR: sCueL, sSrcBetween, sCueR
	dParaCue
	dConEdge
	numD2
)

var d2Spec = [numD2]slot{
	dTags: {4096, []part{
		{sTag, func(x uint64) uint64 { return x >> 4 & 15 }},
		{sTagM1, func(x uint64) uint64 { return x >> 4 }},
		{sTagP1, func(x uint64) uint64 { return x & 255 }},
		{sTag3, func(x uint64) uint64 { return x }},
	}},
	dTagM2: one(sTagM2, 16), dTagP2: one(sTagP2, 16),
	dCue2: {16384, []part{
		{sCueL, func(x uint64) uint64 { return x >> 6 }},
		{sSrcBetween, func(x uint64) uint64 { return x>>6*4 + x&3 }},
		{sCueR, func(x uint64) uint64 { return x >> 2 }},
	}},
	dParaCue: one(sParaCue, 8), dConEdge: one(sConEdge, 256),
}

// Shapes are the classes below 16 (with 11 and 12 for before the first and after the
// last token) and punctuation, shPunct plus a byte of its hash times 256: slot 16+byte.
const shapeSlots = 16 + 256

func shapeSlot(v uint64) uint64 {
	if v < 16 {
		return v
	}
	if v&0xff != shPunct {
		return shapeSlots // not a shape
	}
	return 16 + v>>8
}

func slotShape(s int) uint64 {
	if s < 16 {
		return uint64(s)
	}
	return shPunct + uint64(s-16)<<8
}

// direct holds the tables of a model's rows.
type direct struct {
	t1 [numD1][]qrow
	t2 [numD2][][2]uint64 // the second stage's lanes only
}

func newDirect(rows []qrow, mask uint64) *direct {
	d := &direct{}
	for k, sp := range d1Spec {
		t := make([]qrow, sp.size)
		for x := range t {
			for _, p := range sp.parts {
				t[x].addRow(&rows[feat(p.tpl, p.val(uint64(x)))&mask])
			}
		}
		d.t1[k] = t
	}
	for k, sp := range d2Spec {
		t := make([][2]uint64, sp.size)
		for x := range t {
			for _, p := range sp.parts {
				r := &rows[feat(p.tpl, p.val(uint64(x)))&mask]
				t[x][0] += r.s2[0]
				t[x][1] += r.s2[1]
			}
		}
		d.t2[k] = t
	}
	return d
}

func (r *qrow) addRow(x *qrow) {
	r.s1[0] += x.s1[0]
	r.s1[1] += x.s1[1]
	r.s2[0] += x.s2[0]
	r.s2[1] += x.s2[1]
}

// qsum is a sum of rows.
type qsum struct{ a0, a1, b0, b1 uint64 }

func (q *qsum) add(r *qrow) {
	q.a0 += r.s1[0]
	q.a1 += r.s1[1]
	q.b0 += r.s2[0]
	q.b1 += r.s2[1]
}

// none marks a template that a token lacks.
const none = ^uint64(0)

// missed appends the hash of a value that has no table slot.
//
//go:noinline
func missed(fs []uint64, tpl int, v uint64) []uint64 { return append(fs, feat(tpl, v)) }

// baseSum adds to q the rows of token i's features with a table and appends the hashes
// of the others to fs: together the features of features(fs, toks, info, i).
func (d *direct) baseSum(q *qsum, fs []uint64, toks []text.Token, info []tokInfo, i int) []uint64 {
	n := len(toks)
	in := &info[i]
	word := func(j int) uint64 { return wordAt(info, j) }
	lexAt := func(j int) uint64 { return lexClassAt(info, j) }
	var v [numD1]uint64
	wm1, wp1 := word(i-1), word(i+1)
	fs = append(fs,
		feat(fW, in.w),
		feat(fWm1, wm1),
		feat(fWp1, wp1),
		feat(fWm2, word(i-2)),
		feat(fWp2, word(i+2)),
		feat(fWm1W, wm1*31+in.w),
		feat(fWWp1, in.w*31+wp1),
	)
	var shm1, shp1 uint64 = 11, 12
	if i > 0 {
		shm1 = info[i-1].shape
	}
	if i+1 < n {
		shp1 = info[i+1].shape
	}
	v[dShape], v[dShapeM1], v[dShapeP1] = shapeSlot(in.shape), shapeSlot(shm1), shapeSlot(shp1)
	fs = append(fs, feat(fShapes3, (shm1*131+in.shape)*131+shp1))
	if in.suf3 != 0 {
		fs = append(fs, feat(fSuf3, in.suf3), feat(fPre3, in.pre3))
	}
	inq := uint64(0)
	if in.inQ {
		inq = 1
	}
	v[dQuoteTok] = none
	if toks[i].IsQuote() {
		v[dQuoteTok] = uint64(toks[i].Kind)
	}
	s := in.sent
	var fl uint64
	if i == 0 || info[i-1].sent != s {
		fl |= 1
	}
	if i == n-1 || info[i+1].sent != s {
		fl |= 2
	}
	if s == 0 {
		fl |= 4
	}
	v[dSentFirst] = fl
	lp1, lm1 := lexAt(i+1), lexAt(i-1)
	l0, lm2, lp2 := lexAt(i), lexAt(i-2), lexAt(i+2)
	if l0|lm1|lp1|lm2|lp2 < 16 {
		v[dLex3], v[dLex2] = (lm1*16+l0)*16+lp1, lm2*16+lp2
	} else {
		v[dLex3], v[dLex2] = none, none
		fs = append(fs, feat(fLex, l0), feat(fLexM1, lm1), feat(fLexP1, lp1), feat(fLexM2, lm2), feat(fLexP2, lp2))
	}
	fs = append(fs, feat(fWLex, in.w*7+lp1))
	left, right := int(in.cueL), int(in.cueR)
	quoteL, quoteR := int(in.qL), int(in.qR)
	commaR := uint64(min(in.commaR, 3))
	var ld, rd uint64 = 15, 15
	v[dCueLeft], v[dCueRight] = none, none
	if left >= 0 {
		ld = bucket(i - left)
		v[dCueLeft] = uint64(info[left].lex)*16 + ld
		fs = append(fs, feat(fLowerCue, info[left].w))
	}
	if right >= 0 {
		rd = bucket(right - i)
		v[dCueRight] = uint64(info[right].lex)*16 + rd
		fs = append(fs, feat(fCueRightDist, info[right].w*8+commaR))
	}
	v[dGeo] = ((ld*16+rd)*2+inq)*4 + commaR
	var ql, qr uint64 = 15, 15
	if quoteL >= 0 {
		ql = bucket(i-quoteL) + 16*uint64(toks[quoteL].Kind)
	}
	if quoteR >= 0 {
		qr = bucket(quoteR-i) + 16*uint64(toks[quoteR].Kind)
	}
	v[dQuoteLeftDist] = ql
	v[dQuoteRightDist] = qr
	v[dPronoun] = none
	if in.pron {
		v[dPronoun] = lp1*16 + lm1
	}
	for k, x := range v {
		if t := d.t1[k]; x < uint64(len(t)) {
			q.add(&t[x])
			continue
		}
		switch {
		case x == none:
		case k == dShape:
			fs = missed(fs, fShape, in.shape)
		case k == dShapeM1:
			fs = missed(fs, fShapeM1, shm1)
		case k == dShapeP1:
			fs = missed(fs, fShapeP1, shp1)
		default:
			fs = missed(fs, d1Spec[k].parts[0].tpl, x)
		}
	}
	return fs
}

// stackedSum is baseSum for the features of stacked.
func (d *direct) stackedSum(q *qsum, fs []uint64, toks []text.Token, info []tokInfo, i int) []uint64 {
	n := len(toks)
	tag := func(j int) uint64 { return firstTagAt(info, j) }
	in := &info[i]
	var v [numD2]uint64
	tm1, t0, tp1 := tag(i-1), tag(i), tag(i+1)
	if tm1|t0|tp1 < 16 {
		v[dTags] = (tm1*16+t0)*16 + tp1
	} else {
		v[dTags] = none
		fs = append(fs, feat(sTag, t0), feat(sTagM1, tm1*16+t0), feat(sTagP1, t0*16+tp1), feat(sTag3, (tm1*16+t0)*16+tp1))
	}
	v[dTagM2] = tag(i - 2)
	v[dTagP2] = tag(i + 2)
	fs = append(fs, feat(sTagW, in.w*16+t0))
	left, right := int(in.cueL2), int(in.cueR2)
	var ld, rd uint64 = 15, 15
	if left >= 0 {
		ld = bucket(i - left)
		fs = append(fs, feat(sCueLW, info[left].w*16+ld))
	}
	if right >= 0 {
		rd = bucket(right - i)
		fs = append(fs, feat(sCueRW, info[right].w*16+rd))
	}
	var sl, sr uint64
	if in.srcL {
		sl = 1
	}
	if in.srcR {
		sr = 1
	}
	if t0 < 16 {
		v[dCue2] = ((ld*16+rd)*16+t0)*4 + sl*2 + sr
	} else {
		v[dCue2] = none
		fs = append(fs, feat(sCueL, ld*16+rd), feat(sSrcBetween, ((ld*16+rd)*2+sl)*2+sr), feat(sCueR, (ld*16+rd)*16+t0))
	}
	if left < 0 && right < 0 {
		inq := uint64(0)
		if in.inQ {
			inq = 1
		}
		v[dParaCue] = uint64(in.paraCue)*2 + inq
	} else {
		v[dParaCue] = none
	}
	edge := uint64(0)
	if role(int(t0)) == 3 {
		if i == 0 || role(int(info[i-1].p1)) != 3 {
			edge |= 1
		}
		if i == n-1 || role(int(info[i+1].p1)) != 3 {
			edge |= 2
		}
	}
	v[dConEdge] = edge*64 + in.shape&63
	for k, x := range v {
		if t := d.t2[k]; x < uint64(len(t)) {
			q.b0 += t[x][0]
			q.b1 += t[x][1]
		} else if x != none {
			fs = missed(fs, d2Spec[k].parts[0].tpl, x)
		}
	}
	return fs
}
