package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// A local file's outlet is the folder named on the command line, or the
// folder holding a file named alone; a URL's host, or an outlet the user
// named, come first.
func TestOutletNameOfInput(t *testing.T) {
	u := func(s string) *string { return &s }
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	here := filepath.Base(wd)
	tests := []struct {
		url    *string
		source string
		o      Origin
		want   string
	}{
		{nil, "citynews/2025/03/a.txt", Origin{Input: "citynews"}, "citynews"},
		{nil, "citynews/2025/03/a.txt", Origin{Input: "citynews/"}, "citynews"},
		{nil, "/home/u/citynews/2025/03/a.txt", Origin{Input: "/home/u/citynews"}, "citynews"},
		{nil, "citynews/2025/03/a.txt", Origin{Input: "citynews/2025"}, "2025"},
		{nil, "2025/03/a.txt", Origin{Input: "."}, here},
		{nil, "citynews/2025/03/a.txt", Origin{Input: "citynews/2025/03/a.txt"}, "03"},
		{nil, "a.txt", Origin{Input: "a.txt"}, here},
		{nil, "dumps/x.jsonl:4", Origin{Input: "dumps"}, "dumps"},
		{nil, "dumps/x.jsonl:4", Origin{Input: "dumps/x.jsonl"}, "x.jsonl"},
		{nil, "crawl.warc.gz#7", Origin{Input: "crawl.warc.gz"}, "crawl.warc.gz"},
		{nil, "-", Origin{Input: "-"}, "stdin"},
		{u("https://www.Example.com/a"), "citynews/a.txt", Origin{Input: "citynews"}, "example.com"},
		{u("https://www.Example.com/a"), "citynews/a.txt", Origin{Input: "citynews", Outlet: "Harbour Gazette"}, "Harbour Gazette"},
		{nil, "citynews/2025/03/a.txt", Origin{Outlet: "Harbour Gazette"}, "Harbour Gazette"},
		{nil, "citynews/2025/03/a.txt", Origin{}, "03"},
	}
	for _, tc := range tests {
		if got := outletName(tc.url, tc.source, tc.o); got != tc.want {
			t.Errorf("outletName(%v, %q, %+v) = %q, want %q", tc.url, tc.source, tc.o, got, tc.want)
		}
	}
}

// An article known by its URL or its file, saved again under another outlet
// the user named, is counted known and keeps its outlet; the batch says how
// many did and names the first outlet. Under its own outlet, or a copy's, or
// with no outlet named, nothing is said.
func TestKnownUnderAnotherOutlet(t *testing.T) {
	s := testStore(t, t.TempDir())
	ctx := context.Background()
	web := fixture("https://lakeside.example/pier", "dump.jsonl:1", "Pier", "2025-04-01T08:00:00Z",
		[]string{"The pier reopened on Friday."}, nil)
	file := fixture("", "notes/ferry.txt", "Ferry", "", []string{"The ferry resumed its crossings on Monday."}, nil)
	save := func(outlet string, arts ...*article.Article) BatchStats {
		t.Helper()
		var ps []*Prepared
		for _, a := range arts {
			p := Prepare(a)
			p.Origin = Origin{Outlet: outlet}
			ps = append(ps, p)
		}
		st, err := s.SavePrepared(ctx, ps)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	save("", web, file)
	st := save("Harbour Gazette", web, file)
	if st.Known != 2 || st.OtherOutlet != 2 || st.StoredOutlet != "lakeside.example" {
		t.Errorf("stats %+v: want 2 known, both under another outlet, the first lakeside.example", st)
	}
	want := `; 2 of them stored before under another outlet, the first under "lakeside.example": --outlet does not rename stored articles`
	if got := st.OutletNote(); got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	for _, outlet := range []string{"", "lakeside.example"} {
		if st := save(outlet, web); st.Known != 1 || st.OtherOutlet != 0 || st.OutletNote() != "" {
			t.Errorf("--outlet %q: stats %+v, note %q; want known, nothing said", outlet, st, st.OutletNote())
		}
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM outlets WHERE name = 'Harbour Gazette'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the outlet named was stored (%d, %v)", n, err)
	}
}
