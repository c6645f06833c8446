package quote

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// viterbiRef is viterbiQ written plainly: every transition tried, the first best
// kept.
func viterbiRef(tr *qtrans, sc [][numTags]int32, out []int) {
	n := len(sc)
	if n == 0 {
		return
	}
	back := make([][numTags]int, n)
	var prev [numTags]int64
	for t := range numTags {
		prev[t] = tr[numTags][t] + int64(sc[0][t])
	}
	for i := 1; i < n; i++ {
		var cur [numTags]int64
		for t := range numTags {
			best, arg := prev[0]+tr[0][t], 0
			for p := 1; p < numTags; p++ {
				if v := prev[p] + tr[p][t]; v > best {
					best, arg = v, p
				}
			}
			cur[t], back[i][t] = best+int64(sc[i][t]), arg
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
		out[i-1] = back[i][out[i]]
	}
}

// TestViterbiQMatchesPlain: the packed maximum of viterbiQ finds the path, ties
// included, that trying every transition in order finds.
func TestViterbiQMatchesPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 2000 {
		// Narrow ranges make ties common; wide ones test the magnitudes.
		span := []int64{2, 5, 1 << 10, 1 << 28}[k%4]
		var tr [numTags + 1][numTags]float32
		for p := range tr {
			for q := range tr[p] {
				tr[p][q] = float32(rng.Int64N(span) - span/2)
			}
		}
		qt := transOf(&tr, 1.0/(1<<subQuantaBits))
		n := 1 + rng.IntN(60)
		sc := make([][numTags]int32, n)
		for i := range sc {
			for q := 1; q < numTags; q++ {
				sc[i][q] = int32(rng.Int64N(span) - span/2)
			}
		}
		want, got := make([]int, n), make([]int, n)
		viterbiRef(&qt, sc, want)
		viterbiQ(&qt, sc, got, make([][numTags]uint8, n))
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: tags %v, want %v", k, got, want)
		}
	}
}

// BenchmarkViterbiQ decodes a paragraph of 1,000 tokens with the built-in model's
// second-stage transitions.
func BenchmarkViterbiQ(b *testing.B) {
	m := New().m
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 1000
	sc := make([][numTags]int32, n)
	for i := range sc {
		for q := 1; q < numTags; q++ {
			sc[i][q] = int32(rng.Int64N(1<<24) - 1<<23)
		}
	}
	out, back := make([]int, n), make([][numTags]uint8, n)
	for b.Loop() {
		viterbiQ(&m.qtrans[1], sc, out, back)
	}
}
