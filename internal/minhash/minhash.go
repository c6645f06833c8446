package minhash

import (
	"encoding/binary"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// Sizes of the signature and of its bands.
const (
	Shingle = 5            // words per shingle
	Bands   = 20           // band keys per text
	Rows    = 6            // signature positions per band
	Hashes  = Bands * Rows // signature length
)

// Threshold is the Jaccard similarity from which two texts are one story.
const Threshold = 0.8

// MinEstimate is the estimate below which a candidate need not be confirmed:
// a pair at Jaccard Threshold agrees on fewer than 60% of Hashes positions
// with probability about 2e-8 (5.5 standard deviations), while reading and
// shingling a stored text to confirm it costs more than a lookup.
const MinEstimate = 0.6

// coeffs are the odd multipliers and the addends of the affine maps, drawn
// once from a fixed seed so that signatures are stable across runs and
// versions: stored band keys must keep matching new ones.
var coeffs = func() (c [Hashes][2]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	next := func() uint64 { // splitmix64
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := range c {
		c[i] = [2]uint64{next() | 1, next()}
	}
	return c
}()

// Shingles returns the sorted, distinct hashes of the word 5-shingles of text.
// A text of fewer than five words is one shingle of all its words; a text
// without words has none.
func Shingles(text string) []uint64 {
	out := shingleHashes(text)
	slices.Sort(out)
	return slices.Compact(out)
}

// shingleHashes returns the hashes of the word 5-shingles of text in text
// order, repeats included: all a signature needs.
func shingleHashes(text string) []uint64 {
	words := wordHashes(text)
	if len(words) == 0 {
		return nil
	}
	n := max(len(words)-Shingle+1, 1)
	out := make([]uint64, 0, n)
	var buf [8 * Shingle]byte
	for i := range n {
		k := 0
		for j := i; j < i+Shingle && j < len(words); j++ {
			binary.LittleEndian.PutUint64(buf[k:], words[j])
			k += 8
		}
		out = append(out, xxhash.Sum64(buf[:k]))
	}
	return out
}

// SignatureOf is Signature(Shingles(text)) without sorting the shingles,
// which a signature does not need.
func SignatureOf(text string) []uint64 { return Signature(shingleHashes(text)) }

// Pack returns a signature in 4 bytes per position (the low 32 bits of each,
// little-endian): the form kept on disk to compare stored texts with new ones
// by EstimatePacked. Nil for a signature that is not Hashes long.
func Pack(sig []uint64) []byte {
	if len(sig) != Hashes {
		return nil
	}
	b := make([]byte, 4*Hashes)
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(v))
	}
	return b
}

// EstimatePacked is Estimate for packed signatures; 0 when either is not a
// packed signature.
func EstimatePacked(a, b []byte) float64 {
	if len(a) != 4*Hashes || len(b) != 4*Hashes {
		return 0
	}
	same := 0
	for i := 0; i < len(a); i += 4 {
		if binary.LittleEndian.Uint32(a[i:]) == binary.LittleEndian.Uint32(b[i:]) {
			same++
		}
	}
	return float64(same) / Hashes
}

// wordHashes returns the hashes of the words of text: runs of letters, digits
// and marks, lower-cased.
func wordHashes(text string) []uint64 {
	hashes := make([]uint64, 0, len(text)/6)
	buf := make([]byte, 0, 64)
	flush := func() {
		if len(buf) > 0 {
			hashes = append(hashes, xxhash.Sum64(buf))
			buf = buf[:0]
		}
	}
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			buf = append(buf, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			buf = append(buf, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "minister's" is one word however its apostrophe is typed.
		default:
			flush()
		}
	}
	flush()
	return hashes
}

// Signature returns the MinHash signature of a shingle set; nil for an empty set.
func Signature(shingles []uint64) []uint64 { return Mins(shingles, Hashes) }

