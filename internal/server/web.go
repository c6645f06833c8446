package server

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strconv"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/store"
)

// pageNames are the pages, each templates/NAME.html on top of templates/layout.html.
var pageNames = []string{"search", "article", "quote", "speakers", "speaker", "paste", "error"}

var funcs = template.FuncMap{
	"str": func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	},
	// report pairs one report of a story with the id of the article whose
	// page lists it, for the "report" template.
	"report": func(self string, r store.StoryArticle) reportItem { return reportItem{Self: self, R: r} },
	// when is a report's day, or its wall-clock day marked "(local)" when it
	// gave no offset.
	"when": func(p, local *string) string {
		switch {
		case p != nil && len(*p) >= 10:
			return (*p)[:10]
		case local != nil && len(*local) >= 10:
			return (*local)[:10] + " (local)"
		}
		return "date unknown"
	},
	"month": func(p *string) string {
		if p == nil || len(*p) < 10 {
			return "date unknown"
		}
		return (*p)[:10]
	},
}

func parsePages() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFS, path.Join("templates", name+".html")); err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}

// render writes a page; the page is rendered into a buffer first so that a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", data); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorData struct {
	Title   string
	Status  int
	Message string
}

func (s *Server) pageError(w http.ResponseWriter, status int, msg string) {
	s.render(w, status, "error", errorData{Title: http.StatusText(status), Status: status, Message: msg})
}

// pageFail shows err as an error page with the status the API would give.
func (s *Server) pageFail(w http.ResponseWriter, err error) {
	var br *badRequest
	switch {
	case errors.As(err, &br):
		s.pageError(w, br.status, br.msg)
	case errors.Is(err, store.ErrBadQuery):
		s.pageError(w, http.StatusBadRequest, queryMessage(err))
	case errors.Is(err, store.ErrNotFound):
		s.pageError(w, http.StatusNotFound, "Not found.")
	case timedOut(err):
		s.pageError(w, http.StatusServiceUnavailable, "The request took too long and was stopped: narrow it (fewer words, a speaker, dates).")
	default:
		s.pageError(w, http.StatusInternalServerError, "Something went wrong.")
	}
}

type searchData struct {
	Title    string
	Form     url.Values
	Searched bool
	Page     QuotesPage
	Error    string
	Prev     string
	Next     string
	Kinds    []string
	// Confidences are the thresholds the form offers.
	Confidences []string
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	d := searchData{Title: "Search quotes", Form: v, Kinds: []string{article.Direct, article.Indirect, article.Mixed},
		Confidences: []string{"0.5", "0.7", "0.9"}}
	q, limit, offset, err := searchParams(v)
	status := http.StatusOK
	if err == nil {
		d.Searched = true
		d.Page, err = s.search(r, q, limit, offset)
	}
	if err != nil {
		var br *badRequest
		switch {
		case errors.As(err, &br):
			status, d.Error = br.status, br.msg
		case errors.Is(err, store.ErrBadQuery):
			status, d.Error = http.StatusBadRequest, queryMessage(err)
		default:
			s.pageFail(w, err)
			return
		}
		d.Searched = false
	}
	if d.Page.Next != nil {
		d.Next = withOffset(v, *d.Page.Next)
	}
	if offset > 0 {
		d.Prev = withOffset(v, max(offset-limit, 0))
	}
	s.render(w, status, "search", d)
}

func withOffset(v url.Values, off int) string {
	c := url.Values{}
	for k, vs := range v {
		c[k] = vs
	}
	c.Set("offset", strconv.Itoa(off))
	return "/?" + c.Encode()
}

type articleData struct {
	Title   string
	Stored  *store.StoredArticle
	Article *article.Article
	Blocks  []hBlock
	Quotes  []hQuote
	Legend  []legendItem
	Story   *storyData
}

// storyData is the "Also reported by" part of an article's page: the other
// reports of its story, nil when the article is the only one.
type storyData struct {
	ID   int64
	Size int
	// First is the first report, nil when it is this article.
	First *store.StoryArticle
	// Shown are listed at once, Folded behind a "more" toggle.
	Shown, Folded []store.StoryArticle
	// More is how many reports the store did not list (store.MaxStoryArticles).
	More int
}

// reportItem is one line of an article's "Also reported by" list.
type reportItem struct {
	Self string // the id of the article whose page this is
	R    store.StoryArticle
}

// storyShown is how many other reports an article's page lists before the rest
// are folded away, so that a much-copied story does not push the article down.
const storyShown = 10

