package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// warcRec is one record of a test WARC file; block is the record's content as is.
type warcRec struct {
	typ, uri, date, contentType, block string
}

// bytes writes the record as WARC/1.0 text with CRLF lines; id makes its record id.
func (w warcRec) bytes(id int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", w.typ, id)
	fmt.Fprintf(&b, "WARC-Date: %s\r\n", w.date)
	if w.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", w.uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", w.contentType, len(w.block), w.block)
	return b.Bytes()
}

// httpResponse is an HTTP/1.1 response as a WARC response record holds it.
func httpResponse(status, contentType, body string, header ...string) string {
	h := ""
	for _, l := range header {
		h += l + "\r\n"
	}
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n%s", status, contentType, len(body), h, body)
}

func response(uri, date, block string) warcRec {
	return warcRec{"response", uri, date, "application/http; msgtype=response", block}
}

// warcFile joins the records; perRecordGzip makes each one its own gzip member.
func warcFile(recs []warcRec, perRecordGzip bool) []byte {
	var b bytes.Buffer
	for i, rec := range recs {
		if perRecordGzip {
			b.Write(gzipped(rec.bytes(i + 1)))
		} else {
			b.Write(rec.bytes(i + 1))
		}
	}
	return b.Bytes()
}

const (
	pageOne = "<!DOCTYPE html><html><head><title>Tram line opens</title></head><body><p>\u201cIt runs every six minutes,\u201d said Orla Brenn.</p></body></html>"
	// pageTwo is ISO-8859-1 by its HTTP header only: é and the quotes are single bytes.
	pageTwo = "<html><body><p>\xabLe caf\xe9 ferme t\xf4t\xbb, a dit Noor Veld.</p></body></html>"
)

// crawl is a small crawl: of its seven records only #3 and #7 are pages.
var crawl = []warcRec{
	{"warcinfo", "", "2024-03-01T10:00:00Z", "application/warc-fields",
		"software: test-crawler/1.0\r\nformat: WARC File Format 1.0\r\n"},
	{"request", "https://news.example.org/tram", "2024-03-01T10:00:01Z", "application/http; msgtype=request",
		"GET /tram HTTP/1.1\r\nHost: news.example.org\r\n\r\n"},
	response("https://news.example.org/tram", "2024-03-01T10:00:02Z",
		httpResponse("200 OK", "text/html; charset=utf-8", pageOne)),
	response("https://news.example.org/gone", "2024-03-01T10:00:03Z",
		httpResponse("404 Not Found", "text/html", "<html><body><p>Not found</p></body></html>")),
	response("https://news.example.org/tram.png", "2024-03-01T10:00:04Z",
		httpResponse("200 OK", "image/png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")),
	{"metadata", "https://news.example.org/tram", "2024-03-01T10:00:05Z", "application/warc-fields",
		"fetchTimeMs: 120\r\n"},
	response("https://news.example.org/cafe", "2024-03-01T11:30:00Z",
		httpResponse("200 OK", "text/html; charset=ISO-8859-1", pageTwo)),
}

// crawlDocs is what Read gives for crawl in a file named FILE.
func crawlDocs(file string) []Document {
	return []Document{
		{Source: file + "#3", URL: "https://news.example.org/tram", Format: HTML,
			Fetched: time.Date(2024, 3, 1, 10, 0, 2, 0, time.UTC), Body: []byte(pageOne)},
		{Source: file + "#7", URL: "https://news.example.org/cafe", Format: HTML,
			Fetched: time.Date(2024, 3, 1, 11, 30, 0, 0, time.UTC),
			Body:    []byte("<html><body><p>\u00abLe caf\u00e9 ferme t\u00f4t\u00bb, a dit Noor Veld.</p></body></html>")},
	}
}

// testdataWARC returns a fixture of testdata/warc, rewriting it with -update.
func testdataWARC(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join("testdata", "warc", name)
	if *update {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("%s differs from what the test builds; run with -update", p)
	}
	return p
}

