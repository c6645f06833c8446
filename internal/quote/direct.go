package quote

import "github.com/whosaid/whosaid/internal/text"

// Most feature templates take few values (a lexicon class, a distance bucket, a shape,
// a tag). Their rows are copied, at load, into small tables indexed by the value: the
// engine then adds a row without hashing and from memory that stays in cache, and
// hashes only the features of words. Sums of quantized rows are exact in any order,
// so the scores are those of summing the rows of features and stacked. A table holds
// every value its templates can take (see tab).

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
	dLex2: {256, []part{{fLexM2, func(x uint64) uint64 { return x >> 4 }}, {fLexP2, func(x uint64) uint64 { return x & 15 }}}},
	// v = lex*16 + bucket: 64 for the classes of a well-formed lexicon (0–3), 4096
	// for any class a model file may hold.
	dCueLeft: one(fCueLeft, 4096), dCueRight: one(fCueRight, 4096),
	dGeo: {2048, []part{
		{fCueBoth, func(x uint64) uint64 { return x >> 3 }},
		{fCueLeftDist, func(x uint64) uint64 { return (x>>7)*64 + (x>>3&15)*4 + (x>>2&1)*2 }},
		{fInQuote, func(x uint64) uint64 { return x >> 2 & 1 }},
		{fCommaRight, func(x uint64) uint64 { return (x&3)*16 + x>>3&15 }},
	}},
	dQuoteLeftDist: one(fQuoteLeftDist, 128), dQuoteRightDist: one(fQuoteRightDist, 128), dPronoun: one(fPronoun, 4352), // v = l(i+1)*16 + l(i-1), classes up to 255
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
	// The rows themselves, for the hashed features, and the rows of the words before
	// the first token and after the last (fWm1, fWm2 of 1; fWp1, fWp2 of 2).
	rows                   []qrow
	mask                   uint64
	edgeM1, edgeM2, edgeP1 qrow
	edgeP2                 qrow
}

