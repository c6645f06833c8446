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
