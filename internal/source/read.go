package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffLen is how much of a document's start decides its format and whether it is binary.
const sniffLen = 8 << 10

// bufLen is the read buffer; larger than sniffLen so that Peek(sniffLen) never fails for size.
const bufLen = 16 << 10

var bomUTF8 = []byte{0xef, 0xbb, 0xbf}

// stream is one opened input: a file, standard input or an HTTP response body.
type stream struct {
	source      string // as the user named it
	name        string // base name whose extension hints at the format; "" if none
	r           io.Reader
	size        int64  // bytes in r when known, else -1
	contentType string // HTTP Content-Type, "" for files
	url         string // the fetched address, "" for files
	remote      bool
	sniffOnly   bool // found in a folder without extension: skip silently unless it looks like an article
}

// kind is what a stream holds: one document of a Format, or JSON Lines records.
type kind int

const (
	kindNone kind = iota
	kindText
	kindHTML
	kindJSONL
	kindJSON // a JSON document: an array of records, or one record
)

// document reads one stream into documents (one, or one per JSON Lines, JSON or WARC
// record). Data after a gzip stream that is no gzip is ignored, and said in one line
// once the stream's documents are delivered.
func (r *reader) document(s stream) error {
	// One buffer serves every input of a Read: a folder of small files allocates little.
	if r.buf == nil {
		r.buf = bufio.NewReaderSize(s.r, bufLen)
	} else {
		r.buf.Reset(s.r)
	}
	defer r.buf.Reset(nil) // keep no reference to the input
	var gz *gunzip
	emitted := r.emitted
	err := r.documents(s, &gz)
	if err == nil && gz != nil && gz.trailing && r.emitted > emitted {
		err = r.fail(s.source, "trailing data after the gzip stream ignored")
	}
	return err
}

// documents is document's work; *gzp is set to the gzip reader when the stream is gzip.
func (r *reader) documents(s stream, gzp **gunzip) error {
	br := r.buf
	name := strings.ToLower(s.name)
	head, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return r.readFailed(s.source, err, false)
	}
	gz := len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b
	if strings.HasSuffix(name, ".gz") {
		name = strings.TrimSuffix(name, ".gz")
		// A server may have sent the file already decompressed; a file may not lie.
		if !gz && len(head) > 0 && !s.remote {
			return r.fail(s.source, "corrupt gzip data: no gzip header")
		}
	}
	var zr *gunzip
	if gz {
		zr, err = newGunzip(br)
		if err != nil {
			return r.readFailed(s.source, err, true)
		}
		// A WARC file's members, one a record, are each checked whole before
		// any of it is read: records are bounded by the size limit.
		zr.hold = r.max + 1<<20
		zr.resumable = strings.HasSuffix(name, ".warc")
		*gzp = zr
		br = bufio.NewReaderSize(zr, bufLen)
	}
	utf16 := false
	if h, _ := br.Peek(2); len(h) == 2 && (h[0] == 0xff && h[1] == 0xfe || h[0] == 0xfe && h[1] == 0xff) {
		// The BOM picks the byte order and is dropped; from here on all is UTF-8.
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), bufLen)
		utf16 = true
	}
	peek, err := br.Peek(sniffLen)
	eof := err == io.EOF
	// A WARC's records before the error count; a WARC's first gzip member may fail alone.
	if err != nil && !eof && !looksLikeWARC(peek) && (zr == nil || !zr.resumable) {
		return r.readFailed(s.source, err, gz)
	}

	if strings.HasSuffix(name, ".warc") || looksLikeWARC(peek) || zr != nil && zr.resumable {
		return r.warc(s.source, br, zr)
	}
	mediaType, label := parseContentType(s.contentType)
	if utf16 {
		label = ""
	}
	k := hintByType(mediaType)
	if k == kindNone {
		k = hintByName(name)
		if k == kindJSON && !looksLikeJSON(peek, eof) {
			k = kindNone // text or a page named .json: its content tells
		}
	}
	if k == kindNone {
		k = sniff(peek, eof)
	}
	if s.sniffOnly && k == kindText && !looksLikeText(peek, eof) {
		return nil
	}
	if k == kindJSON && jsonLinesNamedJSON(peek, eof) {
		k = kindJSONL // JSON Lines named .json
	}
	if k == kindJSONL || k == kindJSON {
		if IsBinary(peek) {
			return r.fail(s.source, "binary data, not an article")
		}
		if k == kindJSON {
			return r.json(s.source, br, gz)
		}
		return r.jsonLines(s.source, br, gz)
	}
	if s.size > r.max {
		return r.fail(s.source, fmt.Sprintf("too large: %s, the limit is %s", megabytes(s.size), megabytes(r.max)))
	}
	if IsBinary(peek) {
		return r.fail(s.source, "binary data, not an article")
	}
	data, err := readBody(br, r.max, s.size, gz || utf16)
	if err != nil {
		return r.readFailed(s.source, err, gz)
	}
	if int64(len(data)) > r.max {
		after := ""
		if gz {
			after = " after decompression"
		}
		return r.fail(s.source, fmt.Sprintf("too large: more than %s%s", megabytes(r.max), after))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8))) == 0 {
		return r.fail(s.source, "empty")
	}
	d := Document{Source: s.source, URL: s.url}
	if k == kindHTML {
		d.Format = HTML
		d.Body = decodeHTML(data, label, utf16)
	} else {
		d.Format = Text
		body, reason := decodeText(data, label)
		if reason != "" {
			return r.fail(s.source, reason)
		}
		d.Body = body
	}
	return r.emit(d)
}

