package quote

// News text says the same words again and again, and seven of the hashed features of
// a token are of one word alone: the word itself and its affixes, and the words one
// and two before and after it. wordCache keeps, for the words seen lately, those
// features' rows (the word's own summed into one), so that a token adds rows read from
// a table that stays in cache instead of hashing each feature and reading its row
// from anywhere in the model's tables. Sums of quantized rows are exact in any order,
// so the scores do not change.

// wordRows holds the rows of one word's single-word features.
type wordRows struct {
	w, suf3, pre3 uint64 // the key: the word's hashes (tokInfo's)
	ok            bool   // the entry holds a word
	self          qrow   // fW, and fSuf3 and fPre3 when the word has them
	m1, m2        qrow   // fWm1 and fWm2: as the word one or two before a token
	p1, p2        qrow   // fWp1 and fWp2
}

// wordCacheBits sizes the cache: 2^11 entries of 192 bytes, a common word's entry
// staying put across articles while it fits in a core's cache.
const wordCacheBits = 11

// wordCache is a direct-mapped cache of wordRows: a word whose slot another holds
// takes it over.
type wordCache struct {
	ents []wordRows
}

// get returns the entry of the word of in, valid until the next call.
func (c *wordCache) get(d *direct, in *tokInfo) *wordRows {
	if c.ents == nil {
		c.ents = make([]wordRows, 1<<wordCacheBits)
	}
	e := &c.ents[(in.w*0x9e3779b97f4a7c15)>>(64-wordCacheBits)]
	if e.ok && e.w == in.w && e.suf3 == in.suf3 && e.pre3 == in.pre3 {
		return e
	}
	rows, mask, w := d.rows, d.mask, in.w
	e.w, e.suf3, e.pre3, e.ok = w, in.suf3, in.pre3, true
	e.self = rows[feat(fW, w)&mask]
	if in.suf3 != 0 {
		e.self.addRow(&rows[feat(fSuf3, in.suf3)&mask])
		e.self.addRow(&rows[feat(fPre3, in.pre3)&mask])
	}
	e.m1, e.m2 = rows[feat(fWm1, w)&mask], rows[feat(fWm2, w)&mask]
	e.p1, e.p2 = rows[feat(fWp1, w)&mask], rows[feat(fWp2, w)&mask]
	return e
}

// wordSums sets acc[i] to the sum of the rows of token i's features of one word alone
// (fW, fWm1, fWp1, fWm2, fWp2, fSuf3, fPre3): with restSum's, baseSum's.
func (d *direct) wordSums(c *wordCache, info []tokInfo, acc []qsum) {
	n := len(info)
	if n == 0 {
		return
	}
	clear(acc)
	// The words before the first token and after the last.
	acc[0].add(&d.edgeM1)
	acc[0].add(&d.edgeM2)
	acc[n-1].add(&d.edgeP1)
	acc[n-1].add(&d.edgeP2)
	if n > 1 {
		acc[1].add(&d.edgeM2)
		acc[n-2].add(&d.edgeP2)
	}
	for j := range info {
		e := c.get(d, &info[j])
		acc[j].add(&e.self)
		if j+1 < n {
			acc[j+1].add(&e.m1)
		}
		if j+2 < n {
			acc[j+2].add(&e.m2)
		}
		if j >= 1 {
			acc[j-1].add(&e.p1)
		}
		if j >= 2 {
			acc[j-2].add(&e.p2)
		}
	}
}
