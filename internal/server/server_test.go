package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/quote"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/store"
)

var engine = sync.OnceValue(quote.New)

// fixture reads a testdata article through the pipeline.
func fixture(t testing.TB, name string) *article.Article {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f := source.Text
	if strings.HasSuffix(name, ".html") {
		f = source.HTML
	}
	r := pipeline.Process(source.Document{Source: "testdata/" + name, Format: f, Body: body}, engine())
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return r.Article
}

type env struct {
	st  *store.SQLite
	srv *Server
	ts  *httptest.Server
	db  string
}

// newEnv starts a server on a loopback port over a new store holding the
// testdata articles.
func newEnv(t testing.TB, opts Options, names ...string) *env {
	t.Helper()
	db := filepath.Join(t.TempDir(), "whosaid.db")
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var arts []*article.Article
	for _, n := range names {
		arts = append(arts, fixture(t, n))
	}
	if len(arts) > 0 {
		if _, err := st.SaveBatch(context.Background(), arts); err != nil {
			t.Fatal(err)
		}
	}
	opts.Engine = engine()
	srv, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{st: st, srv: srv, ts: ts, db: db}
}

func (e *env) do(t testing.TB, method, path, ctype, body string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func (e *env) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	return e.do(t, "GET", path, "", "")
}

// firstIDs finds a stored article id, a cluster id and a speaker id.
func (e *env) firstIDs(t *testing.T) (string, int64, int64) {
	t.Helper()
	hits, err := e.st.Search(context.Background(), store.Query{})
	if err != nil || len(hits) == 0 {
		t.Fatalf("search: %v, %d hits", err, len(hits))
	}
	sp, err := e.st.Speakers(context.Background(), 1)
	if err != nil || len(sp) == 0 {
		t.Fatalf("speakers: %v", err)
	}
	return hits[0].Article, hits[0].Cluster, sp[0].ID
}

func decode(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("not JSON: %v: %.200s", err, body)
	}
}