func newDirect(rows []qrow, mask uint64) *direct {
	d := &direct{rows: rows, mask: mask}
	d.edgeM1, d.edgeM2 = rows[feat(fWm1, 1)&mask], rows[feat(fWm2, 1)&mask]
	d.edgeP1, d.edgeP2 = rows[feat(fWp1, 2)&mask], rows[feat(fWp2, 2)&mask]
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

// plus returns q with row r added (a value, kept in registers).
func (q qsum) plus(r *qrow) qsum {
	return qsum{q.a0 + r.s1[0], q.a1 + r.s1[1], q.b0 + r.s2[0], q.b1 + r.s2[1]}
}

// plus2 returns q with the second stage's lanes of r added.
func (q qsum) plus2(r *[2]uint64) qsum {
	q.b0 += r[0]
	q.b1 += r[1]
	return q
}

// row returns the row of a feature hash.
func (d *direct) row(f uint64) *qrow { return &d.rows[f&d.mask] }

func (q *qsum) add(r *qrow) {
	q.a0 += r.s1[0]
	q.a1 += r.s1[1]
	q.b0 += r.s2[0]
	q.b1 += r.s2[1]
}

// baseSum returns the sum of the rows of token i's features (features'),
// read from the tables of few-valued templates and hashed for the others.
func (d *direct) baseSum(toks []text.Token, info []tokInfo, i int) qsum {
	in := &info[i]
	word := func(j int) uint64 { return wordAt(info, j) }
	var q qsum
	q = q.plus(d.row(feat(fW, in.w))).plus(d.row(feat(fWm1, word(i-1)))).plus(d.row(feat(fWp1, word(i+1))))
	q = q.plus(d.row(feat(fWm2, word(i-2)))).plus(d.row(feat(fWp2, word(i+2))))
	if in.suf3 != 0 {
		q = q.plus(d.row(feat(fSuf3, in.suf3))).plus(d.row(feat(fPre3, in.pre3)))
	}
	return d.restSum(q, toks, info, i)
}

// restSum is baseSum without the features of one word alone (wordCache's).
func (d *direct) restSum(q qsum, toks []text.Token, info []tokInfo, i int) qsum {
	n := len(toks)
	in := &info[i]
	lexAt := func(j int) uint64 { return lexClassAt(info, j) }
	wm1, wp1 := wordAt(info, i-1), wordAt(info, i+1)
	q = q.plus(d.row(feat(fWm1W, wm1*31+in.w))).plus(d.row(feat(fWWp1, in.w*31+wp1)))
	var shm1, shp1 uint64 = 11, 12
	if i > 0 {
		shm1 = info[i-1].shape
	}
	if i+1 < n {
		shp1 = info[i+1].shape
	}
	q = q.plus(d.tab(dShape, shapeSlot(in.shape)))
	q = q.plus(d.tab(dShapeM1, shapeSlot(shm1)))
	q = q.plus(d.tab(dShapeP1, shapeSlot(shp1)))
	q = q.plus(d.row(feat(fShapes3, (shm1*131+in.shape)*131+shp1)))
	inq := uint64(0)
	if in.inQ {
		inq = 1
	}
	if toks[i].IsQuote() {
		q = q.plus(d.tab(dQuoteTok, uint64(toks[i].Kind)))
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
	q = q.plus(d.tab(dSentFirst, fl))
	lp1, lm1 := lexAt(i+1), lexAt(i-1)
	l0, lm2, lp2 := lexAt(i), lexAt(i-2), lexAt(i+2)
	if l0|lm1|lp1|lm2|lp2 < 16 {
		q = q.plus(d.tab(dLex3, (lm1*16+l0)*16+lp1))
		q = q.plus(d.tab(dLex2, lm2*16+lp2))
	} else {
		q = q.plus(d.row(feat(fLex, l0))).plus(d.row(feat(fLexM1, lm1))).plus(d.row(feat(fLexP1, lp1)))
		q = q.plus(d.row(feat(fLexM2, lm2))).plus(d.row(feat(fLexP2, lp2)))
	}
	q = q.plus(d.row(feat(fWLex, in.w*7+lp1)))
	left, right := int(in.cueL), int(in.cueR)
	quoteL, quoteR := int(in.qL), int(in.qR)
	commaR := uint64(min(in.commaR, 3))
	var ld, rd uint64 = 15, 15
	if left >= 0 {
		ld = bucket(i - left)
		q = q.plus(d.tab(dCueLeft, uint64(info[left].lex)*16+ld))
		q = q.plus(d.row(feat(fLowerCue, info[left].w)))
	}
	if right >= 0 {
		rd = bucket(right - i)
		q = q.plus(d.tab(dCueRight, uint64(info[right].lex)*16+rd))
		q = q.plus(d.row(feat(fCueRightDist, info[right].w*8+commaR)))
	}
	q = q.plus(d.tab(dGeo, ((ld*16+rd)*2+inq)*4+commaR))
	var ql, qr uint64 = 15, 15
	if quoteL >= 0 {
		ql = bucket(i-quoteL) + 16*uint64(toks[quoteL].Kind)
	}
	if quoteR >= 0 {
		qr = bucket(quoteR-i) + 16*uint64(toks[quoteR].Kind)
	}
	q = q.plus(d.tab(dQuoteLeftDist, ql))
	q = q.plus(d.tab(dQuoteRightDist, qr))
	if in.pron {
		q = q.plus(d.tab(dPronoun, lp1*16+lm1))
	}
	return q
}

// tab returns the row of value x of table k. Every value a token can give is in its
// table: the tables are sized for lexicon classes up to 255, text's few kinds of
// token, and the shapes shapeOf gives (TestDirectSumsMatchFeatures holds the sums
// to those of features, and TestTablesCoverValues the tables to their values).
func (d *direct) tab(k int, x uint64) *qrow { return &d.t1[k][x] }

// stackedSum is baseSum for the features of stacked.
func (d *direct) stackedSum(q qsum, toks []text.Token, info []tokInfo, i int) qsum {
	n := len(toks)
	tag := func(j int) uint64 { return firstTagAt(info, j) }
	in := &info[i]
	tm1, t0, tp1 := tag(i-1), tag(i), tag(i+1)
	if tm1|t0|tp1 < 16 {
		q = q.plus2(&d.t2[dTags][(tm1*16+t0)*16+tp1])
	} else {
		q = q.plus2(&d.row(feat(sTag, t0)).s2).plus2(&d.row(feat(sTagM1, tm1*16+t0)).s2)
		q = q.plus2(&d.row(feat(sTagP1, t0*16+tp1)).s2).plus2(&d.row(feat(sTag3, (tm1*16+t0)*16+tp1)).s2)
	}
	q = q.plus2(&d.t2[dTagM2][tag(i-2)]).plus2(&d.t2[dTagP2][tag(i+2)])
	q = q.plus2(&d.row(feat(sTagW, in.w*16+t0)).s2)
	left, right := int(in.cueL2), int(in.cueR2)
	var ld, rd uint64 = 15, 15
	if left >= 0 {
		ld = bucket(i - left)
		q = q.plus2(&d.row(feat(sCueLW, info[left].w*16+ld)).s2)
	}
	if right >= 0 {
		rd = bucket(right - i)
		q = q.plus2(&d.row(feat(sCueRW, info[right].w*16+rd)).s2)
	}
	var sl, sr uint64
	if in.srcL {
		sl = 1
	}
	if in.srcR {
		sr = 1
	}
	if t0 < 16 {
		q = q.plus2(&d.t2[dCue2][((ld*16+rd)*16+t0)*4+sl*2+sr])
	} else {
		q = q.plus2(&d.row(feat(sCueL, ld*16+rd)).s2).plus2(&d.row(feat(sSrcBetween, ((ld*16+rd)*2+sl)*2+sr)).s2)
		q = q.plus2(&d.row(feat(sCueR, (ld*16+rd)*16+t0)).s2)
	}
	if left < 0 && right < 0 {
		inq := uint64(0)
		if in.inQ {
			inq = 1
		}
		q = q.plus2(&d.t2[dParaCue][uint64(in.paraCue)*2+inq])
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
	return q.plus2(&d.t2[dConEdge][edge*64+in.shape&63])
}
