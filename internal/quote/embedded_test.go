package quote_test

import (
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// Speech reported inside a quote by a person the article names is a quote of its
// own, embedded in the one that carries it; a pronoun alone or a group is not.
func TestEmbeddedSpeech(t *testing.T) {
	a := annotate(t, "",
		`Mayor Lena Ortiz spoke on Monday after she met Governor Tomas Reyes.`,
		`"He (Reyes) said the bridge would be rebuilt by spring, and we believe him," Ortiz said.`,
		`"They (the council) said nothing, and he said nothing at all," Ortiz added.`)
	var outer, inner []article.Quote
	for _, q := range a.Quotes {
		if q.EmbeddedIn != nil {
			inner = append(inner, q)
		} else {
			outer = append(outer, q)
		}
	}
	if len(inner) != 1 {
		t.Fatalf("%d embedded quotes, want 1:%s", len(inner), dump(a))
	}
	q := inner[0]
	var carrier *article.Quote
	for i := range outer {
		if outer[i].ID == *q.EmbeddedIn {
			carrier = &outer[i]
		}
	}
	switch {
	case carrier == nil:
		t.Errorf("embedded_in %q names no quote", *q.EmbeddedIn)
	case carrier.Speaker.Name == nil || *carrier.Speaker.Name != "Lena Ortiz":
		t.Errorf("carried by %+v, want Lena Ortiz's quote", carrier.Speaker)
	}
	if q.Content != "the bridge would be rebuilt by spring" || q.Kind != article.Indirect {
		t.Errorf("content %q kind %s", q.Content, q.Kind)
	}
	if q.Speaker.Name == nil || *q.Speaker.Name != "Tomas Reyes" || q.Speaker.Mention == nil || *q.Speaker.Mention != "He (Reyes)" {
		t.Errorf("speaker %+v", q.Speaker)
	}
	if q.Speaker.Entity == nil {
		t.Error("no entity")
	}
	if q.Cue == nil || q.Cue.Text != "said" {
		t.Errorf("cue %+v", q.Cue)
	}
}