// describe is one line per call of fn: the document or the error.
func describe(res []got) string {
	var b strings.Builder
	for _, r := range res {
		if r.Err != nil {
			fmt.Fprintf(&b, "%s: error: %s\n", r.Source, r.Err.(*InputError).Reason)
			continue
		}
		d := r.Doc
		fmt.Fprintf(&b, "%s %s %s %s %q\n", d.Source, d.URL, d.Format, d.Fetched.Format(time.RFC3339), d.Body)
	}
	return b.String()
}

func TestReadWARC(t *testing.T) {
	plain := warcFile(crawl, false)
	perRecord := warcFile(crawl, true)
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
	}{
		{"plain", testdataWARC(t, "crawl.warc", plain)},
		{"per-record gzip", testdataWARC(t, "crawl.warc.gz", perRecord)},
		{"whole-file gzip", write(t, dir, "whole.warc.gz", gzipped(plain))},
		{"sniffed, no extension", write(t, dir, "crawl-data", plain)},
		{"sniffed gzip, other extension", write(t, dir, "crawl.bin", perRecord)},
		{"sniffed, .txt", write(t, dir, "crawl.txt", plain)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readAll(t, []string{tc.path}, Options{})
			want := describe(docsGot(crawlDocs(tc.path)))
			if got := describe(res); got != want {
				t.Errorf("read\n%s\nwant\n%s", got, want)
			}
		})
	}
	t.Run("stdin", func(t *testing.T) {
		res := readAll(t, []string{"-"}, Options{Stdin: bytes.NewReader(perRecord)})
		if got, want := describe(res), describe(docsGot(crawlDocs("-"))); got != want {
			t.Errorf("read\n%s\nwant\n%s", got, want)
		}
	})
}

func docsGot(docs []Document) []got {
	var out []got
	for _, d := range docs {
		out = append(out, got{Source: d.Source, Doc: d})
	}
	return out
}

