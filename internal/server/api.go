package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/store"
)

// Page sizes of GET /api/v1/quotes and the web search.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	// MaxOffset bounds how deep a listing may be paged, so that one request
	// never makes the store scan and skip an unbounded number of rows.
	MaxOffset = 10000
)

// Error is the body of every API error.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// QuotesPage is the body of GET /api/v1/quotes.
type QuotesPage struct {
	Quotes []store.Hit `json:"quotes"`
	Limit  int         `json:"limit"`
	Offset int         `json:"offset"`
	// Next is the offset of the next page, nil on the last one.
	Next *int `json:"next"`
}

// SpeakerPage is the body of GET /api/v1/speakers/{id}.
type SpeakerPage struct {
	*store.SpeakerDetail
	Recent []store.Hit `json:"recent"`
}

// ArticlePage is the body of GET /api/v1/articles/{id}: the stored article
// with its story (the near-duplicates and copies of it at other outlets).
type ArticlePage struct {
	*store.StoredArticle
	Story *store.Story `json:"story"`
}

// Ingested is the body of a successful POST /api/v1/articles.
type Ingested struct {
	// ID is the stored article's id: the one sent when it is new, else the
	// one it is known by.
	ID  string `json:"id"`
	New bool   `json:"new"`
	// Changed says the article was known by its URL with another text,
	// which stays stored (a correction is not applied yet).
	Changed bool             `json:"changed,omitempty"`
	Quotes  int              `json:"quotes"`
	Article *article.Article `json:"article"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	// HTML escaping stays on: "<" is written \u003c, so hostile text cannot
	// become markup even if a client pastes the JSON into a page.
	json.NewEncoder(w).Encode(v)
}

func apiError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, Error{Code: code, Message: msg})
}

// badRequest is an error the client can fix; its message is shown as is.
type badRequest struct {
	status int
	code   string
	msg    string
}

func (e *badRequest) Error() string { return e.msg }

// fail writes err as a JSON error: a badRequest as it says, a bad search as
// 400, a missing row as 404, a request out of time as 503, anything else as
// 500 without details.
func fail(w http.ResponseWriter, err error) {
	var br *badRequest
	switch {
	case errors.As(err, &br):
		apiError(w, br.status, br.code, br.msg)
	case errors.Is(err, store.ErrBadQuery):
		apiError(w, http.StatusBadRequest, "bad_query", queryMessage(err))
	case errors.Is(err, store.ErrNotFound):
		apiError(w, http.StatusNotFound, "not_found", "not found")
	case timedOut(err):
		apiError(w, http.StatusServiceUnavailable, "timeout", timeoutMessage)
	default:
		apiError(w, http.StatusInternalServerError, "internal", "internal error")
	}
}

// queryMessage keeps the reason of a bad search, without the store's prefix.
func queryMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, store.ErrBadQuery.Error()); i >= 0 {
		msg = msg[i:]
	}
	return msg + ` (FTS5 syntax: word, "a phrase", pre*, a AND b, a OR b, a NOT b)`
}

// boundsParams reads since and until (store.ParseBound), a range that holds
// something.
func boundsParams(v url.Values) (since, until time.Time, err error) {
	if since, err = store.ParseBound(v.Get("since"), false); err != nil {
		return since, until, &badRequest{http.StatusBadRequest, "bad_parameter", "since: " + err.Error()}
	}
	if until, err = store.ParseBound(v.Get("until"), true); err != nil {
		return since, until, &badRequest{http.StatusBadRequest, "bad_parameter", "until: " + err.Error()}
	}
	if err := store.CheckBounds(since, until); err != nil {
		return since, until, &badRequest{http.StatusBadRequest, "bad_parameter", "since/until: " + err.Error()}
	}
	return since, until, nil
}

// searchParams reads the filters and the page of a quote search from the URL.
func searchParams(v url.Values) (store.Query, int, int, error) {
	q := store.Query{
		Words:   strings.TrimSpace(v.Get("q")),
		Speaker: strings.TrimSpace(v.Get("speaker")),
		Outlet:  strings.TrimSpace(v.Get("outlet")),
		Kind:    strings.TrimSpace(v.Get("kind")),
	}
	var err error
	if q.Since, q.Until, err = boundsParams(v); err != nil {
		return q, 0, 0, err
	}
	switch q.Kind {
	case "", article.Direct, article.Indirect, article.Mixed:
	default:
		return q, 0, 0, &badRequest{http.StatusBadRequest, "bad_parameter", "kind: want direct, indirect or mixed"}
	}
	if s := strings.TrimSpace(v.Get("min_confidence")); s != "" {
		c, err := strconv.ParseFloat(s, 64)
		if err != nil || !(c >= 0 && c <= 1) {
			return q, 0, 0, &badRequest{http.StatusBadRequest, "bad_parameter", "min_confidence: want a number from 0 to 1"}
		}
		q.MinConfidence = c
	}
	switch strings.TrimSpace(v.Get("sort")) {
	case "", "first":
	case "newest":
		q.Newest = true
	default:
		return q, 0, 0, &badRequest{http.StatusBadRequest, "bad_parameter", "sort: want first (the earliest reported first) or newest"}
	}
	limit, err := intParam(v, "limit", DefaultLimit, 1, MaxLimit)
	if err != nil {
		return q, 0, 0, err
	}
	offset, err := intParam(v, "offset", 0, 0, MaxOffset)
	if err != nil {
		return q, 0, 0, err
	}
	return q, limit, offset, nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &badRequest{http.StatusBadRequest, "bad_parameter", fmt.Sprintf("%s: want a whole number from %d to %d", name, lo, hi)}
	}
	return n, nil
}

// search runs a paged quote search: the store has no offset, so it is asked
// for one page more than needed and the rows before offset are dropped
// (bounded by MaxOffset).
func (s *Server) search(r *http.Request, q store.Query, limit, offset int) (QuotesPage, error) {
	q.Limit = offset + limit + 1
	hits, err := s.st.Search(r.Context(), q)
	if err != nil {
		return QuotesPage{}, err
	}
	p := QuotesPage{Quotes: []store.Hit{}, Limit: limit, Offset: offset}
	if offset < len(hits) {
		hits = hits[offset:]
	} else {
		hits = nil
	}
	if len(hits) > limit {
		n := offset + limit
		p.Next = &n
		hits = hits[:limit]
	}
	p.Quotes = append(p.Quotes, hits...)
	return p, nil
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	q, limit, offset, err := searchParams(r.URL.Query())
	if err != nil {
		fail(w, err)
		return
	}
	p, err := s.search(r, q, limit, offset)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, limit, offset, err := searchParams(v)
	if err != nil {
		fail(w, err)
		return
	}
	if q.Words == "" {
		fail(w, &badRequest{http.StatusBadRequest, "bad_parameter", "q: words to find are required"})
		return
	}
	// (As search: the rows before offset are read and dropped.)
	hits, err := s.st.SearchArticles(r.Context(), store.ArticleQuery{Words: q.Words, Since: q.Since, Until: q.Until, Outlet: q.Outlet, Limit: offset + limit})
	if err != nil {
		fail(w, err)
		return
	}
	hits = hits[min(offset, len(hits)):]
	if len(hits) == 0 {
		hits = []store.ArticleHit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": hits})
}

func idParam(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &badRequest{http.StatusBadRequest, "bad_parameter", "id: want a positive whole number"}
	}
	return id, nil
}

func (s *Server) apiQuote(w http.ResponseWriter, r *http.Request) { serveByID(w, r, s.st.Cluster) }

// serveByID answers with what get finds under the request's {id}, or the
// error of the id or of get.
func serveByID[T any](w http.ResponseWriter, r *http.Request, get func(context.Context, int64) (T, error)) {
	id, err := idParam(r)
	if err != nil {
		fail(w, err)
		return
	}
	v, err := get(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiSpeakers(w http.ResponseWriter, r *http.Request) {
	// "limit", as /quotes takes it, is "top" here too.
	name := "top"
	if q := r.URL.Query(); !q.Has("top") && q.Has("limit") {
		name = "limit"
	}
	top, err := intParam(r.URL.Query(), name, 0, 0, 100000)
	if err != nil {
		fail(w, err)
		return
	}
	offset, err := intParam(r.URL.Query(), "offset", 0, 0, 100000)
	if err != nil {
		fail(w, err)
		return
	}
	if top > 0 && offset > 0 {
		top += offset // the page after offset, read from the first
	}
	f := store.ExportFilter{Outlet: strings.TrimSpace(r.URL.Query().Get("outlet"))}
	if f.Since, f.Until, err = boundsParams(r.URL.Query()); err != nil {
		fail(w, err)
		return
	}
	sp, err := s.st.SpeakersIn(r.Context(), f, top)
	if err != nil {
		fail(w, err)
		return
	}
	sp = sp[min(offset, len(sp)):]
	if len(sp) == 0 {
		sp = []store.SpeakerCount{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"speakers": sp})
}

func (s *Server) apiSpeaker(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		fail(w, err)
		return
	}
	d, err := s.st.Speaker(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	if d.ID != id {
		// Merged into another since: that one lives at its own address.
		http.Redirect(w, r, withQuery("/api/v1/speakers/"+strconv.FormatInt(d.ID, 10), r), http.StatusFound)
		return
	}
	recent, err := s.st.SpeakerQuotes(r.Context(), id, DefaultLimit, 0)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, SpeakerPage{SpeakerDetail: d, Recent: recent})
}

// withQuery is path with the request's query string, for a redirect that keeps
// the page asked for ("?offset=20").
func withQuery(path string, r *http.Request) string {
	if r.URL.RawQuery == "" {
		return path
	}
	return path + "?" + r.URL.RawQuery
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	st, err := s.st.Story(r.Context(), a.Article.ID)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ArticlePage{StoredArticle: a, Story: st})
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) { serveByID(w, r, s.st.StoryByID) }

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}

// document reads a request body as one article, as the CLI reads a file:
// gzip is decompressed, and binary data, broken UTF-8 or a truncated gzip
// stream is a 400 with the CLI's reason. HTML is what the Content-Type says,
// else what the body looks like; a JSON Lines body is one record (url, title,
// text). ?url= gives the article's address.
func document(r *http.Request, body []byte, name string) (source.Document, error) {
	doc := source.Document{Source: name, Format: source.Text}
	if len(bytes.TrimSpace(body)) == 0 {
		return doc, &badRequest{http.StatusBadRequest, "empty_body", "the body is empty: send an article's text or HTML"}
	}
	var got *source.Document
	var inErr *source.InputError
	n := 0
	err := source.Read(r.Context(), []string{"-"}, source.Options{Stdin: bytes.NewReader(body)}, func(d source.Document, err error) error {
		n++
		if n > 1 {
			return errMoreThanOne
		}
		if !errors.As(err, &inErr) {
			got = &d
		}
		return nil
	})
	switch {
	case errors.Is(err, errMoreThanOne):
		return doc, &badRequest{http.StatusBadRequest, "bad_body", "the body holds more than one article: send one per request"}
	case err != nil:
		return doc, err
	case inErr != nil:
		status := http.StatusBadRequest
		if strings.HasPrefix(inErr.Reason, "too large") {
			status = http.StatusRequestEntityTooLarge
		}
		return doc, &badRequest{status, "bad_body", "the body is not an article: " + inErr.Reason}
	case got == nil:
		return doc, &badRequest{http.StatusBadRequest, "empty_body", "the body is empty: send an article's text or HTML"}
	}
	record := got.Source != "-" // a JSON Lines record keeps its own format
	got.Source = name
	doc = *got
	if !record {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch {
		case ct == "text/html" || ct == "application/xhtml+xml":
			doc.Format = source.HTML
		case ct == "text/plain":
			doc.Format = source.Text
		}
	}
	if u := r.URL.Query().Get("url"); u != "" {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return doc, &badRequest{http.StatusBadRequest, "bad_parameter", "url: want an absolute http(s) URL"}
		}
		doc.URL = pu.String()
	}
	return doc, nil
}

// errMoreThanOne stops reading a request body at its second document.
var errMoreThanOne = errors.New("server: more than one document")

// readBody reads the whole (already size-limited) body; a body over the limit is a 413.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &badRequest{http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit)}
	}
	if err != nil {
		return nil, &badRequest{http.StatusBadRequest, "bad_body", "could not read the body"}
	}
	return b, nil
}

// extract runs the pipeline over the request body.
func (s *Server) extract(r *http.Request, body []byte, name string) (*article.Article, error) {
	doc, err := document(r, body, name)
	if err != nil {
		return nil, err
	}
	res := pipeline.Process(doc, s.eng)
	if res.Err != nil {
		return nil, &badRequest{http.StatusUnprocessableEntity, "not_an_article", res.Err.Error()}
	}
	return res.Article, nil
}

func (s *Server) apiExtract(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		fail(w, err)
		return
	}
	a, err := s.extract(r, body, "request")
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	body, err := readBody(r)
	if err != nil {
		fail(w, err)
		return
	}
	a, err := s.extract(r, body, "api")
	if err != nil {
		fail(w, err)
		return
	}
	// The save is not cut short by a client that goes away: it is one
	// transaction either way.
	st, err := s.st.SaveBatch(context.WithoutCancel(r.Context()), []*article.Article{a})
	if err != nil {
		fail(w, err)
		return
	}
	status := http.StatusOK
	id := a.ID
	if len(st.IDs) == 1 && st.IDs[0] != "" {
		id = st.IDs[0] // a known article's: the one stored
	}
	if st.Articles > 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/articles/"+id)
	}
	writeJSON(w, status, Ingested{ID: id, New: st.Articles > 0, Changed: st.Changed > 0, Quotes: len(a.Quotes), Article: a})
}