// newStoryData picks what the page of article id shows of its story.
func newStoryData(id string, st *store.Story) *storyData {
	if st == nil || st.Size < 2 {
		return nil
	}
	d := &storyData{ID: st.ID, Size: st.Size, More: st.Size - len(st.Articles)}
	var others []store.StoryArticle
	for i, a := range st.Articles {
		self := a.ID == id && !a.Copy
		if a.First && !self {
			d.First = &st.Articles[i]
		}
		if !self {
			others = append(others, a)
		}
	}
	d.Shown = others[:min(len(others), storyShown)]
	d.Folded = others[len(d.Shown):]
	return d
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	sa, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageFail(w, err)
		return
	}
	st, err := s.st.Story(r.Context(), sa.Article.ID)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	blocks, quotes, legend := highlight(sa.Article, sa.Clusters, sa.Speakers)
	s.render(w, http.StatusOK, "article", articleData{Title: sa.Article.Title, Stored: sa, Article: sa.Article,
		Blocks: blocks, Quotes: quotes, Legend: legend, Story: newStoryData(sa.Article.ID, st)})
}

type quoteData struct {
	Title   string
	Cluster *store.Cluster
}

func (s *Server) pageQuote(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	c, err := s.st.Cluster(r.Context(), id)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	s.render(w, http.StatusOK, "quote", quoteData{Title: "Quote " + strconv.FormatInt(id, 10), Cluster: c})
}

type speakersData struct {
	Title    string
	Speakers []store.SpeakerCount
}

func (s *Server) pageSpeakers(w http.ResponseWriter, r *http.Request) {
	sp, err := s.st.Speakers(r.Context(), 500)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	s.render(w, http.StatusOK, "speakers", speakersData{Title: "Speakers", Speakers: sp})
}

type speakerData struct {
	Title   string
	Speaker *store.SpeakerDetail
	Chart   *chart
	Quotes  []store.Hit
	Prev    string
	Next    string
}

func (s *Server) pageSpeaker(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	offset, err := intParam(r.URL.Query(), "offset", 0, 0, MaxOffset)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	d, err := s.st.Speaker(r.Context(), id)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	if d.ID != id {
		http.Redirect(w, r, withQuery("/speakers/"+strconv.FormatInt(d.ID, 10), r), http.StatusFound)
		return
	}
	hits, err := s.st.SpeakerQuotes(r.Context(), id, DefaultLimit+1, offset)
	if err != nil {
		s.pageFail(w, err)
		return
	}
	data := speakerData{Title: d.Name, Speaker: d, Chart: timeline(d.Months), Quotes: hits}
	base := "/speakers/" + strconv.FormatInt(id, 10)
	if len(hits) > DefaultLimit {
		data.Quotes = hits[:DefaultLimit]
		data.Next = base + "?offset=" + strconv.Itoa(offset+DefaultLimit)
	}
	if offset > 0 {
		data.Prev = base + "?offset=" + strconv.Itoa(max(offset-DefaultLimit, 0))
	}
	s.render(w, http.StatusOK, "speaker", data)
}

type pasteData struct {
	Title   string
	Text    string
	Format  string
	Error   string
	Article *article.Article
	Blocks  []hBlock
	Quotes  []hQuote
	Legend  []legendItem
}

// pagePaste shows the paste form and, on POST, the pasted article with its
// quotes highlighted; nothing is stored.
func (s *Server) pagePaste(w http.ResponseWriter, r *http.Request) {
	d := pasteData{Title: "Paste an article", Format: "auto"}
	if r.Method != http.MethodPost {
		s.render(w, http.StatusOK, "paste", d)
		return
	}
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.pageError(w, http.StatusRequestEntityTooLarge, "The article is too long.")
			return
		}
		s.pageError(w, http.StatusBadRequest, "The form could not be read.")
		return
	}
	d.Text = r.PostForm.Get("text")
	d.Format = r.PostForm.Get("format")
	req := r.Clone(r.Context())
	req.URL = &url.URL{Path: r.URL.Path}
	switch d.Format {
	case "html":
		req.Header.Set("Content-Type", "text/html")
	case "text":
		req.Header.Set("Content-Type", "text/plain")
	default:
		d.Format = "auto"
		req.Header.Del("Content-Type")
	}
	a, err := s.extract(req, []byte(d.Text), "pasted")
	status := http.StatusOK
	if err != nil {
		var br *badRequest
		if !errors.As(err, &br) {
			s.pageFail(w, err)
			return
		}
		status, d.Error = br.status, br.msg
	} else {
		d.Article = a
		d.Blocks, d.Quotes, d.Legend = highlight(a, nil, nil)
	}
	s.render(w, status, "paste", d)
}
