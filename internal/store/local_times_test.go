package store

import (
	"context"
	"reflect"
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

// Outlets counts each outlet's reports, quotes and speakers, and the quotes
// by the gender of their speakers; a copy counts under its own outlet.
func TestOutletCounts(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	arts := corpus()
	for i := range arts[0].Entities {
		if arts[0].Entities[i].Name == "Bashar al-Assad" {
			arts[0].Entities[i].Gender = "male"
		}
	}
	arts[2].Entities[0].Gender = "female" // Maeve Dunne
	mustSave(t, s, arts...)
	// A copy of the first article in another outlet.
	cp := *arts[0]
	u := "https://copies.example/coalition"
	cp.URL = &u
	mustSave(t, s, &cp)
	got, err := s.Outlets(ctx, ExportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]OutletCount{
		"levant-wire.example": {Name: "levant-wire.example", Reports: 1, Quotes: 2, Speakers: 2, ByMen: 1, Unknown: 1},
		"copies.example":      {Name: "copies.example", Reports: 1, Quotes: 2, Speakers: 2, ByMen: 1, Unknown: 1},
		"northpost.example":   {Name: "northpost.example", Reports: 1, Quotes: 2, Speakers: 2, ByMen: 1, Unknown: 1},
	}
	seen := 0
	for _, c := range got {
		if w, ok := want[c.Name]; ok {
			seen++
			if !reflect.DeepEqual(c, w) {
				t.Errorf("%s: %+v, want %+v", c.Name, c, w)
			}
		} else if c.ByWomen != 1 || c.Quotes != 2 || c.Unknown != 1 {
			t.Errorf("%s: %+v, want the harbour article's 2 quotes, 1 by a woman", c.Name, c)
		}
	}
	if seen != 3 || len(got) != 4 {
		t.Errorf("outlets %+v", got)
	}
	one, err := s.Outlets(ctx, ExportFilter{Outlet: "COPIES.example"})
	if err != nil || len(one) != 1 || one[0].Name != "copies.example" {
		t.Errorf("--outlet: %+v, %v", one, err)
	}
}

// A page's stated site name finds the outlet it is filed under by its host:
// --outlet "Harbour Herald" is harbourherald.example.
func TestOutletBySiteName(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	ctx := context.Background()
	a := variantStory(0, "Ingrid Holm", variantWire)
	u := "https://www.harbourherald.example/news/ferry"
	a.URL, a.SiteName = &u, "Harbour Herald"
	mustSave(t, s, a, variantStory(1, "Tomas Berg", variantOther))
	for _, name := range []string{"Harbour Herald", "harbour herald", "harbourherald.example"} {
		hits, err := s.Search(ctx, Query{Outlet: name})
		if err != nil || len(hits) != 1 || hits[0].Outlet != "harbourherald.example" {
			t.Errorf("search --outlet %q: %+v, %v", name, hits, err)
		}
		var rows []QuoteRow
		if err := s.ExportQuotes(ctx, ExportFilter{Outlet: name}, func(r QuoteRow) error { rows = append(rows, r); return nil }); err != nil || len(rows) != 1 {
			t.Errorf("export --outlet %q: %d rows, %v", name, len(rows), err)
		}
	}
}

// A type told as often as a person's is a person's; an organisation has no
// gender, whatever one article's entity said.
func TestSpeakerTypeTiesAndOrgGender(t *testing.T) {
	s := openSQLite(t, t.TempDir()).(*SQLite)
	a := variantStory(0, "Harbour Trust", variantWire)
	a.Entities[0].Type, a.Entities[0].Gender = "ORG", "male"
	b := variantStory(1, "Harbour Trust", variantOther)
	b.Entities[0].Type = "ORG"
	c := variantStory(2, "Nadia Voss", "We have asked the county for a second boat before the winter storms")
	c.Entities[0].Type = "ORG"
	d := variantStory(3, "Nadia Voss", "The ferry company has not answered our letters since the summer began")
	d.Entities[0].Gender = "female"
	mustSave(t, s, a, b, c, d)
	if sp := speakerByName(t, s, "Harbour Trust"); sp == nil || sp.Type != "ORG" || sp.Gender != "" {
		t.Errorf("Harbour Trust: %+v, want an ORG of no gender", sp)
	}
	if sp := speakerByName(t, s, "Nadia Voss"); sp == nil || sp.Type != "PERSON" || sp.Gender != "female" {
		t.Errorf("Nadia Voss: %+v, want a female PERSON (a tie of ORG and PERSON)", sp)
	}
}

// An exported page keeps the site name its outlet is known by, and a store
// it is imported into (filed under the exported outlet) finds it by that name.
func TestSiteNameThroughExport(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t, t.TempDir()).(*SQLite)
	a := variantStory(0, "Ingrid Holm", variantWire)
	u := "https://harbourherald.example/news/ferry"
	a.URL, a.SiteName = &u, "Harbour Herald"
	mustSave(t, src, a)
	var arts []ExportedArticle
	if err := src.ExportArticles(ctx, ExportFilter{}, func(e ExportedArticle) error { arts = append(arts, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].SiteName != "Harbour Herald" {
		t.Fatalf("exported %+v", arts)
	}
	dst := openSQLite(t, t.TempDir()).(*SQLite)
	mustSavePrepared(t, dst, arts[0].Article, Origin{Outlet: arts[0].Outlet})
	if hits, err := dst.Search(ctx, Query{Outlet: "Harbour Herald"}); err != nil || len(hits) != 1 {
		t.Errorf("imported, --outlet by site name: %+v, %v", hits, err)
	}
}
