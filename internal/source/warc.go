package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// warcMagic starts every WARC record; a WARC file's first line is WARC/1.0 or WARC/1.1.
var warcMagic = []byte("WARC/")

// looksLikeWARC reports whether p (a stream's start, after gunzip) opens a WARC file.
func looksLikeWARC(p []byte) bool {
	for _, v := range []string{"WARC/1.0", "WARC/1.1"} {
		if len(p) > len(v) && string(p[:len(v)]) == v && (p[len(v)] == '\r' || p[len(v)] == '\n') {
			return true
		}
	}
	return false
}

// warc reads a WARC file, already decompressed when it was gzip (one stream or a gzip
// member per record, as CC-NEWS writes it: br sees plain records either way), one record
// at a time, so memory does not grow with the file. Each record is named src#N, N its
// ordinal among all the file's records from 1. Only responses with HTTP status 200 and
// an HTML or text/plain payload become documents; other records are skipped. A broken
// record ends the file with one InputError; the records before it are delivered.
func (r *reader) warc(src string, br *bufio.Reader, gz bool) error {
	// The library keeps each record's block in a buffer of 1 MiB in memory that spills to
	// a temporary file; it is released by Close before the next record is read.
	u := gowarc.NewUnmarshaler()
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		at := fmt.Sprintf("%s#%d", src, n)
		more, err := atRecord(br)
		if err != nil {
			return r.readFailed(at, err, gz)
		}
		if !more {
			if n == 1 {
				return r.fail(src, "empty")
			}
			return nil
		}
		if head, _ := br.Peek(len(warcMagic)); !bytes.Equal(head, warcMagic) {
			if len(head) < len(warcMagic) && bytes.HasPrefix(warcMagic, head) {
				return r.fail(at, "truncated WARC record")
			}
			if n == 1 {
				return r.fail(src, "not a WARC file: no WARC/1.0 or WARC/1.1 header")
			}
			return r.fail(at, "corrupt WARC: no record header after the previous record")
		}
		rec, _, validation, err := u.Unmarshal(br)
		if err != nil {
			if rec != nil {
				rec.Close()
			}
			if cerr := r.ctx.Err(); cerr != nil {
				return cerr
			}
			return r.fail(at, r.warcReason(err, gz))
		}
		if reason := broken(rec, validation, br); reason != "" {
			rec.Close()
			return r.fail(at, reason)
		}
		ferr := r.warcRecord(at, rec)
		rec.Close()
		if ferr != nil {
			return ferr
		}
	}
}

// atRecord skips the blank lines a sloppy writer leaves between records and says
// whether anything follows.
func atRecord(br *bufio.Reader) (bool, error) {
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if c != '\r' && c != '\n' {
			return true, br.UnreadByte()
		}
	}
}

// broken is the reason a record parsed leniently cannot be trusted: the library
// reports a missing Content-Length or fewer bytes than it says as warnings only.
// A missing end-of-record marker is let pass: the content is whole.
func broken(rec gowarc.WarcRecord, validation []error, br *bufio.Reader) string {
	const badLength = "corrupt WARC: record without a valid Content-Length"
	n, err := rec.ContentLength()
	switch {
	case err == nil && n < 0:
		return badLength // the library then reads to the end of the file
	case err != nil || !rec.WarcHeader().Has(gowarc.ContentLength):
		if _, err := br.Peek(1); err == io.EOF {
			return "truncated WARC record" // cut in the record's header
		}
		return badLength
	}
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return fmt.Sprintf("truncated WARC record: %d of %d bytes", cl.Actual, cl.Expected)
		}
	}
	return ""
}

// warcReason is the reason for a record the library could not parse.
func (r *reader) warcReason(err error, gz bool) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if gz {
			return "truncated gzip data"
		}
		return "truncated WARC record"
	}
	var se *gowarc.SyntaxError
	var he *gowarc.HeaderFieldError
	if errors.As(err, &se) || errors.As(err, &he) {
		return "corrupt WARC: " + strings.TrimPrefix(err.Error(), "gowarc: ")
	}
	return r.reason(err, gz)
}

// warcRecord turns one record into a document when it is a page: its payload decoded
// from the HTTP transfer and content encodings and from its charset.
func (r *reader) warcRecord(at string, rec gowarc.WarcRecord) error {
	if rec.Type() != gowarc.Response {
		return nil
	}
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok || blk.HttpStatusCode() != http.StatusOK || blk.HttpHeader() == nil {
		return nil
	}
	h := *blk.HttpHeader()
	mediaType, label := parseContentType(h.Get("Content-Type"))
	var format Format
	switch {
	case hintByType(mediaType) == kindHTML:
		format = HTML
	case mediaType == "text/plain":
		format = Text
	default:
		return nil
	}
	payload, err := blk.PayloadBytes()
	if err != nil {
		return r.fail(at, reasonOf(err))
	}
	payload, reason := httpDecoded(payload, h, blk.ProtocolHeaderBytes())
	if reason != "" {
		return r.fail(at, reason)
	}
	var b bytes.Buffer
	if n, err := rec.ContentLength(); err == nil {
		// The payload's size when it is not encoded: the buffer is allocated once.
		b.Grow(int(min(max(n-int64(len(blk.ProtocolHeaderBytes())), 0), r.max+1)) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(io.LimitReader(payload, r.max+1)); err != nil {
		return r.fail(at, "bad HTTP payload: "+reasonOf(err))
	}
	data := b.Bytes()
	if int64(len(data)) > r.max {
		return r.fail(at, "too large: more than "+megabytes(r.max))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8))) == 0 {
		return r.fail(at, "empty")
	}
	if IsBinary(data) {
		return r.fail(at, "binary data, not an article")
	}
	d := Document{Source: at, Format: format}
	d.URL = strings.TrimSuffix(strings.TrimPrefix(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<"), ">")
	if t, err := rec.Date(); err == nil {
		d.Fetched = t
	}
	if format == HTML {
		d.Body = decodeHTML(data, label, false)
	} else {
		body, reason := decodeText(data, label)
		if reason != "" {
			return r.fail(at, reason)
		}
		d.Body = body
	}
	return r.emit(d)
}

// httpDecoded undoes the chunking and compression that a crawler kept as sent (Common
// Crawl stores payloads decoded and renames those headers; wget and others do not).
func httpDecoded(payload io.Reader, h http.Header, raw []byte) (io.Reader, string) {
	if chunked(raw) {
		payload = httputil.NewChunkedReader(payload)
	}
	switch ce := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); ce {
	case "", "identity", "none", "utf-8", "utf8":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(payload)
		if err != nil {
			return nil, "bad HTTP payload: gzip: " + reasonOf(err)
		}
		payload = zr
	case "deflate":
		// HTTP's deflate is zlib; a few servers send raw deflate, which this rejects.
		zr, err := zlib.NewReader(payload)
		if err != nil {
			return nil, "bad HTTP payload: deflate: " + reasonOf(err)
		}
		payload = zr
	default:
		return nil, fmt.Sprintf("unsupported HTTP Content-Encoding %q", ce)
	}
	return payload, ""
}

// chunked reports whether the raw HTTP header says Transfer-Encoding: chunked (the
// parsed header has lost it: net/http moves it out of the header map).
func chunked(raw []byte) bool {
	if !bytes.Contains(bytes.ToLower(raw), []byte("chunked")) {
		return false
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	if _, err := tp.ReadLine(); err != nil {
		return false
	}
	h, _ := tp.ReadMIMEHeader()
	for _, v := range h.Values("Transfer-Encoding") {
		for te := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(te), "chunked") {
				return true
			}
		}
	}
	return false
}
