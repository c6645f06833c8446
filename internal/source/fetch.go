package source

import (
	"net/http"
	"net/url"
	"path"
)

// accept says what whosaid can read, best first.
const accept = "text/html,application/xhtml+xml,text/plain;q=0.9,application/x-ndjson;q=0.8,*/*;q=0.5"

// fetch reads an http(s) URL. The Content-Type gives the format and charset; the body
// is read no further than the size limit.
func (r *reader) fetch(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return r.fail(raw, "invalid URL")
	}
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, raw, nil)
	if err != nil {
		return r.fail(raw, "invalid URL")
	}
	req.Header.Set("User-Agent", r.userAgent)
	req.Header.Set("Accept", accept)
	resp, err := r.client.Do(req)
	if err != nil {
		return r.readFailed(raw, err, false)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r.fail(raw, "HTTP "+resp.Status)
	}
	final := u
	if resp.Request != nil && resp.Request.URL != nil {
		final = resp.Request.URL // after redirects
	}
	return r.document(stream{
		source:      raw,
		name:        path.Base(final.Path),
		r:           resp.Body,
		size:        resp.ContentLength,
		contentType: resp.Header.Get("Content-Type"),
		url:         final.String(),
		remote:      true,
	})
}