func TestReadWARCRecords(t *testing.T) {
	const date = "2025-01-02T03:04:05Z"
	ok := func(body string, header ...string) warcRec {
		return response("https://example.net/a", date, httpResponse("200 OK", "text/html", body, header...))
	}
	chunked := "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
	tests := []struct {
		name string
		recs []warcRec
		opts Options
		want string
	}{
		{"text/plain, latin-1", []warcRec{response("https://example.net/t", date,
			httpResponse("200 OK", "text/plain; charset=latin1", "na\xefve"))},
			Options{}, `in#1 https://example.net/t text 2025-01-02T03:04:05Z "naïve"`},
		{"meta charset when the header has none", []warcRec{ok("<meta charset=windows-1252><p>caf\xe9</p>")},
			Options{}, `in#1 https://example.net/a html 2025-01-02T03:04:05Z "<meta charset=windows-1252><p>café</p>"`},
		{"gzip content encoding", []warcRec{response("https://example.net/z", date,
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"+string(gzipped([]byte("<p>zipped</p>"))))},
			Options{}, `in#1 https://example.net/z html 2025-01-02T03:04:05Z "<p>zipped</p>"`},
		{"chunked", []warcRec{response("https://example.net/c", date, chunked)},
			Options{}, `in#1 https://example.net/c text 2025-01-02T03:04:05Z "hello world"`},
		{"unsupported encoding", []warcRec{ok("xx", "Content-Encoding: br"), ok("<p>next</p>")},
			Options{}, "in#1: error: unsupported HTTP Content-Encoding \"br\"\n" +
				`in#2 https://example.net/a html 2025-01-02T03:04:05Z "<p>next</p>"`},
		{"a record over MaxBytes, then the rest", []warcRec{ok("<p>" + strings.Repeat("long ", 40) + "</p>"), ok("<p>short</p>")},
			Options{MaxBytes: 100}, "in#1: error: too large: more than 100 bytes\n" +
				`in#2 https://example.net/a html 2025-01-02T03:04:05Z "<p>short</p>"`},
		{"empty page", []warcRec{ok(" \r\n")}, Options{}, "in#1: error: empty"},
		{"binary page", []warcRec{ok("\x00\x01\x02\x03")}, Options{}, "in#1: error: binary data, not an article"},
		{"revisit, resource, 301, no content type are skipped; a file of no page says what it held", []warcRec{
			{"revisit", "https://example.net/a", date, "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"},
			{"resource", "https://example.net/r", date, "text/html", "<p>resource</p>"},
			response("https://example.net/m", date, "HTTP/1.1 301 Moved\r\nLocation: /a\r\nContent-Type: text/html\r\n\r\n<p>moved</p>"),
			response("https://example.net/n", date, "HTTP/1.1 200 OK\r\n\r\n<p>no type</p>"),
		}, Options{}, "in: error: no page in its 4 record(s): 2 not an HTTP response, 1 response(s) neither HTML nor text, 1 response(s) with HTTP status 301"},
		{"a header's one-byte charset over a page in UTF-8", []warcRec{response("https://example.net/u", date,
			httpResponse("200 OK", "text/html; charset=windows-1252", "<meta charset=utf-8><p>Gwénaëlle said \u201cyes\u201d</p>"))},
			Options{}, `in#1 https://example.net/u html 2025-01-02T03:04:05Z "<meta charset=utf-8><p>Gwénaëlle said “yes”</p>"`},
		{"robots.txt and ads.txt are no pages", []warcRec{
			response("https://example.net/robots.txt", date, httpResponse("200 OK", "text/plain", "User-agent: *\nDisallow: /admin\n")),
			response("https://example.net/ads.txt?x=1", date, httpResponse("200 OK", "text/plain", "example.com, 123, DIRECT\n")),
			response("https://example.net/p", date, httpResponse("200 OK", "text/plain", "The pier reopened on Monday.")),
		}, Options{}, "in#3 https://example.net/p text " + date + ` "The pier reopened on Monday."`},
		{"a page among skipped records: no complaint", []warcRec{
			{"resource", "https://example.net/r", date, "text/html", "<p>resource</p>"},
			response("https://example.net/m", date, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>"),
			response("https://example.net/p", date, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>The pier reopened on Monday.</p>"),
		}, Options{}, "in#3 https://example.net/p html " + date + ` "<p>The pier reopened on Monday.</p>"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, gz := range []bool{false, true} {
				res := readWARC(t, warcFile(tc.recs, gz), tc.opts)
				if got := strings.TrimSpace(describe(res)); got != tc.want {
					t.Errorf("gzip %v: read\n%s\nwant\n%s", gz, got, tc.want)
				}
			}
		})
	}
}

// readWARC reads data as a WARC file named "in" (named "in.warc" so that no sniffing is needed).
func readWARC(t *testing.T, data []byte, opts Options) []got {
	t.Helper()
	var out []got
	r := newReader(context.Background(), opts, func(d Document, err error) error {
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error %q is not one line", err)
			}
			d.Source = err.(*InputError).Source
		} else if !utf8.Valid(d.Body) {
			t.Errorf("%s: body is not valid UTF-8", d.Source)
		}
		out = append(out, got{Source: d.Source, Doc: d, Err: err})
		return nil
	})
	if err := r.document(stream{source: "in", name: "in.warc", r: bytes.NewReader(data), size: int64(len(data))}); err != nil {
		t.Fatalf("document: %v", err)
	}
	return out
}

func TestReadWARCBroken(t *testing.T) {
	plain := warcFile(crawl, false)
	perRecord := warcFile(crawl, true)
	first := "in#3 https://news.example.org/tram html 2024-03-01T10:00:02Z"
	lastStart := bytes.LastIndex(plain, []byte("WARC/1.0"))
	lastStartGz := len(perRecord) - len(gzipped(crawl[6].bytes(7)))
	corruptGz := bytes.Clone(perRecord)
	corruptGz[lastStartGz+30] ^= 0xff
	tests := []struct {
		name string
		data []byte
		want []string // the start of each line
	}{
		{"cut in the last record's body", plain[:len(plain)-40], []string{first, "in#7: error: truncated WARC record: "}},
		{"cut in the last record's header", plain[:lastStart+30], []string{first, "in#7: error: truncated WARC record"}},
		{"cut in the last record's first bytes", plain[:lastStart+3], []string{first, "in#7: error: truncated WARC record"}},
		{"garbage between records", append(bytes.Clone(plain[:lastStart]), append([]byte("garbage\r\n"), plain[lastStart:]...)...),
			[]string{first, "in#7: error: corrupt WARC: no record header after the previous record"}},
		{"per-record gzip cut", perRecord[:len(perRecord)-20], []string{first, "in#7: error: truncated gzip data"}},
		{"per-record gzip corrupt", corruptGz, []string{first, "in#7: error: corrupt gzip data"}},
		{"bad Content-Length", bytes.Replace(plain, []byte("Content-Length: "), []byte("Content-Length: x"), 1),
			[]string{`in#1: error: bad Content-Length "x58"`, first, "in#7 "}},
		{"negative Content-Length", bytes.Replace(plain, []byte("Content-Length: "), []byte("Content-Length: -"), 1),
			[]string{`in#1: error: bad Content-Length "-58"`, first, "in#7 "}},
		{"not a WARC", []byte("<p>Hello</p>"), []string{"in: error: not a WARC file"}},
		{"empty", nil, []string{"in: error: empty"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readWARC(t, tc.data, Options{})
			lines := strings.Split(strings.TrimSpace(describe(res)), "\n")
			okay := len(lines) == len(tc.want)
			for i := 0; okay && i < len(lines); i++ {
				okay = strings.HasPrefix(lines[i], tc.want[i])
			}
			if !okay {
				t.Errorf("read\n%s\nwant lines starting\n%s", strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// withLength writes recs as a WARC file whose record i (from 0) has the Content-Length
// line "Content-Length: value", or none when drop; gz makes each record a gzip member.
func withLength(recs []warcRec, i int, value string, drop, gz bool) []byte {
	var b bytes.Buffer
	for j, rec := range recs {
		data := rec.bytes(j + 1)
		if j == i {
			line := fmt.Sprintf("Content-Length: %d\r\n", len(rec.block))
			repl := "Content-Length: " + value + "\r\n"
			if drop {
				repl = ""
			}
			data = bytes.Replace(data, []byte(line), []byte(repl), 1)
		}
		if gz {
			data = gzipped(data)
		}
		b.Write(data)
	}
	return b.Bytes()
}

// TestReadWARCBadLength: a record whose Content-Length is no length says so in one
// line, and the records after it are read.
func TestReadWARCBadLength(t *testing.T) {
	tram := "in#3 https://news.example.org/tram html 2024-03-01T10:00:02Z"
	cafe := "in#7 https://news.example.org/cafe html 2024-03-01T11:30:00Z"
	tests := []struct {
		name   string
		record int // from 0
		value  string
		drop   bool
		want   []string // the start of each line
	}{
		{"not a number", 2, "abc", false, []string{`in#3: error: bad Content-Length "abc"`, cafe}},
		{"negative", 2, "-5", false, []string{`in#3: error: bad Content-Length "-5"`, cafe}},
		{"empty", 2, "", false, []string{`in#3: error: bad Content-Length ""`, cafe}},
		{"number and junk", 2, "12abc", false, []string{`in#3: error: bad Content-Length "12abc"`, cafe}},
		{"too large for a number", 2, "99999999999999999999", false,
			[]string{`in#3: error: bad Content-Length "99999999999999999999"`, cafe}},
		{"missing", 2, "", true, []string{"in#3: error: no Content-Length", cafe}},
		{"first record", 0, "abc", false, []string{`in#1: error: bad Content-Length "abc"`, tram, cafe}},
		{"last record", 6, "-1", false, []string{tram, `in#7: error: bad Content-Length "-1"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, gz := range []bool{false, true} {
				res := readWARC(t, withLength(crawl, tc.record, tc.value, tc.drop, gz), Options{})
				lines := strings.Split(strings.TrimSpace(describe(res)), "\n")
				okay := len(lines) == len(tc.want)
				for i := 0; okay && i < len(lines); i++ {
					okay = strings.HasPrefix(lines[i], tc.want[i])
				}
				if !okay {
					t.Errorf("gzip %v: read\n%s\nwant lines starting\n%s", gz, strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
				}
			}
		})
	}
	t.Run("header longer than the read buffer", func(t *testing.T) {
		pad := []byte("WARC/1.0\r\nX-Pad: " + strings.Repeat("p", 3*bufLen) + "\r\n")
		for _, tc := range []struct{ value, want string }{
			{fmt.Sprint(len(crawl[2].block)), tram + " \"<!DOCTYPE"},
			{"abc", `in#3: error: bad Content-Length "abc"`},
		} {
			for _, gz := range []bool{false, true} {
				data := bytes.Replace(withLength(crawl, 2, tc.value, false, false), []byte("WARC/1.0\r\nWARC-Type: response"), append(pad, "WARC-Type: response"...), 1)
				if gz {
					data = gzipped(data)
				}
				res := readWARC(t, data, Options{})
				lines := strings.Split(strings.TrimSpace(describe(res)), "\n")
				if len(lines) != 2 || !strings.HasPrefix(lines[0], tc.want) || !strings.HasPrefix(lines[1], cafe) {
					t.Errorf("Content-Length %s, gzip %v: read\n%.300s", tc.value, gz, strings.Join(lines, "\n"))
				}
			}
		}
	})
	t.Run("message", func(t *testing.T) {
		res := readWARC(t, withLength(crawl, 2, "abc", false, false), Options{})
		if len(res) == 0 || res[0].Err == nil || res[0].Err.Error() != `in#3: bad Content-Length "abc"` {
			t.Errorf("got %v", res)
		}
	})
}

func TestReadWARCFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte(story))
	write(t, dir, "b.warc", warcFile(crawl, false))
	write(t, dir, "c.WARC.GZ", warcFile(crawl, true))
	write(t, dir, "d-crawl", warcFile(crawl[2:3], false)) // no extension: sniffed
	write(t, dir, "e.arc", warcFile(crawl, false))        // not ours
	res := readAll(t, []string{dir}, Options{})
	var names []string
	for _, r := range res {
		rel, _ := filepath.Rel(dir, r.Source)
		names = append(names, filepath.ToSlash(rel))
	}
	want := "a.txt b.warc#3 b.warc#7 c.WARC.GZ#3 c.WARC.GZ#7 d-crawl#1"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("read %s\nwant %s", got, want)
	}
}

func TestLooksLikeWARC(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"WARC/1.0\r\nWARC-Type: warcinfo", true},
		{"WARC/1.1\nWARC-Type", true},
		{"WARC/1.0", false}, // nothing follows: not a record
		{"WARC/0.17\r\n", false},
		{"WARC/1.00\r\n", false},
		{"warc/1.0\r\n", false},
		{" WARC/1.0\r\n", false},
		{"<p>WARC/1.0</p>", false},
	}
	for _, tc := range tests {
		if got := looksLikeWARC([]byte(tc.in)); got != tc.want {
			t.Errorf("looksLikeWARC(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzWARC feeds any bytes as a WARC file, plain and as per-record gzip: no panic,
// valid UTF-8 out, one-line errors named after the file. The seeds are small and in
// testdata/fuzz/FuzzWARC: large ones make the fuzzer spend its time minimizing.
func FuzzWARC(f *testing.F) {
	f.Add([]byte("WARC/1.1\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"))
	var zb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zb, gzip.BestSpeed) // reused: a new writer costs 800 KB
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newReader(context.Background(), Options{MaxBytes: 1 << 12}, func(d Document, err error) error {
			if d.Source != "in" && !strings.HasPrefix(d.Source, "in#") {
				t.Fatalf("source %q", d.Source)
			}
			if err != nil {
				if strings.ContainsAny(err.Error(), "\r\n") {
					t.Fatalf("error on two lines: %q", err)
				}
				return nil
			}
			if len(d.Body) == 0 || !utf8.Valid(d.Body) {
				t.Fatalf("bad body %q", d.Body)
			}
			return nil
		})
		if err := r.warc("in", bufio.NewReader(bytes.NewReader(data)), nil); err != nil {
			t.Fatalf("warc: %v", err)
		}
		// Each record its own gzip member, as CC-NEWS writes them.
		zb.Reset()
		for rest := data; len(rest) > 0; {
			n := len(rest)
			if i := bytes.Index(rest, []byte("\r\n\r\nWARC/")); i >= 0 {
				n = i + 4
			}
			zw.Reset(&zb)
			zw.Write(rest[:n])
			zw.Close()
			rest = rest[n:]
		}
		if err := r.document(stream{source: "in", name: "in.warc.gz", r: bytes.NewReader(zb.Bytes()), size: -1}); err != nil {
			t.Fatalf("document: %v", err)
		}
	})
}

// TestWriteFuzzWARCSeeds writes the seed corpus of FuzzWARC with -update.
func TestWriteFuzzWARCSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/fuzz/FuzzWARC")
	}
	one := warcFile(crawl[6:], false)
	seeds := map[string][]byte{
		"latin1-page":  one,
		"request-page": warcFile(crawl[1:3], false),
		"cut":          one[:len(one)-30],
		"chunked-gzip": warcFile([]warcRec{response("https://example.net/z", "2025-01-02T03:04:05Z", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n"+string(gzipped([]byte("<p>z</p>")))[:8]+"\r\n0\r\n\r\n")}, false),
		"warcinfo-404": warcFile([]warcRec{crawl[0], crawl[3]}, false),
		"bad-length":   withLength(crawl[1:3], 1, "abc", false, false),
		"no-length":    []byte("WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n"),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzWARC")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		if err := os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkReadWARC reads a CC-NEWS-like file: 2,000 records, each its own gzip member,
// a request, a response and a metadata record per page.
func BenchmarkReadWARC(b *testing.B) {
	const pages = 2000 / 3
	page := "<!DOCTYPE html><html><head><title>Budget vote</title></head><body>" +
		strings.Repeat("<p>The council met on Monday. \u201cWe will not raise the fares,\u201d said the treasurer, Maro Hild.</p>", 40) +
		"</body></html>"
	var recs []warcRec
	for i := range pages {
		uri := fmt.Sprintf("https://news.example.org/story/%d", i)
		recs = append(recs,
			warcRec{"request", uri, "2024-03-01T10:00:01Z", "application/http; msgtype=request",
				"GET /story HTTP/1.1\r\nHost: news.example.org\r\n\r\n"},
			response(uri, "2024-03-01T10:00:02Z", httpResponse("200 OK", "text/html; charset=utf-8", page)),
			warcRec{"metadata", uri, "2024-03-01T10:00:03Z", "application/warc-fields", "fetchTimeMs: 120\r\n"})
	}
	recs = append(recs, crawl[:2]...) // 2,000 records in all
	data := warcFile(recs, true)
	p := filepath.Join(b.TempDir(), "news.warc.gz")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(context.Background(), []string{p}, Options{}, func(d Document, err error) error {
			if err != nil {
				b.Fatal(err)
			}
			n++
			return nil
		})
		if err != nil || n != pages {
			b.Fatalf("read %d documents: %v", n, err)
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestReadWARCLargeRecord: a page larger than the 1 MiB the library keeps in memory
// goes through its temporary file and comes out whole.
func TestReadWARCLargeRecord(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<p>The ferry leaves at noon.</p>\n", 80000) + "</body></html>"
	rec := response("https://example.net/big", "2025-01-02T03:04:05Z", httpResponse("200 OK", "text/html", page))
	res := readWARC(t, warcFile([]warcRec{rec, rec}, true), Options{})
	if len(res) != 2 || res[0].Err != nil || string(res[1].Doc.Body) != page {
		t.Fatalf("got %d results, first error %v", len(res), res[0].Err)
	}
	res = readWARC(t, warcFile([]warcRec{rec, crawl[2]}, false), Options{MaxBytes: 1 << 20})
	if got := strings.TrimSpace(describe(res)); !strings.HasPrefix(got, "in#1: error: too large: more than 1.0 MB\nin#2 ") {
		t.Errorf("got\n%.300s", got)
	}
}

func TestContentLength(t *testing.T) {
	tests := []struct {
		header string
		want   string
		found  bool
	}{
		{"WARC/1.0\r\nContent-Length: 12\r\n\r\n", "12", true},
		{"WARC/1.1\ncontent-length:\t7 \n\n", "7", true},
		{"WARC/1.0\r\nContent-Length: 1\r\n 2\r\nWARC-Type: x\r\n\r\n", "1 2", true},
		{"WARC/1.0\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "3", true},
		{"WARC/1.0\r\nX-Content-Length: 3\r\n\r\n", "", false},
		{"WARC/1.0\r\nWARC-Type: x\r\n Content-Length: 3\r\n\r\n", "", false},
		{"Content-Length: 3\r\n\r\n", "", false}, // the first line is the version
	}
	for _, tc := range tests {
		header := []byte(tc.header)
		v, found := contentLength(header)
		if string(v) != tc.want || found != tc.found {
			t.Errorf("contentLength(%q) = %q, %v; want %q, %v", tc.header, v, found, tc.want, tc.found)
		}
		if string(header) != tc.header {
			t.Errorf("contentLength changed its header to %q", header)
		}
	}
}

// bridgeBody is the page of threePages(false)'s second record.
const bridgeBody = "<html><body><p>\u201cThe bridge reopens on Monday,\u201d said Ines Marlow.</p></body></html>"

// TestReadWARCMultiRecordMemberLost: a gzip member that holds several records and
// fails (its checksum, or cut short) is checked whole before any of its records is
// read, so none is delivered; each is named in its own line, by its WARC-Target-URI
// (or its record id), and the records of the members around it are read.
func TestReadWARCMultiRecordMemberLost(t *testing.T) {
	// The first member is read before the file is known as a WARC; the member that
	// fails is read after.
	recs := []warcRec{{"warcinfo", "", "2024-03-01T10:00:00Z", "application/warc-fields", strings.Repeat("note: an invented crawl\r\n", 500)},
		response("https://news.example.org/bridge", "2024-03-01T10:30:00Z", httpResponse("200 OK", "text/html", bridgeBody)),
		{"metadata", "", "2024-03-01T10:30:01Z", "application/warc-fields", "fetchTimeMs: 80\r\n"}, // no URI: named by its id
		response("https://news.example.org/pier", "2024-03-01T10:31:00Z", httpResponse("200 OK", "text/html", "<p>The pier is shut.</p>")),
		crawl[6]}
	first := gzipped(recs[0].bytes(1))
	var mid []byte
	for i := 1; i <= 3; i++ {
		mid = append(mid, recs[i].bytes(i+1)...)
	}
	member := gzipped(mid)
	last := gzipped(recs[4].bytes(5))
	lost := func(n int, reason, name string) string {
		of := "of 3 in its gzip member"
		if reason == "truncated gzip data" {
			of = "of the 3 found in its gzip member before it was cut"
		}
		return fmt.Sprintf("in#%d: error: %s (record %d %s: %s)", n, reason, n-1, of, name)
	}
	id := "<urn:uuid:00000000-0000-4000-8000-000000000003>"
	if len(recs[0].bytes(1)) <= sniffLen {
		t.Fatal("the first record is shorter than what is read to tell the file's kind")
	}
	crcBad := bytes.Clone(member)
	crcBad[len(crcBad)-8] ^= 0x55
	tests := []struct {
		name string
		data []byte
		want []string // whole lines
	}{
		{"checksum", slices.Concat(first, crcBad, last), []string{
			lost(2, "corrupt gzip data: checksum mismatch", "https://news.example.org/bridge"),
			lost(3, "corrupt gzip data: checksum mismatch", id),
			lost(4, "corrupt gzip data: checksum mismatch", "https://news.example.org/pier"),
			"in#5 https://news.example.org/cafe html"}},
		{"cut short, last member", slices.Concat(first, member[:len(member)-3]), []string{
			lost(2, "truncated gzip data", "https://news.example.org/bridge"),
			lost(3, "truncated gzip data", id),
			lost(4, "truncated gzip data", "https://news.example.org/pier")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(strings.TrimSpace(describe(readWARC(t, tc.data, Options{}))), "\n")
			ok := len(lines) == len(tc.want)
			for i := 0; ok && i < len(lines); i++ {
				ok = lines[i] == tc.want[i] || strings.HasSuffix(tc.want[i], " html") && strings.HasPrefix(lines[i], tc.want[i])
			}
			if !ok {
				t.Errorf("read\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestReadWARCLengthOverByFew: a Content-Length 1 to 4 bytes too long takes in
// the end-of-record marker's first bytes: the page is its content exactly, without
// them, and the next record is read.
func TestReadWARCLengthOverByFew(t *testing.T) {
	for _, long := range []bool{false, true} {
		recs := threePages(long)
		n := len(recs[1].block)
		_, body, _ := strings.Cut(recs[1].block, "\r\n\r\n")
		for over := 1; over <= 4; over++ {
			for _, gz := range []bool{false, true} {
				name := fmt.Sprintf("long page %v, %d over, gzip %v", long, over, gz)
				res := readWARC(t, withLength(recs, 1, fmt.Sprint(n+over), false, gz), Options{})
				lines := strings.Split(strings.TrimSpace(describe(res)), "\n")
				want := []string{"in#1 https://news.example.org/tram", "in#2 https://news.example.org/bridge", "in#3 https://news.example.org/cafe"}
				if !startsMatch(lines, want) {
					t.Errorf("%s: read\n%.400s\nwant lines starting\n%s", name, strings.Join(lines, "\n"), strings.Join(want, "\n"))
					continue
				}
				if got := string(res[1].Doc.Body); got != body {
					t.Errorf("%s: body ends %q, want %q", name, got[max(len(got)-20, 0):], body[len(body)-20:])
				}
			}
		}
	}
	// The same bytes after a block whose length is right are its own.
	recs := threePages(false)
	recs[1].block += "\r\n"
	res := readWARC(t, warcFile(recs, false), Options{})
	if len(res) != 3 || !strings.HasSuffix(string(res[1].Doc.Body), "</html>\r\n") {
		t.Errorf("a page ending in CRLF lost it: %+v", res)
	}
}

// TestReadWARCWholeGzipChecksum: a WARC gzipped as one stream, larger than what is
// checked whole before use, is read as it comes; a checksum that fails at its end is
// one line for the file, which says that the pages delivered from it are unverified.
func TestReadWARCWholeGzipChecksum(t *testing.T) {
	const pages = 3000
	var recs []warcRec
	for i := range pages {
		recs = append(recs, response(fmt.Sprintf("https://news.example.org/s/%d", i), "2024-03-01T10:00:02Z",
			httpResponse("200 OK", "text/html", fmt.Sprintf("<p>Story %d: the ferry is late again, and the harbour waits for it.</p>", i))))
	}
	plain := warcFile(recs, false)
	opts := Options{MaxBytes: 4 << 10} // records are read whole up to 1 MB and 4 KB
	if int64(len(plain)) <= opts.MaxBytes+1<<20 {
		t.Fatalf("the file, %d bytes, is not larger than the limit", len(plain))
	}
	data := gzipped(plain)
	data[len(data)-6] ^= 0x10 // the CRC-32
	res := readWARC(t, data, opts)
	if len(res) != pages+1 {
		t.Fatalf("got %d results, want %d pages and one error", len(res), pages)
	}
	for _, r := range res[:pages] {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Source, r.Err)
		}
	}
	want := fmt.Sprintf("in: error: corrupt gzip data: checksum mismatch at the end of a gzip member larger than 1.0 MB, read as it came (a WARC gzipped whole is one): the %d page(s) delivered from its records #1–#%d are unverified", pages, pages)
	if got := strings.TrimSpace(describe(res[pages:])); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
