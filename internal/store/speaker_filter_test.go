package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// A surname alone, or a title and a surname, finds every speaker of that
// surname, in search and export alike, though no article wrote it alone; the
// speakers stay apart. A whole word only: "Lee" is not "Ashlee".
func TestSpeakerBySurname(t *testing.T) {
	s := testStore(t, t.TempDir())
	mustSave(t, s,
		fixture("https://veld-courier.example/a", "a.jsonl:1", "Water", "2025-02-03T09:00:00+02:00",
			[]string{"The council met on Monday."},
			[]fquote{
				{"Naledi Pillay", nil, article.Direct, "The pipes will be fixed by March"},
				{"Sipho Ndlovu", []string{"Ndlovu"}, article.Direct, "Residents have waited long enough"},
				{"Johan de Villiers", nil, article.Direct, "The budget is already spent"},
			}),
		fixture("https://veld-courier.example/b", "a.jsonl:2", "Roads", "2025-02-04T09:00:00+02:00",
			[]string{"The roads board met on Tuesday."},
			[]fquote{
				{"Thandi Pillay", nil, article.Direct, "Every pothole is on the list"},
				{"Ashlee Moyo", nil, article.Direct, "The night shifts start next week"},
				{"Grace Lee", nil, article.Direct, "We hired forty more workers"},
			}),
	)
	ctx := context.Background()
	for _, c := range []struct {
		speaker string
		want    []string // the speakers found
	}{
		{"Pillay", []string{"Naledi Pillay", "Thandi Pillay"}},
		{"pillay", []string{"Naledi Pillay", "Thandi Pillay"}},
		{"Ms Pillay", []string{"Naledi Pillay", "Thandi Pillay"}},
		{"Dr. Naledi Pillay", []string{"Naledi Pillay"}},
		{"Naledi Pillay", []string{"Naledi Pillay"}},
		{"Mr Ndlovu", []string{"Sipho Ndlovu"}},
		{"Ndlovu", []string{"Sipho Ndlovu"}},
		{"de Villiers", []string{"Johan de Villiers"}},
		{"Mr Villiers", []string{"Johan de Villiers"}},
		{"Lee", []string{"Grace Lee"}},
		{"Sen. Lee", []string{"Grace Lee"}},
		{"Moyo", []string{"Ashlee Moyo"}},
		{"Ashlee", nil},
		{"ee", nil},
		{"Sipho Pillay", nil},
		{"Mr", nil},
	} {
		t.Run(c.speaker, func(t *testing.T) {
			hits, err := s.Search(ctx, Query{Speaker: c.speaker})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				if h.Speaker != nil && !slices.Contains(got, *h.Speaker) {
					got = append(got, *h.Speaker)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("search: speakers %q, want %q", got, c.want)
			}
			n := 0
			if err := s.ExportQuotes(ctx, ExportFilter{Speaker: c.speaker}, func(QuoteRow) error { n++; return nil }); err != nil || n != len(c.want) {
				t.Errorf("export: %d rows, %v; want %d", n, err, len(c.want))
			}
		})
	}
	// Two people who share a surname stay two speakers.
	sp, err := s.Speakers(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	pillays := 0
	for _, c := range sp {
		if strings.HasSuffix(c.Name, "Pillay") {
			pillays++
		}
	}
	if pillays != 2 {
		t.Errorf("%d speakers named Pillay, want 2", pillays)
	}
}

// A surname is looked up through the index of last words, not matched
// against every speaker's name.
func TestSpeakerSurnameIndexed(t *testing.T) {
	s := testStore(t, t.TempDir())
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+endingInSQL, "pillay", "pillay")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "USING INDEX speakers_last_word") {
		t.Errorf("plan %q: want the index speakers_last_word", p)
	}
}
