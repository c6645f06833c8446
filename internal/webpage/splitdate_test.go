package webpage

import (
	"testing"
	"time"
)

// A date printed on one line and the time of an update on the next
// ("Thursday 14 May 2026", "Updated 10:32 BST") give the article its day: the
// update, on the same day, says the date is the article's.
func TestSplitDateAndTime(t *testing.T) {
	page := func(meta string) []byte {
		return []byte(`<html><head><title>Council approves harbour plan</title></head><body><article>
<h1>Council approves harbour plan</h1>` + meta + `
<p>The council approved the harbour plan on Wednesday after a long debate about the cost of the new sea wall and the future of the fishing fleet.</p>
<p>Opponents said the plan was too expensive and would raise council tax for every household in the district over the next ten years.</p>
</article></body></html>`)
	}
	tests := []struct {
		name, meta, want string
	}{
		{"date, then the update's time", `<p class="meta">Thursday 14 May 2026</p><p class="updated">Updated 10:32 BST</p>`, "2026-05-14"},
		{"the update on another day", `<p class="meta">Thursday 14 May 2026</p><p class="updated">Updated 15 May 2026 10:32 BST</p>`, ""},
		{"a date alone", `<p class="meta">Thursday 14 May 2026</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ExtractPage(page(tt.meta), "", Options{NoClean: true})
			if err != nil {
				t.Fatal(err)
			}
			d := p.Draft
			got := ""
			if !d.Published.IsZero() && d.Local && d.DateOnly {
				got = d.Published.Format(time.DateOnly)
			} else if !d.Published.IsZero() {
				got = d.Published.Format(time.RFC3339)
			}
			if got != tt.want {
				t.Errorf("published %q (local %v, date only %v), want %q", got, d.Local, d.DateOnly, tt.want)
			}
		})
	}
}
