package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/store"
)

// storyEnv stores a story of three reports and one article alone: the
// reservoir report at its agency (published first), a rewritten copy at a
// second outlet (stored first, published later), the agency's text again at a
// third outlet (a copy), and the ferry article.
type storyEnv struct {
	*env
	orig, late, other *article.Article
	lateURL, copyURL  string
}

func newStoryEnv(t *testing.T, edit func(late, cp *article.Article)) *storyEnv {
	t.Helper()
	e := &storyEnv{env: newEnv(t, Options{})}
	process := func(name, body string) *article.Article {
		r := pipeline.Process(source.Document{Source: name, Format: source.Text, Body: []byte(body)}, engine())
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		return r.Article
	}
	e.orig = fixture(t, "reservoir.txt")
	u := "https://valley-press.example/reservoir"
	e.orig.URL = &u
	raw, err := os.ReadFile(filepath.Join("testdata", "reservoir.txt"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(raw)
	e.late = process("courier.txt", strings.Replace(strings.Replace(body, "April 1, 2025 09:00 GMT", "April 1, 2025 16:00 GMT", 1),
		"Anglers who fish the reservoir said they feared losing a whole season",
		"Members of the angling club expect to lose a whole season of fishing", 1))
	if e.late.Title == "" || e.late.Published == nil || e.late.Text == e.orig.Text {
		t.Fatalf("the rewritten copy: title %q, published %v", e.late.Title, e.late.Published)
	}
	e.lateURL = "https://valley-courier.example/news/reservoir"
	e.late.URL = &e.lateURL
	cp := *e.orig
	e.copyURL = "https://hill-gazette.example/reservoir"
	cp.URL = &e.copyURL
	cp.Source = "gazette.txt"
	pub := "2025-04-01T11:00:00Z"
	cp.Published = &pub
	e.other = fixture(t, "ferry.txt")
	if edit != nil {
		edit(e.late, &cp)
	}
	for _, batch := range [][]*article.Article{{e.late}, {e.orig, e.other}, {&cp}} {
		if _, err := e.st.SaveBatch(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// The article's API answer and page show its story: the other reports with
// links to them, the first report marked; an article alone shows none.
func TestStory(t *testing.T) {
	e := newStoryEnv(t, nil)
	st, err := e.st.Story(context.Background(), e.late.ID)
	if err != nil || st.Size != 3 {
		t.Fatalf("story: %+v, %v", st, err)
	}

	t.Run("api article", func(t *testing.T) {
		resp, body := e.get(t, "/api/v1/articles/"+e.late.ID)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var p struct {
			Article *article.Article `json:"article"`
			Outlet  string           `json:"outlet"`
			Story   *store.Story     `json:"story"`
		}
		decode(t, body, &p)
		if p.Article == nil || p.Article.ID != e.late.ID || p.Outlet != "valley-courier.example" {
			t.Errorf("article %+v outlet %q", p.Article, p.Outlet)
		}
		if p.Story == nil || p.Story.ID != st.ID || p.Story.Size != 3 || len(p.Story.Articles) != 3 {
			t.Fatalf("story %+v", p.Story)
		}
		var got []string
		for _, a := range p.Story.Articles {
			got = append(got, fmt.Sprintf("%s %s %v %v", a.ID, *a.URL, a.Copy, a.First))
		}
		want := []string{
			e.orig.ID + " " + *e.orig.URL + " false true",
			e.orig.ID + " " + e.copyURL + " true false",
			e.late.ID + " " + e.lateURL + " false false",
		}
		if !slices.Equal(got, want) {
			t.Errorf("reports\n got %q\nwant %q", got, want)
		}
		if p.Story.FirstReported == nil || *p.Story.FirstReported != *e.orig.Published {
			t.Errorf("first reported %v, want %s", p.Story.FirstReported, *e.orig.Published)
		}
	})

	t.Run("api story", func(t *testing.T) {
		resp, body := e.get(t, fmt.Sprintf("/api/v1/stories/%d", st.ID))
		var got store.Story
		decode(t, body, &got)
		if resp.StatusCode != 200 || !reflect.DeepEqual(&got, st) {
			t.Errorf("status %d: %+v, want %+v", resp.StatusCode, got, st)
		}
		for path, status := range map[string]int{"/api/v1/stories/999999": 404, "/api/v1/stories/abc": 400, "/api/v1/stories/0": 400} {
			if resp, body := e.get(t, path); resp.StatusCode != status || !strings.Contains(body, `"code":`) {
				t.Errorf("%s: %d %s, want %d", path, resp.StatusCode, body, status)
			}
		}
	})

	t.Run("page", func(t *testing.T) {
		resp, body := e.get(t, "/articles/"+e.late.ID)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		sec := section(t, body)
		for _, want := range []string{
			"Also reported by", "3 reports", "first reported by <span class=\"outlet\">valley-press.example</span>",
			`<a href="/articles/` + e.orig.ID + `">`, `href="` + e.copyURL + `"`, "hill-gazette.example",
			`<strong class="first">First report</strong> · <span class="outlet">valley-press.example</span>`,
			fmt.Sprintf(`href="/api/v1/stories/%d"`, st.ID),
		} {
			if !strings.Contains(sec, want) {
				t.Errorf("story section lacks %q:\n%s", want, sec)
			}
		}
		if strings.Contains(sec, `href="/articles/`+e.late.ID+`"`) || strings.Contains(sec, e.lateURL) {
			t.Errorf("the article lists itself:\n%s", sec)
		}
		if strings.Index(body, "Also reported by") > strings.Index(body, `class="text"`) {
			t.Error("the story comes after the article's text")
		}

		_, body = e.get(t, "/articles/"+e.orig.ID)
		sec = section(t, body)
		for _, want := range []string{"this article is the first report", "the same text as this article", `<a href="/articles/` + e.late.ID + `">`} {
			if !strings.Contains(sec, want) {
				t.Errorf("the first report's page lacks %q:\n%s", want, sec)
			}
		}
		if strings.Contains(sec, "First report</strong>") {
			t.Errorf("the first report's page marks another report first:\n%s", sec)
		}

		_, body = e.get(t, "/articles/"+e.other.ID)
		if strings.Contains(body, "Also reported by") {
			t.Error("an article alone in its story shows a story")
		}
		var p ArticlePage
		_, body = e.get(t, "/api/v1/articles/"+e.other.ID)
		decode(t, body, &p)
		if p.Story == nil || p.Story.Size != 1 || len(p.Story.Articles) != 1 || !p.Story.Articles[0].First {
			t.Errorf("story of an article alone: %+v", p.Story)
		}
	})
}

// section is the story part of an article page.
func section(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `<section class="story"`)
	if i < 0 {
		t.Fatalf("no story section in the page")
	}
	j := strings.Index(body[i:], "</section>")
	return body[i : i+j]
}

// A story of many reports lists the first few and folds the rest away.
func TestStoryDataFolds(t *testing.T) {
	st := &store.Story{ID: 7, Size: 40}
	for i := range 30 {
		st.Articles = append(st.Articles, store.StoryArticle{ID: fmt.Sprintf("%016x", i), First: i == 0})
	}
	d := newStoryData(st.Articles[3].ID, st)
	if d == nil || len(d.Shown) != storyShown || len(d.Folded) != 29-storyShown || d.More != 10 || d.First == nil || d.First.ID != st.Articles[0].ID {
		t.Fatalf("%+v", d)
	}
	if slices.ContainsFunc(append(d.Shown, d.Folded...), func(a store.StoryArticle) bool { return a.ID == st.Articles[3].ID }) {
		t.Error("the article lists itself")
	}
	if d := newStoryData(st.Articles[0].ID, &store.Story{Size: 1, Articles: st.Articles[:1]}); d != nil {
		t.Errorf("a story of one: %+v", d)
	}
}

// Hostile titles, URLs and sources in the other reports of a story are shown
// escaped, and a javascript: URL never becomes a link.
func TestHostileStory(t *testing.T) {
	e := newStoryEnv(t, func(late, cp *article.Article) {
		late.Title = `"><script>alert(1)</script>`
		u := "javascript:alert(1)"
		late.URL = &u
		cu := `javascript:alert(2)//"><img src=x onerror=alert(3)>`
		cp.URL = &cu
		cp.Source = `<img src=x onerror=alert(4)>`
	})
	st, err := e.st.Story(context.Background(), e.orig.ID)
	if err != nil || st.Size != 3 {
		t.Fatalf("story: %+v, %v", st, err)
	}
	pages := []string{"/articles/" + e.orig.ID, "/articles/" + e.late.ID}
	if !e.showsEscaped(t, pages, func(body string) string { return section(t, body) }) {
		t.Error("the hostile title is not shown (escaped) in a story: the test proves nothing")
	}
	for _, p := range []string{"/api/v1/articles/" + e.orig.ID, "/api/v1/articles/" + e.late.ID, fmt.Sprintf("/api/v1/stories/%d", st.ID)} {
		resp, body := e.get(t, p)
		if resp.StatusCode != 200 || strings.ContainsAny(body, "<>") {
			t.Errorf("%s: status %d, raw < or >: %v", p, resp.StatusCode, strings.ContainsAny(body, "<>"))
		}
	}
}

// The schemas of openapi.json name the JSON fields the server writes: those of
// the Go types it encodes, no more, no fewer; and every $ref resolves.
func TestOpenAPISchemasInStep(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	decode(t, string(openAPI), &doc)
	for name, v := range map[string]any{
		"ArticlePage":   ArticlePage{},
		"StoredArticle": store.StoredArticle{},
		"Story":         store.Story{},
		"StoryArticle":  store.StoryArticle{},
		"Cluster":       store.Cluster{},
		"Occurrence":    store.Occurrence{},
		"Hit":           store.Hit{},
		"QuotesPage":    QuotesPage{},
	} {
		sc, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("no schema %s", name)
			continue
		}
		var got []string
		for k := range sc.Properties {
			got = append(got, k)
		}
		slices.Sort(got)
		if want := jsonFields(reflect.TypeOf(v)); !slices.Equal(got, want) {
			t.Errorf("schema %s has %v, the server writes %v", name, got, want)
		}
	}
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "$ref" {
					refs = append(refs, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var all any
	if err := json.Unmarshal(openAPI, &all); err != nil {
		t.Fatal(err)
	}
	walk(all)
	for _, r := range refs {
		name, ok := strings.CutPrefix(r, "#/components/schemas/")
		if _, found := doc.Components.Schemas[name]; !ok || !found {
			t.Errorf("$ref %s does not resolve", r)
		}
	}
}

// jsonFields lists the JSON names of a struct's fields, embedded structs'
// included, sorted.
func jsonFields(t reflect.Type) []string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