// readBody reads at most max+1 bytes, in one allocation when the size is known.
func readBody(br *bufio.Reader, max, size int64, transformed bool) ([]byte, error) {
	var b bytes.Buffer
	if size >= 0 && !transformed {
		b.Grow(int(min(size, max)) + bytes.MinRead)
	}
	_, err := b.ReadFrom(io.LimitReader(br, max+1))
	return b.Bytes(), err
}

// readFailed reports a read error, unless it is ctx's doing: then Read stops with it.
func (r *reader) readFailed(src string, err error, gz bool) error {
	if cerr := r.ctx.Err(); cerr != nil {
		return cerr
	}
	return r.fail(src, r.reason(err, gz))
}

// reason turns an error into the short reason of an InputError.
func (r *reader) reason(err error, gz bool) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		if r.timeout > 0 {
			return "timed out after " + r.timeout.String()
		}
		return "timed out"
	}
	return Reason(err, gz)
}

// Reason is the short reason a read failed, for a one-line error that names the
// input already: "truncated gzip data" (gz: the input is gzip), "permission denied".
func Reason(err error, gz bool) string {
	var ce flate.CorruptInputError
	switch {
	case gz && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)):
		return "truncated gzip data"
	case errors.Is(err, gzip.ErrChecksum):
		return "corrupt gzip data: checksum mismatch"
	case errors.Is(err, gzip.ErrHeader):
		return "corrupt gzip data: invalid header"
	case errors.As(err, &ce):
		return fmt.Sprintf("corrupt gzip data at byte %d", int64(ce))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated data"
	}
	return reasonOf(err)
}

// reasonOf is the reason for an operating-system or network error, without the
// path or URL that the InputError names already.
func reasonOf(err error) string {
	var pe *fs.PathError
	var ue *url.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &ue):
		return ue.Err.Error()
	}
	return err.Error()
}

// oneLine keeps a reason on one line whatever an error's text holds.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// megabytes writes a size in MB of 2^20 bytes, as the limit is given; small
// limits (tests, a tight --max-bytes) in KB or bytes.
func megabytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func parseContentType(ct string) (mediaType, charsetLabel string) {
	if ct == "" {
		return "", ""
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		// Take what can be had from a sloppy header.
		mt, _, _ = strings.Cut(ct, ";")
		return strings.ToLower(strings.TrimSpace(mt)), ""
	}
	return mt, params["charset"]
}

func hintByType(mediaType string) kind {
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		return kindHTML
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
		"application/jsonlines", "application/x-jsonlines", "application/json-lines":
		return kindJSONL
	}
	return kindNone
}

// hintByName decides by extension (name already lower case, without ".gz").
func hintByName(name string) kind {
	switch {
	case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"), strings.HasSuffix(name, ".xhtml"):
		return kindHTML
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".ndjson"):
		return kindJSONL
	case strings.HasSuffix(name, ".json"):
		return kindJSON
	}
	return kindNone
}

// sniff decides by content: the first sniffLen bytes, complete when eof.
func sniff(p []byte, eof bool) kind {
	switch {
	case looksLikeJSONLines(p, eof): // first: records hold HTML
		return kindJSONL
	case looksLikeHTML(p):
		return kindHTML
	}
	return kindText
}

// trimStart drops a UTF-8 BOM and leading white space.
func trimStart(p []byte) []byte {
	return bytes.TrimLeft(bytes.TrimPrefix(p, bomUTF8), " \t\r\n\f\v")
}

// htmlWindow is how far into a document an HTML tag still makes it HTML.
const htmlWindow = 2 << 10

func looksLikeHTML(p []byte) bool {
	p = trimStart(p)
	if len(p) > htmlWindow {
		p = p[:htmlWindow]
	}
	if len(p) == 0 || p[0] != '<' {
		// Scraped text may carry a line of markup after a header; only tags count then.
		return hasTag(p, "p") || hasTag(p, "div") || hasTag(p, "article") || hasTag(p, "html")
	}
	lower := bytes.ToLower(p)
	for _, pre := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(lower, []byte(pre)) {
			return true
		}
	}
	return hasTag(p, "p") || hasTag(p, "div") || hasTag(p, "article") || hasTag(p, "html") ||
		hasTag(p, "body") || hasTag(p, "head")
}

