package minhash

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// story is an invented wire article of about 400 words.
func story() []string {
	return []string{
		"By Tomas Ekberg, Coastal Wire",
		"The harbour board of Westhaven voted on Tuesday to open a ferry line to the outer islands, ending a dispute that has divided the town council for more than three years.",
		"The line will run twice a day from the old fish quay, with a larger boat added during the summer months when visitors crowd the islands and the roads to the quay.",
		"\"This is the best news the islands have had in years,\" said Councillor Maeve Dunne, who has campaigned for the service since she was first elected.",
		"Opponents on the council argued that the money would be better spent on repairing the coastal road, which was closed twice last winter after storms washed away part of the embankment.",
		"The board said the ferry would cost about four million crowns over five years, shared between the regional government and the town, with ticket sales expected to cover a third of the running costs.",
		"Fishermen who use the quay said they had not been consulted about the timetable and feared that the ferry would block the narrow channel at the busiest hours of the morning.",
		"A spokesperson for the port authority said that a new mooring would be built on the eastern side of the quay so that fishing boats could come and go without waiting for the ferry.",
		"Island residents welcomed the decision, saying that the current service, a private boat that runs only on request, was expensive and often cancelled at short notice in bad weather.",
		"The first sailings are planned for the spring, once the board has chosen an operator from the three companies that answered its call for tenders last autumn.",
		"The council will vote on its share of the money next month, and several members said on Tuesday that they would ask for the road repairs to be brought forward in the same budget.",
		"The islands have about nine hundred permanent residents, a number that has fallen by a quarter in the last two decades as young families moved to the mainland for work and schools.",
	}
}

func join(paras []string) string { return strings.Join(paras, "\n\n") }

func TestNearDuplicates(t *testing.T) {
	orig := join(story())

	bylined := story()
	bylined[0] = "From our correspondent in Westhaven, Harbour Daily"
	edited := story()
	edited[6] = "Fishermen who use the quay said the new timetable had been drawn up without them and that the channel was too narrow for both."
	both := slices.Clone(edited)
	both[0] = bylined[0]

	other := []string{
		"By Ines Moreau, Valley Herald",
		"The regional school board announced on Thursday that two village schools in the upper valley will merge next year, after enrolment fell below the minimum set by the education ministry.",
		"Parents packed the community hall to argue that the longer bus journey over the mountain pass would be dangerous in winter, when the road is often closed for days at a time.",
		"\"We understand the numbers, but our children are not numbers,\" said one mother, who asked not to be named because she works for the regional government.",
		"The board said it would pay for a second bus and for a teaching assistant to travel with the younger pupils, and promised to review the decision after the first winter.",
		"The ferry line to the outer islands will run twice a day from the old fish quay, the harbour board said in a separate statement on the same day.",
	}
	shared := story()[:4] // a follow-up story reusing a third of the original
	shared = append(shared, other[1:]...)

	tests := []struct {
		name string
		text string
		same bool
	}{
		{"syndicated copy with another byline", join(bylined), true},
		{"one sentence rewritten", join(edited), true},
		{"another byline and one sentence rewritten", join(both), true},
		{"a different article", join(other), false},
		{"a follow-up sharing a third of the text", join(shared), false},
	}
	a := Shingles(orig)
	ka := BandKeys(Signature(a))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := Shingles(tc.text)
			j := Jaccard(a, b)
			if (j >= Threshold) != tc.same {
				t.Errorf("Jaccard %.3f, same story %v", j, tc.same)
			}
			kb := Keys(tc.text)
			common := 0
			for i := range ka {
				if ka[i] == kb[i] {
					common++
				}
			}
			if tc.same && common == 0 {
				t.Errorf("Jaccard %.3f but no band in common: not a candidate", j)
			}
			t.Logf("Jaccard %.3f, estimate %.3f, %d/%d bands in common", j, Estimate(Signature(a), Signature(b)), common, Bands)
		})
	}
}

// Case, punctuation and spacing do not change the shingles.
func TestShinglesFold(t *testing.T) {
	a := Shingles("The ferry, said the Minister's aide,   will run TWICE a day.")
	b := Shingles("the ferry said the ministers aide will run twice a day")
	if !slices.Equal(a, b) {
		t.Errorf("%v != %v", a, b)
	}
	if len(a) != 7 {
		t.Errorf("%d shingles of 11 words, want 7", len(a))
	}
	if s := Shingles("Three short words"); len(s) != 1 {
		t.Errorf("short text: %d shingles, want 1", len(s))
	}
	if Shingles(" ... ") != nil || Signature(nil) != nil || BandKeys(nil) != nil {
		t.Error("a text without words has no shingles, signature or keys")
	}
}

