package webpage

import (
	"strings"
	"unicode"

	"github.com/whosaid/whosaid/internal/article"
)

// Two extractors built on different ideas (go-trafilatura's tag rules and
// readability's scoring of the densest subtree) seldom keep the same boilerplate:
// a teaser list, a newsletter box or a copyright line that one keeps the other
// drops. Keeping only the blocks of the first that the second also found raised
// precision on our benchmark with no loss of recall, so long as the second did
// not miss the article altogether (then the first stands alone).

// agreeShare is the share of a block's 4-word shingles that the other extractor
// must have found for the block to stay.
const agreeShare = 0.5

// minAgreement is the share of the words of the first extraction that must
// survive; below it the second extractor is taken to have missed the article.
const minAgreement = 0.5

// supersedeRatio: readability's text replaces go-trafilatura's when it holds
// (nearly) all of it and this many times as many words, the sign that
// go-trafilatura kept one section of an article split across containers.
const (
	supersedeRatio = 2.0
	supersedeCover = 0.9
	// maxRepeats: a text repeated this often among readability's blocks (a share
	// bar under every card) marks a listing page, not one long article.
	maxRepeats = 3
)

// combine merges what the two extractors found: go-trafilatura's blocks that
// readability confirms, or readability's blocks when go-trafilatura's are a small
// part of them.
func combine(own, other []article.DraftBlock) []article.DraftBlock {
	if len(other) == 0 {
		return own
	}
	ref := newReference(other)
	if ref.supersedes(own) {
		return other
	}
	return ref.agree(own)
}

// reference is the other extractor's text, indexed for lookups.
type reference struct {
	set      map[uint64]struct{} // its 4-word shingles
	joined   string              // its words, space-separated, with a space at each end
	words    int
	repeated bool // some block text occurs maxRepeats times or more
}

func newReference(other []article.DraftBlock) reference {
	r := reference{set: map[uint64]struct{}{}}
	var joined strings.Builder
	joined.WriteByte(' ')
	seen := map[string]int{}
	for _, b := range other {
		toks := tokens(b.Text)
		r.words += len(toks)
		for _, s := range shingles(toks) {
			r.set[s] = struct{}{}
		}
		for _, t := range toks {
			joined.WriteString(t)
			joined.WriteByte(' ')
		}
		if len(toks) > 0 {
			k := strings.Join(toks, " ")
			seen[k]++
			if seen[k] >= maxRepeats {
				r.repeated = true
			}
		}
	}
	r.joined = joined.String()
	return r
}

func (r reference) supersedes(own []article.DraftBlock) bool {
	if r.repeated {
		return false
	}
	ownWords, ownSh, hit := 0, 0, 0
	for _, b := range own {
		toks := tokens(b.Text)
		ownWords += len(toks)
		for _, s := range shingles(toks) {
			ownSh++
			if _, ok := r.set[s]; ok {
				hit++
			}
		}
	}
	return ownSh > 0 && float64(r.words) >= supersedeRatio*float64(ownWords) &&
		float64(hit) >= supersedeCover*float64(ownSh)
}

// agree keeps the blocks of own that other confirms.
func agree(own, other []article.DraftBlock) []article.DraftBlock {
	if len(other) == 0 {
		return own
	}
	return newReference(other).agree(own)
}

func (r reference) agree(own []article.DraftBlock) []article.DraftBlock {
	var kept []article.DraftBlock
	total, keptWords := 0, 0
	for _, b := range own {
		toks := tokens(b.Text)
		total += len(toks)
		ok := false
		if len(toks) < 4 {
			// Too short for a shingle: it must occur as a phrase.
			ok = len(toks) > 0 && strings.Contains(r.joined, " "+strings.Join(toks, " ")+" ")
		} else {
			sh := shingles(toks)
			hit := 0
			for _, s := range sh {
				if _, found := r.set[s]; found {
					hit++
				}
			}
			ok = float64(hit) >= agreeShare*float64(len(sh))
		}
		if ok {
			kept = append(kept, b)
			keptWords += len(toks)
		}
	}
	if float64(keptWords) < minAgreement*float64(total) {
		return own
	}
	return kept
}

// tokens splits text into lower-cased words (letters, digits and underscores).
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.IsMark(r))
	})
}

// shingles hashes each run of four consecutive tokens (FNV-1a).
func shingles(toks []string) []uint64 {
	if len(toks) < 4 {
		return nil
	}
	out := make([]uint64, 0, len(toks)-3)
	for i := 0; i+4 <= len(toks); i++ {
		h := uint64(14695981039346656037)
		for _, t := range toks[i : i+4] {
			for j := 0; j < len(t); j++ {
				h ^= uint64(t[j])
				h *= 1099511628211
			}
			h ^= 0xff
			h *= 1099511628211
		}
		out = append(out, h)
	}
	return out
}
