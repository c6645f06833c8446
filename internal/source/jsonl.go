package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/whosaid/whosaid/internal/article"
)

// jsonLines reads JSON Lines records, one article each, reporting a bad record as an
// InputError named FILE:LINE and going on with the next line. Lines may be long (a
// whole HTML page); none is kept beyond r.max bytes.
func (r *reader) jsonLines(src string, br *bufio.Reader, gz bool) error {
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, r.max)
		if err != nil && err != io.EOF {
			// The last, cut line is dropped: the stream's error says why.
			return r.readFailed(src, err, gz)
		}
		at := fmt.Sprintf("%s:%d", src, n)
		var ferr error
		switch {
		case tooLong:
			ferr = r.fail(at, "too large: more than "+megabytes(r.max))
		case len(bytes.TrimSpace(line)) > 0:
			ferr = r.record(at, line)
		}
		if ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line without its "\n" (and "\r"). A line longer than max is
// read to its end but not kept: tooLong says so. err is io.EOF after the last line.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		frag, e := br.ReadSlice('\n')
		if e == nil {
			frag = frag[:len(frag)-1]
		}
		if !tooLong {
			if int64(len(line))+int64(len(frag)) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\r")), tooLong, e
	}
}

// record delivers the document of one record read at at (FILE:LINE, FILE#N),
// or fails it with the reason it cannot be one.
func (r *reader) record(at string, raw []byte) error {
	d, reason := parseRecord(raw)
	if reason != "" {
		return r.fail(at, reason)
	}
	d.Source = at
	return r.emit(d)
}

// parseRecord turns one JSON Lines record into a document (Source unset), or gives
// the reason it cannot.
func parseRecord(line []byte) (Document, string) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return Document{}, "not a JSON object: found " + te.Value
		}
		return Document{}, "not a JSON object: " + err.Error()
	}
	if m == nil {
		return Document{}, "not a JSON object: found null"
	}
	d := Document{URL: stringField(m["url"]), Title: stringField(m["title"])}
	// (news APIs and crawlers name the date their own ways: NewsAPI's
	// publishedAt, news-please's date_publish, RSS's pubDate.)
	for _, key := range []string{"published", "date", "publishedAt", "date_publish", "pubDate", "published_at"} {
		if d.Published = dateField(m[key]); d.Published != "" {
			break
		}
	}
	d.SiteName = siteNameField(m)
	// html is preferred: its paragraphs, headings and captions survive
	// extraction. Then the text, under the names dumps give it (news-please's
	// maintext; content and body, which may hold markup).
	for _, f := range []struct {
		key    string
		format Format
	}{{"html", HTML}, {"text", Text}, {"maintext", Text}, {"content", Unknown}, {"body", Unknown}} {
		raw, ok := m[f.key]
		if !ok || string(raw) == "null" {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Document{}, fmt.Sprintf("record field %q is not a string", f.key)
		}
		if len(bytes.TrimSpace([]byte(s))) == 0 {
			continue
		}
		body := bytes.TrimPrefix([]byte(s), bomUTF8)
		if IsBinary(body) {
			return Document{}, "binary data, not an article"
		}
		d.Format, d.Body = f.format, body
		if f.format == Unknown {
			d.Format = Text
			if looksHTML(body) {
				d.Format = HTML
			}
		}
		return d, ""
	}
	return Document{}, "record has no html or text (nor maintext, content or body)"
}

// looksHTML reports whether body, a field that may hold either, is markup: it
// opens on a tag, or holds a paragraph's or a break's.
func looksHTML(body []byte) bool {
	t := bytes.TrimSpace(body)
	if len(t) > 0 && t[0] == '<' {
		return true
	}
	l := bytes.ToLower(t)
	return bytes.Contains(l, []byte("<p>")) || bytes.Contains(l, []byte("<p ")) || bytes.Contains(l, []byte("<br"))
}

// stringField is a JSON string's value, "" for anything else.
func stringField(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// dateField is a date as the record gives it: a string, or a number (a Unix
// time) as written, also when a string holds it ("1750000000").
func dateField(raw json.RawMessage) string {
	s := stringField(raw)
	if s != "" && !unixDigits(s) {
		return s
	}
	var n json.Number
	if s != "" {
		n = json.Number(s)
	}
	if n != "" || len(raw) > 0 && raw[0] != '"' && json.Unmarshal(raw, &n) == nil {
		// A Unix time, in seconds or milliseconds (1736848800, 1736848800000).
		if v, err := n.Float64(); err == nil {
			switch {
			case v >= 1e8 && v < 1e11:
				return time.Unix(int64(v), 0).UTC().Format(time.RFC3339)
			case v >= 1e11 && v < 1e14:
				return time.UnixMilli(int64(v)).UTC().Format(time.RFC3339)
			}
		}
		return n.String()
	}
	return ""
}

// unixDigits reports whether a string is shaped as a Unix time in seconds or
// milliseconds: 10 or 13 digits, and not a compact date ("2024011512",
// YYYYMMDDHH, which a Unix time's digits do not read as before 2033).
func unixDigits(s string) bool {
	if len(s) != 10 && len(s) != 13 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	if _, err := time.Parse("20060102", s[:8]); err == nil && (s[:2] == "19" || s[:2] == "20") {
		return false
	}
	return true
}

// siteNameField is the outlet's name a record gives: "source": {"name": …}
// (NewsAPI's shape), else the first of "site_name", "outlet" and "publisher"
// that is a string naming it; "" when none does. An address is no name. A
// plain string "source" names none: dumps use it for where the record came
// from ("rss", "common_crawl"), not for the outlet.
func siteNameField(m map[string]json.RawMessage) string {
	var src struct {
		Name string `json:"name"`
	}
	if raw := m["source"]; len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &src) == nil {
		if s := article.CleanSiteName(src.Name); s != "" {
			return s
		}
	}
	for _, key := range []string{"site_name", "outlet", "publisher"} {
		if s := article.CleanSiteName(stringField(m[key])); s != "" {
			return s
		}
	}
	return ""
}