// Band keys are stored: a change of hash functions or coefficients would make
// stored stories unreachable, so their values are pinned.
func TestKeysStable(t *testing.T) {
	k := Keys("the harbour board voted on tuesday to open a ferry line to the islands")
	got := fmt.Sprint(k[0], k[Bands-1])
	const want = "2892984290711985757 -690348710623944092"
	if got != want {
		t.Errorf("band keys changed: %s, want %s", got, want)
	}
}

// The signature estimates the Jaccard similarity without bias.
func TestEstimate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var sum float64
	const pairs = 40
	for range pairs {
		var a, b []uint64
		for range 400 {
			x := rng.Uint64()
			switch rng.IntN(3) {
			case 0:
				a = append(a, x)
			case 1:
				b = append(b, x)
			default:
				a, b = append(a, x), append(b, x)
			}
		}
		slices.Sort(a)
		slices.Sort(b)
		sum += Estimate(Signature(a), Signature(b)) - Jaccard(a, b)
	}
	if bias := sum / pairs; math.Abs(bias) > 0.02 {
		t.Errorf("mean error of the estimate %.3f", bias)
	}
}

func BenchmarkKeys(b *testing.B) {
	text := join(story())
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Keys(text)
	}
}

// SignatureOf needs no sorted shingles, and packing keeps what the estimate needs.
func TestSignatureOfAndPack(t *testing.T) {
	a := "The council met on Monday to talk about the bridge, the buses and the market, and it voted to close the bridge for eight months."
	b := "The council met on Monday to talk about the bridge, the buses and the market, and it voted to close the old bridge for a year."
	if !slices.Equal(SignatureOf(a), Signature(Shingles(a))) {
		t.Fatal("SignatureOf differs from Signature(Shingles)")
	}
	sa, sb := SignatureOf(a), SignatureOf(b)
	if got, want := EstimatePacked(Pack(sa), Pack(sb)), Estimate(sa, sb); got != want {
		t.Errorf("packed estimate %.3f, unpacked %.3f", got, want)
	}
	if got := EstimatePacked(Pack(sa), Pack(sa)); got != 1 {
		t.Errorf("estimate of a text with itself %.3f", got)
	}
	if Pack(nil) != nil || EstimatePacked(nil, Pack(sa)) != 0 {
		t.Error("an empty signature packs to nil and compares as 0")
	}
}

// A set is the shingles' truncated hashes, sorted and distinct, and its
// Jaccard similarity is that of the full hashes; packing keeps it.
func TestSet(t *testing.T) {
	a := join(story())
	edited := story()
	edited[6] = "Fishermen who use the quay said the new timetable had been drawn up without them and that the channel was too narrow for both."
	b := join(edited)
	sa, sb := Set(a), Set(b)
	if !slices.IsSorted(sa) || len(slices.Compact(slices.Clone(sa))) != len(sa) || len(sa) != len(Shingles(a)) {
		t.Fatalf("set of %d, not sorted and distinct, or not one per shingle (%d)", len(sa), len(Shingles(a)))
	}
	if got, want := JaccardSet(sa, sb), Jaccard(Shingles(a), Shingles(b)); got != want {
		t.Errorf("JaccardSet %.4f, Jaccard %.4f", got, want)
	}
	sig, set := Fingerprint(b)
	if !slices.Equal(sig, SignatureOf(b)) || !slices.Equal(set, sb) {
		t.Error("Fingerprint differs from SignatureOf and Set")
	}
	if got := UnpackSet(PackSet(sa)); !slices.Equal(got, sa) {
		t.Error("UnpackSet(PackSet(s)) != s")
	}
	if Set(" ... ") != nil || UnpackSet([]byte{1, 2, 3}) != nil || JaccardSet(nil, nil) != 0 {
		t.Error("a text without words has no set; a set is whole uint32s; two empty sets compare as 0")
	}
}

// The radix sort sorts, short and long.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 63, 64, 1000} {
		s := make([]uint32, n)
		for i := range s {
			s[i] = rng.Uint32()
		}
		if n > 2 {
			s[1] = s[0] // a repeat
		}
		want := slices.Sorted(slices.Values(s))
		radixSort(s)
		if !slices.Equal(s, want) {
			t.Errorf("%d values not sorted", n)
		}
	}
}

func BenchmarkSet(b *testing.B) {
	text := join(story())
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Set(text)
	}
}
