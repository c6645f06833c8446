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
func Signature(shingles []uint64) []uint64 {
	if len(shingles) == 0 {
		return nil
	}
	sig := make([]uint64, Hashes)
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

// Jaccard returns the Jaccard similarity of two sorted, distinct shingle sets;
// 0 when both are empty.
func Jaccard(a, b []uint64) float64 {
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
