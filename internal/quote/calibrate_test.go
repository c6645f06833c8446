package quote

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitLogisticRecoversCurve: samples drawn from a known curve give it back.
func TestFitLogisticRecoversCurve(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	const a, b = 1.5, -2.0
	var s []marginSample
	for range 20000 {
		m := float32(rng.Float64()*6 - 1)
		p := 1 / (1 + math.Exp(-(a*float64(m) + b)))
		s = append(s, marginSample{m, rng.Float64() < p})
	}
	c := fitLogistic(s)
	if math.Abs(float64(c.a)-a) > 0.15 || math.Abs(float64(c.b)-b) > 0.15 {
		t.Errorf("fitted σ(%.3f·m %+.3f), want σ(%.1f·m %+.1f)", c.a, c.b, a, b)
	}
	if c := fitLogistic(nil); c != (calibration{}) {
		t.Errorf("no samples: %+v, want none", c)
	}
	// Samples that separate perfectly still give finite numbers.
	sep := []marginSample{{-1, false}, {-0.5, false}, {0.5, true}, {1, true}}
	if c := fitLogistic(sep); math.IsNaN(float64(c.a)) || math.IsInf(float64(c.a), 0) || c.a <= 0 {
		t.Errorf("separable samples: %+v", c)
	}
}

// TestConfidenceBounds: confidence rises with the margin, stays inside (0, 1),
// and a model without a calibration says 0.5 of everything.
func TestConfidenceBounds(t *testing.T) {
	c := calibration{a: 2, b: -1}
	prev := 0.0
	for m := float32(-50); m <= 50; m += 0.25 {
		p := c.confidence(m)
		if p <= 0 || p >= 1 || p < prev {
			t.Fatalf("confidence(%v) = %v after %v", m, p, prev)
		}
		prev = p
	}
	if p := (calibration{}).confidence(3); p != 0.5 {
		t.Errorf("uncalibrated: %v, want 0.5", p)
	}
}

// TestHeldOutMatching: a quote is right when its words overlap a gold report's
// at F1 ≥ 0.5, one quote to one report.
func TestHeldOutMatching(t *testing.T) {
	g := bag("The bridge will reopen in May, the mayor's office said.")
	if f := bagF1(g, bag("the bridge will reopen in May")); f < 0.5 {
		t.Errorf("overlapping contents: F1 %.2f", f)
	}
	if f := bagF1(g, bag("taxes are going up")); f != 0 {
		t.Errorf("disjoint contents: F1 %.2f", f)
	}
	if f := bagF1(bag("It’s over"), bag("it's OVER")); f < 0.99 {
		t.Errorf("case and apostrophes: F1 %.2f", f)
	}
}