func TestAPI(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	aid, cid, sid := e.firstIDs(t)
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		contains                        string
	}{
		{"quotes", "GET", "/api/v1/quotes", "", "", 200, `"content":"We waited ten years for this"`},
		{"quotes words", "GET", "/api/v1/quotes?q=boats", "", "", 200, "twenty minutes"},
		{"quotes speaker", "GET", "/api/v1/quotes?speaker=voss&kind=direct", "", "", 200, "ten years"},
		{"quotes since", "GET", "/api/v1/quotes?since=2025-03-13", "", "", 200, `"quotes":[]`},
		{"quotes until", "GET", "/api/v1/quotes?until=2025-03-12&limit=1", "", "", 200, `"next":1`},
		{"quotes outlet", "GET", "/api/v1/quotes?outlet=nowhere.example", "", "", 200, `"quotes":[]`},
		{"quotes bad kind", "GET", "/api/v1/quotes?kind=sung", "", "", 400, `"code":"bad_parameter"`},
		{"quotes bad confidence", "GET", "/api/v1/quotes?min_confidence=2", "", "", 400, `"code":"bad_parameter"`},
		{"quotes bad confidence 2", "GET", "/api/v1/quotes?min_confidence=sure", "", "", 400, `"code":"bad_parameter"`},
		{"quotes bad date", "GET", "/api/v1/quotes?since=yesterday", "", "", 400, `"code":"bad_parameter"`},
		{"quotes bad sort", "GET", "/api/v1/quotes?sort=loudest", "", "", 400, `"code":"bad_parameter"`},
		{"quotes newest", "GET", "/api/v1/quotes?sort=newest", "", "", 200, `"quotes":`},
		{"quotes empty range", "GET", "/api/v1/quotes?since=2025-06-12&until=2025-06-11", "", "", 400, `"code":"bad_parameter"`},
		{"quotes bad limit", "GET", "/api/v1/quotes?limit=100000", "", "", 400, `"code":"bad_parameter"`},
		{"quotes bad fts", "GET", "/api/v1/quotes?q=%22unclosed", "", "", 400, `"code":"bad_query"`},
		{"quotes bad fts 2", "GET", "/api/v1/quotes?q=AND+OR+(", "", "", 400, `"code":"bad_query"`},
		{"quote", "GET", fmt.Sprintf("/api/v1/quotes/%d", cid), "", "", 200, `"occurrences":[`},
		{"quote missing", "GET", "/api/v1/quotes/999999", "", "", 404, `"code":"not_found"`},
		{"quote bad id", "GET", "/api/v1/quotes/abc", "", "", 400, `"code":"bad_parameter"`},
		{"speakers", "GET", "/api/v1/speakers", "", "", 200, `"name":"Elena Voss"`},
		{"speakers limit", "GET", "/api/v1/speakers?limit=many", "", "", 400, `"code":"bad_parameter"`},
		{"speaker", "GET", fmt.Sprintf("/api/v1/speakers/%d", sid), "", "", 200, `"months":[{"month":"2025-03"`},
		{"speaker missing", "GET", "/api/v1/speakers/999999", "", "", 404, `"code":"not_found"`},
		{"article", "GET", "/api/v1/articles/" + aid, "", "", 200, `"outlet":`},
		{"article missing", "GET", "/api/v1/articles/0000000000000000", "", "", 404, `"code":"not_found"`},
		{"articles words", "GET", "/api/v1/articles?q=boats", "", "", 200, `"snippet":"`},
		{"articles none", "GET", "/api/v1/articles?q=zeppelin", "", "", 200, `"articles":[]`},
		{"articles no words", "GET", "/api/v1/articles", "", "", 400, `"code":"bad_parameter"`},
		{"articles bad fts", "GET", "/api/v1/articles?q=%22unclosed", "", "", 400, `"code":"bad_query"`},
		{"extract text", "POST", "/api/v1/extract", "text/plain", "Town news\n\n\"The road opens on Friday,\" Mayor Ines Dorn said.", 200, `"speaker":{"name":"Ines Dorn"`},
		{"extract html", "POST", "/api/v1/extract", "text/html", "<html><body><h1>Town news</h1><p>\"The road opens on Friday,\" Mayor Ines Dorn said at the meeting.</p></body></html>", 200, `"kind":"direct"`},
		{"extract empty", "POST", "/api/v1/extract", "text/plain", "  ", 400, `"code":"empty_body"`},
		{"extract get", "GET", "/api/v1/extract", "", "", 405, `"code":"method_not_allowed"`},
		{"quotes post", "POST", "/api/v1/quotes", "text/plain", "x", 405, `"code":"method_not_allowed"`},
		{"article delete", "DELETE", "/api/v1/articles/" + aid, "", "", 405, `"code":"method_not_allowed"`},
		{"unknown", "GET", "/api/v1/nothing", "", "", 404, `"code":"not_found"`},
		{"openapi", "GET", "/api/v1/openapi.json", "", "", 200, `"openapi":"3.0.3"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.do(t, tt.method, tt.path, tt.ctype, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			var v any
			decode(t, body, &v)
			compact := strings.Join(strings.Fields(body), "")
			if !strings.Contains(body, tt.contains) && !strings.Contains(compact, strings.ReplaceAll(tt.contains, " ", "")) {
				t.Errorf("body lacks %s: %.400s", tt.contains, body)
			}
		})
	}
	// Nothing posted to /extract was stored.
	if c, _ := e.st.Counts(context.Background()); c.Articles != 1 {
		t.Errorf("store holds %d articles after extract, want 1", c.Articles)
	}
}

func TestPaging(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	var seen []int64
	off := 0
	for range 10 {
		_, body := e.get(t, fmt.Sprintf("/api/v1/quotes?limit=1&offset=%d", off))
		var p QuotesPage
		decode(t, body, &p)
		for _, h := range p.Quotes {
			seen = append(seen, h.Cluster)
		}
		if p.Next == nil {
			break
		}
		off = *p.Next
	}
	all, _ := e.st.Search(context.Background(), store.Query{})
	if len(seen) != len(all) {
		t.Fatalf("paged %d clusters, want %d", len(seen), len(all))
	}
	for i := range all {
		if seen[i] != all[i].Cluster {
			t.Errorf("page %d: cluster %d, want %d", i, seen[i], all[i].Cluster)
		}
	}
}

func TestIngestToken(t *testing.T) {
	const art = "Harbour news\n\n\"The pier reopens in May,\" harbour master Lena Ostrova said on Friday."
	t.Run("disabled", func(t *testing.T) {
		e := newEnv(t, Options{})
		for _, auth := range []string{"", "Bearer anything"} {
			resp, body := e.do(t, "POST", "/api/v1/articles", "text/plain", art, "Authorization", auth)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `"code":"forbidden"`) {
				t.Errorf("auth %q: %d %s", auth, resp.StatusCode, body)
			}
		}
	})
	e := newEnv(t, Options{Token: "s3cret-token"})
	for _, tt := range []struct {
		auth   string
		status int
	}{
		{"", 401}, {"Basic czNjcmV0", 401}, {"Bearer ", 401}, {"Bearer wrong", 403}, {"Bearer s3cret-token-and-more", 403},
		{"Bearer s3cret-token", 201}, {"bearer s3cret-token", 200}, // the second time it is known
	} {
		resp, body := e.do(t, "POST", "/api/v1/articles", "text/plain", art, "Authorization", tt.auth)
		if resp.StatusCode != tt.status {
			t.Errorf("auth %q: status %d, want %d: %s", tt.auth, resp.StatusCode, tt.status, body)
		}
		if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("auth %q: 401 without WWW-Authenticate", tt.auth)
		}
	}
	c, _ := e.st.Counts(context.Background())
	if c.Articles != 1 || c.Quotes == 0 {
		t.Errorf("counts after ingest: %+v", c)
	}
	if resp, body := e.get(t, "/api/v1/quotes?q=pier"); resp.StatusCode != 200 || !strings.Contains(body, "Lena Ostrova") {
		t.Errorf("ingested quote not found: %s", body)
	}
}

func TestBodyLimit(t *testing.T) {
	e := newEnv(t, Options{MaxBody: 1024, Token: "t"})
	big := "Title\n\n" + strings.Repeat("The council met and talked. ", 100)
	for _, tt := range []struct{ path, ctype, body string }{
		{"/api/v1/extract", "text/plain", big},
		{"/api/v1/articles", "text/plain", big},
	} {
		resp, body := e.do(t, "POST", tt.path, tt.ctype, tt.body, "Authorization", "Bearer t")
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, `"code":"too_large"`) {
			t.Errorf("%s: %d %s", tt.path, resp.StatusCode, body)
		}
	}
	resp, _ := e.do(t, "POST", "/paste", "application/x-www-form-urlencoded", "text="+strings.Repeat("a", 2000))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("/paste: %d", resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	aid, cid, sid := e.firstIDs(t)
	for _, p := range []string{"/", "/?q=%22bad", "/speakers", fmt.Sprintf("/speakers/%d", sid), "/articles/" + aid,
		fmt.Sprintf("/quotes/%d", cid), "/paste", "/nothing", "/static/style.css", "/api/v1/quotes", "/api/v1/nothing"} {
		resp, _ := e.get(t, p)
		h := resp.Header
		if got := h.Get("Content-Security-Policy"); got != ContentSecurityPolicy || !strings.Contains(got, "default-src 'self'") {
			t.Errorf("%s: CSP %q", p, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", p, h)
		}
	}
}

func TestPages(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	aid, cid, _ := e.firstIDs(t)
	sp, _ := e.st.Speakers(context.Background(), 0)
	var voss int64
	for _, s := range sp {
		if s.Name == "Elena Voss" {
			voss = s.ID
		}
	}
	tests := []struct {
		name, path string
		status     int
		contains   []string
	}{
		{"search form", "/", 200, []string{`<form class="search"`, `name="speaker"`, `name="since"`, `Since (UTC day)`, `name="kind"`}},
		{"search", "/?q=boats", 200, []string{"The boats will run every twenty minutes", "Marco Lindqvist", `class="who"><a href="/speakers/`}},
		{"search bad", "/?q=%22unclosed", 400, []string{`class="error"`, "bad search query"}},
		{"search bad date", "/?since=soon", 400, []string{`class="error"`}},
		{"article", "/articles/" + aid, 200, []string{`<mark class="q sp-0" tabindex="0" title="Elena Voss · cue: said · mixed"`,
			`class="q sp-1"`, "Harbour council approves new ferry line", `href="/speakers/`}},
		{"quote", fmt.Sprintf("/quotes/%d", cid), 200, []string{"Reported in", "/articles/" + aid}},
		{"speakers", "/speakers", 200, []string{"Elena Voss", "Marco Lindqvist", ">Reports</th>"}},
		{"speaker", fmt.Sprintf("/speakers/%d", voss), 200, []string{"<svg", `class="bar"`, "March 2025: 2 quote(s)", "We waited ten years for this", "2 report(s) with copies", "PERSON"}},
		{"speaker missing", "/speakers/99999", 404, []string{"Not found"}},
		{"paste form", "/paste", 200, []string{`<textarea id="text" name="text"`}},
		{"unknown", "/nothing/here", 404, []string{"No such page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("page lacks %q", c)
				}
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, "<style") {
				t.Errorf("inline script or style in page")
			}
		})
	}
	t.Run("paste", func(t *testing.T) {
		form := "format=text&text=" + strings.ReplaceAll(
			"Town news\n\n\"The road opens on Friday,\" Mayor Ines Dorn said.", " ", "+")
		resp, body := e.do(t, "POST", "/paste", "application/x-www-form-urlencoded", form)
		if resp.StatusCode != 200 || !strings.Contains(body, `<mark class="q sp-0" tabindex="0" title="Ines Dorn · cue: said · direct"`) {
			t.Errorf("%d: %s", resp.StatusCode, body)
		}
	})
}

