package store

import (
	"context"
	"testing"
)

// A report that printed only a wall clock shows it wherever reports are
// listed: a story's reports, and a cluster none of whose reports has a known
// time.
func TestLocalTimesShown(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	arts := corpus()
	harbour := arts[2] // printed "2024-03-05" with no zone
	mustSave(t, s, harbour)
	st, err := s.Story(ctx, harbour.ID)
	if err != nil || len(st.Articles) != 1 {
		t.Fatalf("story: %+v, %v", st, err)
	}
	if r := st.Articles[0]; r.Published != nil || r.PublishedLocal == nil || *r.PublishedLocal != "2024-03-05" {
		t.Errorf("story report: published %v, local %v; want the local day", r.Published, r.PublishedLocal)
	}
	cl, err := s.Cluster(ctx, clusterOf(t, s, harbour.ID, "q1"))
	if err != nil {
		t.Fatal(err)
	}
	if cl.FirstReported != nil || cl.FirstReportedLocal == nil || *cl.FirstReportedLocal != "2024-03-05" {
		t.Errorf("cluster: first reported %v, local %v; want the local day", cl.FirstReported, cl.FirstReportedLocal)
	}
	// With a report of a known time, that one is the first report.
	mustSave(t, s, arts[0])
	cl, err = s.Cluster(ctx, clusterOf(t, s, arts[0].ID, "q1"))
	if err != nil || cl.FirstReported == nil || cl.FirstReportedLocal != nil {
		t.Errorf("cluster with a timed report: %+v, %v", cl, err)
	}
}

// The exports keep the reports filed under --outlet, in any case: an
// article's own, and each copy under its own outlet.
func TestExportOutlet(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	arts := corpus()
	mustSave(t, s, arts...)
	for _, tc := range []struct {
		outlet string
		want   int
	}{{"northpost.example", 1}, {"NorthPost.example", 1}, {"www.northpost.example", 1}, {"nowhere.example", 0}} {
		var arts []ExportedArticle
		if err := s.ExportArticles(ctx, ExportFilter{Outlet: tc.outlet}, func(a ExportedArticle) error { arts = append(arts, a); return nil }); err != nil {
			t.Fatal(err)
		}
		var rows []QuoteRow
		if err := s.ExportQuotes(ctx, ExportFilter{Outlet: tc.outlet}, func(r QuoteRow) error { rows = append(rows, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(arts) != tc.want || len(rows) != 2*tc.want {
			t.Errorf("--outlet %q: %d articles, %d quote rows; want %d, %d", tc.outlet, len(arts), len(rows), tc.want, 2*tc.want)
		}
		for _, a := range arts {
			if a.Outlet != "northpost.example" {
				t.Errorf("--outlet %q: article of %q", tc.outlet, a.Outlet)
			}
		}
	}
}
