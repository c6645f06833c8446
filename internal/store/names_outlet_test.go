package store

import (
	"os"
	"path/filepath"
	"testing"
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