func TestServeShutdown(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/api/v1/speakers")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestOpenAPIDocumentsRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	decode(t, string(openAPI), &doc)
	for _, r := range []string{"POST /extract", "GET /quotes", "GET /quotes/{id}", "GET /speakers", "GET /speakers/{id}",
		"GET /articles", "GET /articles/{id}", "POST /articles", "GET /stories/{id}", "GET /openapi.json"} {
		m, p, _ := strings.Cut(r, " ")
		if _, ok := doc.Paths[p][strings.ToLower(m)]; !ok {
			t.Errorf("openapi.json lacks %s", r)
		}
	}
}

// A body the CLI would refuse as an input is refused with the CLI's reason,
// and nothing is stored; a gzip body is read as the CLI reads a .gz file.
func TestBadBodies(t *testing.T) {
	const art = "Harbour news\n\n\"The pier reopens in May,\" harbour master Lena Ostrova said on Friday."
	var gz strings.Builder
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(art))
	zw.Close()
	e := newEnv(t, Options{Token: "t"})
	for _, tt := range []struct {
		name, body, reason string
	}{
		{"binary", "\x7fELF\x00\x00\x01\x02\x00\x00\x00\x09 some words after the zeros", "binary data"},
		{"broken UTF-8", "Headline here\n\nA sentence with a broken byte \xff\xfe in it, said Ann Lee.\n", "invalid UTF-8"},
		{"truncated gzip", gz.String()[:gz.Len()/2], "gzip"},
		{"two records", `{"title":"A","text":"One."}` + "\n" + `{"title":"B","text":"Two."}` + "\n", "more than one"},
	} {
		for _, path := range []string{"/api/v1/extract", "/api/v1/articles"} {
			resp, body := e.do(t, "POST", path, "", tt.body, "Authorization", "Bearer t")
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"code":"bad_body"`) || !strings.Contains(body, tt.reason) {
				t.Errorf("%s %s: %d %s", tt.name, path, resp.StatusCode, body)
			}
		}
	}
	if c, _ := e.st.Counts(context.Background()); c.Articles != 0 {
		t.Errorf("bad bodies stored %d article(s)", c.Articles)
	}
	resp, body := e.do(t, "POST", "/api/v1/extract", "", gz.String())
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Lena Ostrova") {
		t.Errorf("gzip body: %d %s", resp.StatusCode, body)
	}
}

// TestMergedSpeakerRedirects: the page and API address of a speaker merged into
// another lead on to that one.
func TestMergedSpeakerRedirects(t *testing.T) {
	e := newEnv(t, Options{})
	save := func(src, body string) {
		r := pipeline.Process(source.Document{Source: src, Format: source.Text, Body: []byte(body)}, engine())
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if _, err := e.st.SaveBatch(context.Background(), []*article.Article{r.Article}); err != nil {
			t.Fatal(err)
		}
	}
	save("a.txt", "Ferry to run\n\n\"The ferry will run all winter,\" Mr. Haddad said on Monday.\n")
	sp, err := e.st.Speakers(context.Background(), 0)
	if err != nil || len(sp) != 1 {
		t.Fatalf("speakers %+v, %v", sp, err)
	}
	old := sp[0].ID
	save("b.txt", "Pier to open\n\n\"The pier will open in May,\" Omar Haddad said on Tuesday.\n\n\"The cost is fixed,\" Haddad added.\n")
	for _, p := range []string{"/speakers/", "/api/v1/speakers/"} {
		resp, body := e.get(t, p+strconv.FormatInt(old, 10)+"?offset=0")
		if resp.StatusCode != 200 || resp.Request.URL.Path == p+strconv.FormatInt(old, 10) || !strings.Contains(body, "Omar Haddad") {
			t.Errorf("%s%d: status %d at %s, want Omar Haddad's page", p, old, resp.StatusCode, resp.Request.URL.Path)
		}
		if resp.Request.URL.RawQuery != "offset=0" {
			t.Errorf("%s%d: the redirect lost the query: %q", p, old, resp.Request.URL.RawQuery)
		}
	}
}

// A page posted again at its URL with another text (a correction) answers
// with the id stored, which GET finds, and says the text changed.
func TestIngestChangedText(t *testing.T) {
	e := newEnv(t, Options{Token: "s3cret-token"})
	const u = "/api/v1/articles?url=https://harbour.example/pier"
	first := "Harbour news\n\n\"The pier reopens in May,\" harbour master Lena Ostrova said on Friday."
	resp, body := e.do(t, "POST", u, "text/plain", first, "Authorization", "Bearer s3cret-token")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("first: %d %s", resp.StatusCode, body)
	}
	var a, b Ingested
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(t, "POST", u, "text/plain", strings.Replace(first, "May", "June", 1), "Authorization", "Bearer s3cret-token")
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || b.New || !b.Changed || b.ID != a.ID {
		t.Errorf("again with another text: %d new=%v changed=%v id %s, want 200, known, changed, id %s", resp.StatusCode, b.New, b.Changed, b.ID, a.ID)
	}
	if resp, _ := e.get(t, "/api/v1/articles/"+b.ID); resp.StatusCode != http.StatusOK {
		t.Errorf("GET the id answered: %d", resp.StatusCode)
	}
	_, body = e.do(t, "POST", u, "text/plain", first, "Authorization", "Bearer s3cret-token")
	if strings.Contains(body, `"changed"`) {
		t.Errorf("the same text again is no change: %s", body)
	}
}

func TestSpeakersParams(t *testing.T) {
	e := newEnv(t, Options{})
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/api/v1/speakers?outlet=nowhere.example", 200},
		{"/api/v1/speakers?since=2020-01-01", 200},
		{"/api/v1/speakers?since=yesterday", 400},
		{"/api/v1/speakers?since=2025-06-12&until=2025-06-11", 400},
		{"/api/v1/speakers?offset=-1", 400},
	} {
		resp, body := e.get(t, tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.path, resp.StatusCode, tt.status, body)
		}
		if tt.path == "/api/v1/speakers?outlet=nowhere.example" && !strings.Contains(body, `"speakers":[]`) {
			t.Errorf("%s: %s, want no speakers", tt.path, body)
		}
	}
}

// /api/v1/speakers pages with top and offset, as the whole list does.
func TestSpeakersOffset(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	var all, page struct {
		Speakers []store.SpeakerCount `json:"speakers"`
	}
	_, body := e.get(t, "/api/v1/speakers?top=0")
	if err := json.Unmarshal([]byte(body), &all); err != nil || len(all.Speakers) < 2 {
		t.Fatalf("speakers: %v %s", err, body)
	}
	_, body = e.get(t, "/api/v1/speakers?top=1&offset=1")
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Speakers) != 1 || page.Speakers[0].ID != all.Speakers[1].ID {
		t.Errorf("top=1&offset=1: %s, want the second speaker, %s", body, all.Speakers[1].Name)
	}
	_, body = e.get(t, "/api/v1/speakers?offset=100000")
	if !strings.Contains(body, `"speakers":[]`) {
		t.Errorf("past the end: %s", body)
	}
}

// /api/v1/articles pages with limit and offset.
func TestArticlesOffset(t *testing.T) {
	e := newEnv(t, Options{}, "ferry.txt")
	var all, page struct {
		Articles []store.ArticleHit `json:"articles"`
	}
	_, body := e.get(t, "/api/v1/articles?q=ferry")
	if err := json.Unmarshal([]byte(body), &all); err != nil || len(all.Articles) == 0 {
		t.Fatalf("articles: %v %s", err, body)
	}
	_, body = e.get(t, fmt.Sprintf("/api/v1/articles?q=ferry&offset=%d", len(all.Articles)))
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Articles) != 0 {
		t.Errorf("offset past the matches: %s, want none", body)
	}
	_, body = e.get(t, fmt.Sprintf("/api/v1/articles?q=ferry&limit=1&offset=%d", len(all.Articles)-1))
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Articles) != 1 || page.Articles[0].ID != all.Articles[len(all.Articles)-1].ID {
		t.Errorf("the last match by offset: %s", body)
	}
}