// Mins returns the first n (at most Hashes) positions of the MinHash
// signature of a set of hashes, for sketches shorter than a text's: nil for
// an empty set.
func Mins(shingles []uint64, n int) []uint64 {
	if len(shingles) == 0 {
		return nil
	}
	sig := make([]uint64, min(n, Hashes))
	for i := range sig {
		a, b := coeffs[i][0], coeffs[i][1]
		m := ^uint64(0)
		for _, s := range shingles {
			// The high bits of an affine map mod 2^64 are well mixed; rotate
			// them down so that the minimum depends on them.
			v := s*a + b
			if v = v>>32 | v<<32; v < m {
				m = v
			}
		}
		sig[i] = m
	}
	return sig
}

// BandKeys returns the Bands keys of a signature, each a hash of the band's
// number and its Rows values; nil for an empty signature. They are int64 so
// that a database stores them as integers.
func BandKeys(sig []uint64) []int64 {
	if len(sig) != Hashes {
		return nil
	}
	keys := make([]int64, Bands)
	var buf [8 * (Rows + 1)]byte
	for b := range keys {
		binary.LittleEndian.PutUint64(buf[:], uint64(b))
		for r := range Rows {
			binary.LittleEndian.PutUint64(buf[8*(r+1):], sig[b*Rows+r])
		}
		keys[b] = int64(xxhash.Sum64(buf[:]))
	}
	return keys
}

// Keys is BandKeys(Signature(Shingles(text))).
func Keys(text string) []int64 { return BandKeys(Signature(Shingles(text))) }

// Set returns the shingle set of text in the form kept to confirm a candidate:
// the low 32 bits of each shingle hash, sorted and distinct. Two texts of a
// thousand shingles each share a truncated hash by chance with probability
// 2e-4, so JaccardSet of two sets is the Jaccard similarity of their texts.
func Set(text string) []uint32 { return setOf(shingleHashes(text)) }

// Fingerprint returns the signature of text (SignatureOf) and its set (Set),
// hashing its shingles once.
func Fingerprint(text string) (sig []uint64, set []uint32) {
	h := shingleHashes(text)
	return Signature(h), setOf(h)
}

func setOf(hashes []uint64) []uint32 {
	if len(hashes) == 0 {
		return nil
	}
	set := make([]uint32, len(hashes))
	for i, h := range hashes {
		set[i] = uint32(h)
	}
	radixSort(set)
	return slices.Clip(slices.Compact(set))
}

// radixSort sorts s in four passes of a byte each: for the thousand values
// of an article three times faster than slices.Sort, and a set is made for
// every article stored.
func radixSort(s []uint32) {
	if len(s) < 64 {
		slices.Sort(s)
		return
	}
	tmp := make([]uint32, len(s))
	src, dst := s, tmp
	for shift := 0; shift < 32; shift += 8 {
		var count [257]int
		for _, v := range src {
			count[(v>>shift)&0xff+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, v := range src {
			b := (v >> shift) & 0xff
			dst[count[b]] = v
			count[b]++
		}
		src, dst = dst, src
	}
	// After an even number of passes the sorted values are back in s.
}

// PackSet returns a set in 4 bytes per shingle, little-endian: the form kept
// on disk.
func PackSet(set []uint32) []byte {
	b := make([]byte, 4*len(set))
	for i, v := range set {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// UnpackSet returns the set PackSet packed; nil when b is not one.
func UnpackSet(b []byte) []uint32 {
	if len(b)%4 != 0 {
		return nil
	}
	set := make([]uint32, len(b)/4)
	for i := range set {
		set[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return set
}

// JaccardSet returns the Jaccard similarity of two sets made by Set; 0 when
// both are empty.
func JaccardSet(a, b []uint32) float64 { return jaccard(a, b) }

// Jaccard returns the Jaccard similarity of two sorted, distinct shingle sets;
// 0 when both are empty.
func Jaccard(a, b []uint64) float64 { return jaccard(a, b) }

func jaccard[T uint32 | uint64](a, b []T) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// Estimate returns the share of positions where two signatures agree: an
// estimate of the Jaccard similarity of their texts.
func Estimate(a, b []uint64) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}
