package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/whosaid/whosaid/internal/quote"
	"github.com/whosaid/whosaid/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

//go:embed openapi.json
var openAPI []byte

// DefaultMaxBody is the largest request body accepted when Options.MaxBody is zero.
const DefaultMaxBody int64 = 2 << 20

// ContentSecurityPolicy is sent with every response: nothing but this origin's
// own files, no inline script or style, no plugins, no framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Options configures a Server.
type Options struct {
	// Token, when not empty, allows POST /api/v1/articles with
	// "Authorization: Bearer <Token>"; when empty, ingesting over HTTP is refused.
	Token string
	// MaxBody bounds a request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Engine finds quotations; nil means quote.New().
	Engine *quote.Engine
	// Timeout bounds the work of one request (a search of thousands of
	// terms, say): past it the store's query is interrupted and the request
	// answered 503. 0 means DefaultTimeout.
	Timeout time.Duration
}

// DefaultTimeout is Options.Timeout's default: far above any search p99, well
// below WriteTimeout, after which the client no longer gets the answer.
const DefaultTimeout = 20 * time.Second

// Server serves the API and the web UI over one store.
type Server struct {
	st    *store.SQLite
	opts  Options
	eng   *quote.Engine
	pages map[string]*template.Template
	mux   *http.ServeMux
}

// New returns a server over st; it does not close st.
func New(st *store.SQLite, opts Options) (*Server, error) {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	s := &Server{st: st, opts: opts, eng: opts.Engine}
	if s.eng == nil {
		s.eng = quote.New()
	}
	pages, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("server: templates: %w", err)
	}
	s.pages = pages
	s.mux = http.NewServeMux()
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("POST /api/v1/extract", s.apiExtract)
	m.HandleFunc("GET /api/v1/quotes", s.apiQuotes)
	m.HandleFunc("GET /api/v1/quotes/{id}", s.apiQuote)
	m.HandleFunc("GET /api/v1/speakers", s.apiSpeakers)
	m.HandleFunc("GET /api/v1/speakers/{id}", s.apiSpeaker)
	m.HandleFunc("GET /api/v1/articles", s.apiArticles)
	m.HandleFunc("GET /api/v1/articles/{id}", s.apiArticle)
	m.HandleFunc("POST /api/v1/articles", s.apiIngest)
	m.HandleFunc("GET /api/v1/stories/{id}", s.apiStory)
	m.HandleFunc("GET /api/v1/openapi.json", s.apiOpenAPI)
	m.HandleFunc("/api/", s.apiNoRoute)

	static, _ := fs.Sub(assetFS, "assets")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	m.Handle("GET /static/", cacheFor(files, time.Hour))
	m.HandleFunc("GET /{$}", s.pageSearch)
	m.HandleFunc("GET /articles/{id}", s.pageArticle)
	m.HandleFunc("GET /quotes/{id}", s.pageQuote)
	m.HandleFunc("GET /speakers", s.pageSpeakers)
	m.HandleFunc("GET /speakers/{id}", s.pageSpeaker)
	m.HandleFunc("GET /paste", s.pagePaste)
	m.HandleFunc("POST /paste", s.pagePaste)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, http.StatusNotFound, "No such page.")
	})
}

// apiNoRoute answers an API request that no route takes: 405 with Allow when
// the path exists for another method, else 404, both as JSON.
func (s *Server) apiNoRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method || (m == http.MethodGet && r.Method == http.MethodHead) {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pattern := s.mux.Handler(r2); pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		apiError(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" "+r.URL.Path+" is not allowed; use "+strings.Join(allow, " or "))
		return
	}
	apiError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.Method+" "+r.URL.Path)
}

// ServeHTTP serves one request with the security headers and the body limit.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

// timedOut reports whether err is a store query the request's timeout
// interrupted.
func timedOut(err error) bool {
	var se *sqlite.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_INTERRUPT
}

// timeoutMessage tells a client whose request ran out of time what to do.
const timeoutMessage = "the request took too long and was stopped: narrow it (fewer words, a speaker, dates)"

func cacheFor(h http.Handler, d time.Duration) http.Handler {
	v := fmt.Sprintf("public, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", v)
		h.ServeHTTP(w, r)
	})
}

// authorized applies the token rule of POST /api/v1/articles and writes the
// refusal when it says no: 403 when ingesting is disabled (no token configured)
// or the token is wrong, 401 when none is given.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.Token == "" {
		apiError(w, http.StatusForbidden, "forbidden", "ingesting over HTTP is disabled: start the server with WHOSAID_TOKEN set")
		return false
	}
	auth := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(auth) <= len(prefix) || !equalFoldASCII(auth[:len(prefix)], prefix) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="whosaid"`)
		apiError(w, http.StatusUnauthorized, "unauthorized", "missing bearer token")
		return false
	}
	if subtle.ConstantTimeCompare([]byte(auth[len(prefix):]), []byte(s.opts.Token)) != 1 {
		apiError(w, http.StatusForbidden, "forbidden", "wrong token")
		return false
	}
	return true
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

// Timeouts of the HTTP server.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	ShutdownTimeout   = 10 * time.Second
)

// Serve serves on ln until ctx is cancelled, then shuts down gracefully:
// it stops accepting, lets requests under way finish (up to ShutdownTimeout)
// and returns nil.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}
