package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"sync"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/minhash"
)

// prepared is what saving an article needs that depends on the article alone:
// its hash, MinHash signature and the JSON and keys of its rows. SaveBatch
// computes it for the whole batch on every core before its one writer starts.
type prepared struct {
	hash     string // SHA-256 of the text, hex
	keys     []int64
	sig      []byte     // minhash.Pack of the signature
	set      []uint32   // minhash.Set of the text, to confirm a story
	mentions []string   // JSON of each entity's mentions
	spans    []string   // JSON of each quote's spans
	cues     []any      // JSON of each quote's cue, or nil
	content  []string   // fold of each quote's content
	hashes   []int64    // keyHash of each content
	pairs    []string   // pairsOf each content, for the phrase index
	sketches [][]uint64 // sketchOf each content, nil for a short one or an unnamed speaker's
}

// Prepared is an article made ready for SavePrepared by Prepare: the work of
// saving it that needs no store, done wherever the caller has cores to spare.
type Prepared struct {
	a *article.Article
	p *prepared
	// Origin is where the article was read from, which names its outlet;
	// the zero Origin names it by the article's URL or source alone.
	Origin Origin
}

// Prepare readies an article for SavePrepared. It is safe to call from many
// goroutines at once.
func Prepare(a *article.Article) *Prepared { return &Prepared{a: a, p: prepare(a)} }

// PrepareAll readies articles read from o for SavePrepared, on every core;
// nil articles are left out.
func PrepareAll(arts []*article.Article, o Origin) []*Prepared {
	ps := prepareAll(arts)
	for _, p := range ps {
		p.Origin = o
	}
	return ps
}

func prepare(a *article.Article) *prepared {
	sum := sha256.Sum256([]byte(a.Text))
	sig, set := minhash.Fingerprint(a.Text)
	p := &prepared{
		hash:     hex.EncodeToString(sum[:]),
		keys:     minhash.BandKeys(sig),
		sig:      minhash.Pack(sig),
		set:      set,
		mentions: make([]string, len(a.Entities)),
		spans:    make([]string, len(a.Quotes)),
		cues:     make([]any, len(a.Quotes)),
		content:  make([]string, len(a.Quotes)),
		hashes:   make([]int64, len(a.Quotes)),
		pairs:    make([]string, len(a.Quotes)),
		sketches: make([][]uint64, len(a.Quotes)),
	}
	for i, e := range a.Entities {
		m, _ := json.Marshal(orEmpty(e.Mentions))
		p.mentions[i] = string(m)
	}
	for i, q := range a.Quotes {
		s, _ := json.Marshal(orEmpty(q.Spans))
		p.spans[i] = string(s)
		if q.Cue != nil {
			b, _ := json.Marshal(q.Cue)
			p.cues[i] = string(b)
		}
		p.content[i] = fold(q.Content)
		p.hashes[i] = keyHash(p.content[i])
		p.pairs[i] = pairsOf(q.Content)
		if q.Speaker.Name != nil {
			p.sketches[i] = sketchOf(p.content[i]) // (an unnamed speaker's quote has no variants)
		}
	}
	return p
}

// prepareAll prepares the articles (nil ones are left out) on every core.
func prepareAll(arts []*article.Article) []*Prepared {
	out := make([]*Prepared, len(arts))
	workers := min(runtime.GOMAXPROCS(0), len(arts))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(arts); i += workers {
				if arts[i] != nil {
					out[i] = Prepare(arts[i])
				}
			}
		}()
	}
	wg.Wait()
	return slices.DeleteFunc(out, func(p *Prepared) bool { return p == nil })
}