// hasTag reports whether p holds the opening tag <name followed by '>', '/' or white space.
func hasTag(p []byte, name string) bool {
	for i := 0; i < len(p); {
		j := bytes.IndexByte(p[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		rest := p[i:]
		if len(rest) > len(name) && bytes.EqualFold(rest[:len(name)], []byte(name)) {
			switch rest[len(name)] {
			case '>', '/', ' ', '\t', '\n', '\r', '\f':
				return true
			}
		}
	}
	return false
}

// looksLikeJSONLines reports whether the first non-blank line is a JSON object with an
// "html" or "text" key. The line may be longer than p (an HTML page in a record): a
// well-formed start of an object that runs past p counts.
func looksLikeJSONLines(p []byte, eof bool) bool {
	p = trimStart(p)
	if len(p) == 0 || p[0] != '{' {
		return false
	}
	line, complete := p, eof
	if i := bytes.IndexByte(p, '\n'); i >= 0 {
		line, complete = p[:i], true
	}
	cut := func(err error) bool {
		return !complete && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF))
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if _, err := dec.Token(); err != nil {
		return false
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return cut(err)
		}
		key, ok := tok.(string)
		if !ok {
			return false // the object closed without the key
		}
		if key == "html" || key == "text" {
			return true
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return cut(err)
		}
	}
}

// IsBinary reports whether p is binary data, no text: a NUL byte, or more than
// one control byte in ten, in its first 8 KB.
func IsBinary(p []byte) bool {
	if len(p) > sniffLen {
		p = p[:sniffLen]
	}
	ctl := 0
	for _, c := range p {
		switch {
		case c == 0:
			return true
		case c == '\t', c == '\n', c == '\r', c == '\f', c == '\v':
		case c < 0x20, c == 0x7f:
			ctl++
		}
	}
	return ctl*10 > len(p)
}

// looksLikeText is for files without extension found in a folder: some text, in UTF-8.
func looksLikeText(p []byte, eof bool) bool {
	if len(bytes.TrimSpace(bytes.TrimPrefix(p, bomUTF8))) == 0 || IsBinary(p) {
		return false
	}
	if !eof {
		p = dropCutRune(p)
	}
	return utf8.Valid(p)
}

// dropCutRune removes a rune cut at the end of p by a read boundary.
func dropCutRune(p []byte) []byte {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				return p[:i]
			}
			break
		}
	}
	return p
}

// decodeText strips a UTF-8 BOM and decodes a declared charset; otherwise the text
// must be valid UTF-8.
func decodeText(data []byte, label string) ([]byte, string) {
	off := 0
	if bytes.HasPrefix(data, bomUTF8) {
		data, off = data[len(bomUTF8):], len(bomUTF8)
	}
	if label != "" {
		if enc, name := charset.Lookup(label); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(data); err == nil {
				return bytes.ToValidUTF8(out, []byte("\uFFFD")), ""
			}
		}
	}
	if i := invalidUTF8(data); i >= 0 {
		return nil, fmt.Sprintf("invalid UTF-8 at byte %d", off+i)
	}
	return data, ""
}

// invalidUTF8 is the offset of the first byte that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		c, n := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// decodeHTML finds the charset (BOM, then the HTTP header, then valid UTF-8, then the
// meta tag, else windows-1252) and decodes to UTF-8. Valid UTF-8 wins over the meta tag
// because saved pages are often re-encoded to UTF-8 and keep their old meta tag.
func decodeHTML(data []byte, label string, isUTF8 bool) []byte {
	if bytes.HasPrefix(data, bomUTF8) {
		return bytes.ToValidUTF8(data[len(bomUTF8):], []byte("\uFFFD"))
	}
	if isUTF8 {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if label != "" {
		if enc, name := charset.Lookup(label); enc != nil {
			// A server's default of a one-byte charset over a page written
			// in UTF-8 (its bytes valid UTF-8, letters beyond ASCII among
			// them: text in windows-1252 almost never is) is the page's
			// UTF-8: "GwÃ©naÃ«lle" is nobody's name.
			if name == "utf-8" || oneByteCharset(name) && utf8.Valid(data) && !asciiOnly(data) {
				return bytes.ToValidUTF8(data, []byte("\uFFFD"))
			}
			return decodeWith(enc.NewDecoder().Bytes, data)
		}
	}
	if utf8.Valid(data) {
		return data
	}
	enc, name, _ := charset.DetermineEncoding(data, "")
	if name == "utf-8" {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return decodeWith(enc.NewDecoder().Bytes, data)
}

// oneByteCharset reports whether a canonical charset name (as charset.Lookup
// gives it) is one of the one-byte Latin and Cyrillic ones.
func oneByteCharset(name string) bool {
	return strings.HasPrefix(name, "windows-125") || strings.HasPrefix(name, "iso-8859-") || strings.HasPrefix(name, "koi8") ||
		name == "macintosh"
}

// asciiOnly reports whether data holds no byte beyond ASCII.
func asciiOnly(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func decodeWith(dec func([]byte) ([]byte, error), data []byte) []byte {
	out, err := dec(data)
	if err != nil {
		out = data
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}
