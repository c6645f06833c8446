package source

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestReadURL(t *testing.T) {
	var gotAgent string
	mux := http.NewServeMux()
	mux.HandleFunc("/story.html", func(w http.ResponseWriter, r *http.Request) {
		gotAgent = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, storyHTML)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		w.Write([]byte("<html><body><p>Caf\xe9 \xabd\xe9bat\xbb</p></body></html>"))
	})
	mux.HandleFunc("/header-beats-meta", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write([]byte(`<meta charset="utf-8"><p>` + "\x93quoted\x94</p>"))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, story)
	})
	mux.HandleFunc("/plain-latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		w.Write([]byte("Caf\xe9\n"))
	})
	mux.HandleFunc("/sniffed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		fmt.Fprint(w, storyHTML)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		fmt.Fprint(w, `{"url":"https://news.example/a","text":"a"}`+"\n"+`{"html":"<p>b</p>"}`+"\n")
	})
	mux.HandleFunc("/archive.txt.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(gzipped([]byte(story)))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story.html", http.StatusFound)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone\nfor good", http.StatusNotFound)
	})
	mux.HandleFunc("/teapot", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", fmt.Sprint(3<<20))
		w.Write(bytes.Repeat([]byte("word\n"), 3<<20/5))
		w.Write([]byte("end\n")[:3<<20%5])
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 300 {
			if _, err := w.Write(bytes.Repeat([]byte("word "), 1000)); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "The start of the story")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	fast := &http.Client{Timeout: 300 * time.Millisecond}

	tests := []struct {
		path string
		opts Options
		want []string // "SOURCE-SUFFIX FORMAT URL-SUFFIX BODY-START" or the error after the URL
	}{
		{path: "/story.html", want: []string{"/story.html html /story.html <!DOCTYPE html>"}},
		{path: "/latin1", want: []string{"/latin1 html /latin1 <html><body><p>Café «débat»</p></body></html>"}},
		{path: "/header-beats-meta", want: []string{"/header-beats-meta html /header-beats-meta <meta charset=\"utf-8\"><p>“quoted”</p>"}},
		{path: "/plain", want: []string{"/plain text /plain Harbour council votes"}},
		{path: "/plain-latin1", want: []string{"/plain-latin1 text /plain-latin1 Café"}},
		{path: "/sniffed", want: []string{"/sniffed html /sniffed <!DOCTYPE html>"}},
		{path: "/feed", want: []string{"/feed:1 text https://news.example/a a", "/feed:2 html  <p>b</p>"}},
		{path: "/archive.txt.gz", want: []string{"/archive.txt.gz text /archive.txt.gz Harbour council votes"}},
		{path: "/moved", want: []string{"/moved html /story.html <!DOCTYPE html>"}},
		{path: "/gone", want: []string{"HTTP 404 Not Found"}},
		{path: "/teapot", want: []string{"HTTP 500 Internal Server Error"}},
		{path: "/big", opts: Options{MaxBytes: 1 << 20}, want: []string{"too large: 3.0 MB, the limit is 1.0 MB"}},
		{path: "/big-chunked", opts: Options{MaxBytes: 1 << 20}, want: []string{"too large: more than 1.0 MB"}},
		{path: "/empty", want: []string{"empty"}},
		{path: "/slow", opts: Options{Client: fast}, want: []string{"timed out after 300ms"}},
		{path: "/slow-body", opts: Options{Timeout: 300 * time.Millisecond}, want: []string{"timed out after 300ms"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			u := srv.URL + tc.path
			var out []string
			for _, r := range readAll(t, []string{u}, tc.opts) {
				if r.Err != nil {
					out = append(out, strings.TrimPrefix(r.Err.Error(), u+": "))
					continue
				}
				d := r.Doc
				body := string(d.Body)
				if want := tc.want[len(out)]; len(body) > len(want) {
					body = body[:min(len(body), 40)]
				}
				out = append(out, fmt.Sprintf("%s %v %s %s", strings.TrimPrefix(d.Source, srv.URL),
					d.Format, strings.TrimPrefix(d.URL, srv.URL), body))
			}
			for i := range out {
				if i < len(tc.want) && !strings.HasPrefix(out[i], tc.want[i]) {
					t.Errorf("got  %q\nwant %q", out[i], tc.want[i])
				}
			}
			if len(out) != len(tc.want) {
				t.Errorf("got %q, want %q", out, tc.want)
			}
		})
	}
	if gotAgent != DefaultUserAgent {
		t.Errorf("User-Agent = %q, want %q", gotAgent, DefaultUserAgent)
	}
}

func TestReadBadURL(t *testing.T) {
	for _, in := range []string{"http://", "https://[::1"} {
		res := readAll(t, []string{in}, Options{})
		if len(res) != 1 || res[0].Err == nil {
			t.Errorf("%s: got %+v, want an error", in, res)
		}
	}
}
