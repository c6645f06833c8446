package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
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

// An article without a URL is filed under the site's name its page or record
// states, before its folder's; a URL's host, and an outlet the user named,
// still come first.
func TestArticleOutlet(t *testing.T) {
	u := func(s string) *string { return &s }
	tests := []struct {
		name string
		url  *string
		site string
		o    Origin
		want string
	}{
		{"site name", nil, "Jozi Daily", Origin{Input: "saved"}, "Jozi Daily"},
		{"site name squeezed", nil, " Jozi \n Daily", Origin{Input: "saved"}, "Jozi Daily"},
		{"no site name", nil, "", Origin{Input: "saved"}, "saved"},
		{"site name an address", nil, "https://jozi-daily.example/", Origin{Input: "saved"}, "saved"},
		{"URL", u("https://www.jozi-daily.example/a"), "Jozi Daily", Origin{Input: "saved"}, "jozi-daily.example"},
		{"outlet named", nil, "Jozi Daily", Origin{Input: "saved", Outlet: "Karoo Ledger"}, "Karoo Ledger"},
		{"outlet named and URL", u("https://jozi-daily.example/a"), "Jozi Daily", Origin{Outlet: "Karoo Ledger"}, "Karoo Ledger"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &article.Article{URL: tc.url, Source: "saved/a.html", SiteName: tc.site}
			if got := articleOutlet(a, tc.o); got != tc.want {
				t.Errorf("articleOutlet = %q, want %q", got, tc.want)
			}
		})
	}
}

// Pages saved from two sites into one folder are filed under the two sites'
// names. Saved again into a store an earlier version filled (which filed them
// under the folder's name), the same files are known, from whatever path they
// are named, and nothing is said of outlets; the same text in another site's
// folder is still a copy.
func TestSiteNameOutlets(t *testing.T) {
	ctx := context.Background()
	page := func(source, site, text string) *article.Article {
		a := fixture("", source, "Ferry fares", "", []string{text}, nil)
		a.SiteName = site
		return a
	}
	ferry := "The ferry company raised its fares by ten pence on Monday."
	dam := "The dam level rose to sixty per cent after a week of rain."
	save := func(s *SQLite, input string, arts ...*article.Article) BatchStats {
		t.Helper()
		var ps []*Prepared
		for _, a := range arts {
			p := Prepare(a)
			p.Origin = Origin{Input: input}
			ps = append(ps, p)
		}
		st, err := s.SavePrepared(ctx, ps)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	outlets := func(s *SQLite) string {
		t.Helper()
		rows, err := s.db.QueryContext(ctx, `SELECT o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id
			UNION ALL SELECT o.name FROM article_copies c JOIN outlets o ON o.id = c.outlet_id ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		return strings.Join(names, ", ")
	}

	s := testStore(t, t.TempDir())
	save(s, "saved", page("saved/a.html", "Jozi Daily", ferry), page("saved/b.html", "Karoo Ledger", dam))
	if got := outlets(s); got != "Jozi Daily, Karoo Ledger" {
		t.Errorf("outlets %q, want Jozi Daily, Karoo Ledger", got)
	}

	old := testStore(t, t.TempDir())
	save(old, "saved", page("saved/a.html", "", ferry), page("saved/b.html", "", dam)) // as an earlier version did
	abs, err := filepath.Abs("saved")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"saved", abs} {
		src := func(name string) string { return strings.TrimSuffix(in, "/") + "/" + name }
		st := save(old, in, page(src("a.html"), "Jozi Daily", ferry), page(src("b.html"), "Karoo Ledger", dam))
		if st.Articles != 0 || st.Known != 2 || st.Copies != 0 || st.OutletNote() != "" {
			t.Errorf("again from %s: %+v, note %q; want 2 known, no copy, nothing said", in, st, st.OutletNote())
		}
	}
	if got := outlets(old); got != "saved, saved" {
		t.Errorf("older store's outlets %q, want saved, saved", got)
	}
	if st := save(old, "elsewhere", page("elsewhere/c.html", "Tidewater Gazette", ferry)); st.Copies != 1 {
		t.Errorf("the text at another site: %+v, want a copy", st)
	}
	if got := outlets(old); got != "Tidewater Gazette, saved, saved" {
		t.Errorf("outlets %q after a copy", got)
	}
}
