package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/store"
)

// showsEscaped gets each page, which must answer 200 and pass checkHTML, and
// reports whether the hostile script stands escaped in the part of one that
// part picks: a test that never shows it proves nothing.
func (e *env) showsEscaped(t *testing.T, pages []string, part func(body string) string) bool {
	t.Helper()
	saw := false
	for _, p := range pages {
		resp, body := e.get(t, p)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
		checkHTML(t, p, body)
		if strings.Contains(part(body), "&lt;script&gt;alert(1)&lt;/script&gt;") {
			saw = true
		}
	}
	return saw
}

// checkHTML fails the test for each problem htmlProblems finds in a page.
func checkHTML(t *testing.T, page, body string) {
	t.Helper()
	for _, p := range htmlProblems(body) {
		t.Errorf("%s: %s", page, p)
	}
}

// htmlProblems lists what in a page could run script: a script, img, iframe,
// object or style element, an on* or style attribute, a URL with another
// scheme than http(s) or data, or a raw "<script" or "<img" anywhere in the bytes.
func htmlProblems(body string) []string {
	var out []string
	low := strings.ToLower(body)
	// The one script allowed: our own file, with no content.
	low = strings.ReplaceAll(low, `<script src="/static/paste.js" defer></script>`, "")
	for _, bad := range []string{"<script", "<img", "<iframe"} {
		if strings.Contains(low, bad) {
			out = append(out, fmt.Sprintf("raw %q in the page", bad))
		}
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return append(out, err.Error())
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			ownScript := n.Data == "script" && len(n.Attr) == 2 && n.Attr[0].Key == "src" &&
				n.Attr[0].Val == "/static/paste.js" && n.FirstChild == nil
			switch n.Data {
			case "script", "img", "iframe", "object", "embed", "style":
				if !ownScript {
					out = append(out, fmt.Sprintf("<%s> element", n.Data))
				}
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" || k == "srcdoc" {
					out = append(out, fmt.Sprintf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data))
				}
				if k == "href" || k == "src" || k == "action" || k == "formaction" || k == "xlink:href" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					u, err := url.Parse(v)
					if strings.Contains(v, "javascript:") || (err == nil && u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "data") {
						out = append(out, fmt.Sprintf("%s=%q on <%s>", a.Key, a.Val, n.Data))
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestHostileArticles stores articles whose text, title, speaker names and
// URL carry script tags, event handlers and javascript: links, and checks that
// every page and API answer holds them only escaped.
func TestHostileArticles(t *testing.T) {
	e := newEnv(t, Options{}, "hostile.txt", "hostile.html")
	// One more with a hostile URL and a hostile speaker name, saved as an
	// ingest from a JSON Lines record could save them.
	a := fixture(t, "ferry.txt")
	a.Text = strings.Replace(a.Text, "Harbour", "Harbour<svg onload=alert(1)>", 1)
	u := "javascript:alert(1)"
	a.URL = &u
	a.Title = `"><script>alert(1)</script>`
	name := `<img src=x onerror=alert(1)>`
	a.Quotes[0].Speaker.Name = &name
	a.ID = "ffffffffffffffff"
	if _, err := e.st.SaveBatch(context.Background(), []*article.Article{a}); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	hits, err := e.st.Search(ctx, store.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := e.st.Speakers(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/?q=alert", "/?q=script", "/?speaker=" + url.QueryEscape(name), "/speakers"}
	apis := []string{"/api/v1/quotes?limit=200", "/api/v1/speakers"}
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.Article] {
			seen[h.Article] = true
			pages = append(pages, "/articles/"+h.Article)
			apis = append(apis, "/api/v1/articles/"+h.Article)
		}
		pages = append(pages, fmt.Sprintf("/quotes/%d", h.Cluster))
		apis = append(apis, fmt.Sprintf("/api/v1/quotes/%d", h.Cluster))
	}
	for _, s := range sp {
		pages = append(pages, fmt.Sprintf("/speakers/%d", s.ID))
		apis = append(apis, fmt.Sprintf("/api/v1/speakers/%d", s.ID))
	}
	if len(seen) < 3 {
		t.Fatalf("only %d hostile articles have quotes", len(seen))
	}
	if !e.showsEscaped(t, pages, func(body string) string { return body }) {
		t.Error("the hostile text is not shown (escaped) anywhere: the test proves nothing")
	}
	for _, p := range apis {
		resp, body := e.get(t, p)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
		if strings.ContainsAny(body, "<>") {
			t.Errorf("%s: raw < or > in JSON", p)
		}
	}
	// Pasting the hostile articles shows them escaped too.
	for _, n := range []string{"hostile.txt", "hostile.html"} {
		f := fixture(t, n)
		form := url.Values{"text": {f.Text}, "format": {"text"}}.Encode()
		resp, body := e.do(t, "POST", "/paste", "application/x-www-form-urlencoded", form)
		if resp.StatusCode != 200 || !strings.Contains(body, "<mark") {
			t.Errorf("paste %s: %d, marks: %v", n, resp.StatusCode, strings.Contains(body, "<mark"))
		}
		checkHTML(t, "paste "+n, body)
		resp, body = e.do(t, "POST", "/api/v1/extract", "text/plain", f.Text)
		if resp.StatusCode != 200 || strings.ContainsAny(body, "<>") {
			t.Errorf("extract %s: %d, raw < or >: %v", n, resp.StatusCode, strings.ContainsAny(body, "<>"))
		}
	}
}

// TestReadWhileWriting reads through the server while another handle on the
// same file (as a `whosaid ingest` in another process would) and the server's
// own POST /api/v1/articles write: WAL lets every read through.
func TestReadWhileWriting(t *testing.T) {
	e := newEnv(t, Options{Token: "tok"}, "ferry.txt")
	w, err := store.OpenSQLite(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	base := fixture(t, "ferry.txt")
	const batches = 20
	var wg sync.WaitGroup
	errs := make(chan error, batches+10)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range batches {
			var arts []*article.Article
			for j := range 5 {
				a := *base
				a.Text = strings.Replace(base.Text, "twenty", fmt.Sprintf("every %d-%d", i, j), 1)
				a.ID = fmt.Sprintf("%016x", i*100+j+1)
				u := fmt.Sprintf("https://news%d.example/story/%d", j, i)
				a.URL = &u
				arts = append(arts, &a)
			}
			if _, err := w.SaveBatch(context.Background(), arts); err != nil {
				errs <- err
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := range 5 {
			body := fmt.Sprintf("Pier news %d\n\n\"The pier reopens in week %d,\" harbour master Lena Ostrova said.", i, i)
			resp, b := e.do(t, "POST", "/api/v1/articles", "text/plain", body, "Authorization", "Bearer tok")
			if resp.StatusCode != 201 {
				errs <- fmt.Errorf("ingest %d: %d %s", i, resp.StatusCode, b)
			}
		}
	}()
	reads := 0
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
loop:
	for {
		select {
		case <-done:
			break loop
		default:
		}
		for _, p := range []string{"/api/v1/quotes?q=boats&limit=5", "/api/v1/speakers", "/"} {
			resp, body := e.get(t, p)
			if resp.StatusCode != 200 {
				t.Fatalf("%s during writes: %d %s", p, resp.StatusCode, body)
			}
			reads++
		}
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	c, _ := e.st.Counts(context.Background())
	if c.Articles != 1+batches*5+5 {
		t.Errorf("articles %d, want %d", c.Articles, 1+batches*5+5)
	}
	t.Logf("%d reads during the writes", reads)
}

// TestCheckHTMLCatches makes sure the checker of TestHostileArticles would
// see what it looks for.
func TestCheckHTMLCatches(t *testing.T) {
	for _, bad := range []string{
		`<p><script>alert(1)</script></p>`,
		`<p><IMG src=x onerror=alert(1)></p>`,
		`<p><mark onfocus="alert(1)">x</mark></p>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JavaScript:alert(1)">x</a>`,
		`<script src="/static/paste.js" defer>alert(1)</script>`,
		`<script src="/static/other.js" defer></script>`,
	} {
		if len(htmlProblems(bad)) == 0 {
			t.Errorf("htmlProblems missed %s", bad)
		}
	}
	checkHTML(t, "good", `<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="/x?q=javascript%3A">x</a></p>`)
}

// A request that runs past the server's timeout (a search of thousands of
// terms) is stopped and answered 503, as JSON for the API and as a page for
// the web UI; with the default timeout a plain search is answered.
func TestRequestTimeout(t *testing.T) {
	e := newEnv(t, Options{Timeout: time.Millisecond}, "ferry.txt")
	q := url.QueryEscape(strings.Repeat("resid* OR ", 3000) + "resid*")
	resp, body := e.do(t, "GET", "/api/v1/quotes?q="+q, "", "")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"timeout"`) {
		t.Errorf("API: %d %s", resp.StatusCode, body)
	}
	resp, body = e.do(t, "GET", "/?q="+q, "", "")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "took too long") {
		t.Errorf("page: %d %.300s", resp.StatusCode, body)
	}
	ok := newEnv(t, Options{}, "ferry.txt")
	if resp, body := ok.do(t, "GET", "/api/v1/quotes?q=ferry", "", ""); resp.StatusCode != http.StatusOK {
		t.Errorf("a plain search with the default timeout: %d %s", resp.StatusCode, body)
	}
}
