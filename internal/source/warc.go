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
	"net/url"
	"path"
	"slices"
	"strconv"
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
// member per record, as CC-NEWS writes it: in sees plain records either way), one record
// at a time, so memory does not grow with the file. Each record is named src#N, N its
// ordinal among all the file's records from 1. Only responses with HTTP status 200 and
// an HTML or text/plain payload become documents; other records are skipped.
//
// A broken record is reported in one line and reading goes on at the next record when
// it can be found: after a record whose Content-Length is missing or no length, or ends
// elsewhere than where the next record starts, at the next line that opens a record
// after an empty line (inside the bytes read as the record when its length ran past
// the next record's start); after a corrupt gzip member (gz, read member by member,
// each checked whole before any of its records is read), at the next member. Other
// broken records (a file cut short) end the file with one InputError; the records
// before it are delivered.
func (r *reader) warc(src string, in *bufio.Reader, gz *gunzip) error {
	// The library keeps each record's block in a buffer of 1 MiB in memory that spills to
	// a temporary file; it is released by Close before the next record is read.
	u := gowarc.NewUnmarshaler()
	var t warcTally
	isGz := gz != nil
	if isGz {
		gz.resumable = true
	}
	var tap *memberTap
	if isGz {
		tap = gz.tap()
	}
	// unverified is the first record read while a gzip member longer than gz.hold
	// was given as read, before its checksum; 0 when none; pagesBefore the pages
	// delivered before it.
	unverified, pagesBefore := 0, 0
	// wholeLost reports, in one line naming the file, a failure of such a member,
	// met after record last (its checksum, at its end, or data lost from there on).
	wholeLost := func(last int) error {
		gz.lostWhole = false
		from := max(unverified, 1)
		reason := fmt.Sprintf("%s at the end of a gzip member larger than %s, read as it came (a WARC gzipped whole is one)",
			r.reason(gz.last, true), megabytes(gz.hold))
		if !errors.Is(gz.last, gzip.ErrChecksum) {
			reason = fmt.Sprintf("%s after record #%d in a gzip member larger than %s, read as it came (a WARC gzipped whole is one): the rest of it is lost",
				r.reason(gz.last, true), last, megabytes(gz.hold))
		}
		if last >= from {
			reason += fmt.Sprintf(": the %d page(s) delivered from its records #%d–#%d are unverified", r.emitted-pagesBefore, from, last)
		}
		unverified = 0
		return r.fail(src, reason)
	}
	tr := &tailReader{r: in}
	br := bufio.NewReaderSize(tr, bufLen)
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		at := fmt.Sprintf("%s#%d", src, n)
		// memberLost says whether err is a gzip member's failure met while this record
		// was read; it reports the record lost and goes on at the next member: skip is
		// true, or Read stops with the error it returns.
		memberLost := func(err error) (skip bool, ferr error) {
			if !isGz || !errors.Is(err, errResumed) && !corruptGzip(err) {
				return false, nil
			}
			t.broken++
			if gz.lostWhole {
				ferr = wholeLost(n - 1)
			} else {
				var lost int
				lost, ferr = r.memberLost(src, n, gz, tap)
				n += lost - 1
			}
			if ferr != nil {
				return true, ferr
			}
			return true, afterMember(br, gz)
		}
		// resync goes on after record n, reported: at the next record's header, found
		// in the bytes read from start on or after them. A gzip member lost on the way
		// held the next record: it is reported in its turn. goOn is false when the
		// file ends here, and Read stops when err is not nil.
		resync := func(start int64) (goOn bool, err error) {
			if tr.backTo(br, start) {
				return true, nil
			}
			lost, err := resyncFrom(br, gz)
			if lost != nil {
				n++
				t.broken++
				if ferr := r.fail(fmt.Sprintf("%s#%d", src, n), r.reason(lost, true)); ferr != nil {
					return false, ferr
				}
			}
			if err != nil {
				return false, r.readFailed(fmt.Sprintf("%s#%d", src, n+1), err, isGz)
			}
			return true, nil
		}
		// misfit reports the record, whose Content-Length (clen) does not end where
		// the next record starts, and goes on after it.
		misfit := func(start, clen int64) (goOn bool, err error) {
			t.broken++
			reason := fmt.Sprintf("corrupt WARC: Content-Length %d does not end where the next record starts", clen)
			if tr.holdsRecord(br, start) {
				reason = fmt.Sprintf("corrupt WARC: Content-Length %d runs past the next record's start", clen)
			}
			if ferr := r.fail(at, reason); ferr != nil {
				return false, ferr
			}
			return resync(start)
		}
		more, err := atRecord(br)
		if err != nil {
			if isGz && gz.lostWhole && (errors.Is(err, errResumed) || corruptGzip(err)) {
				// Met before this record's first byte, in a member longer than the
				// size limit, given as read (a WARC file gzipped whole): the records
				// before were read before its checksum, which comes after them, was.
				// The file is named, not a record.
				if ferr := wholeLost(n - 1); ferr != nil {
					return ferr
				}
				if err := afterMember(br, gz); err != nil {
					return r.readFailed(at, err, isGz)
				}
				n--
				continue
			}
			if skip, err := memberLost(err); skip {
				if err != nil {
					return r.readFailed(at, err, isGz)
				}
				continue
			}
			if isGz && errors.Is(err, io.ErrUnexpectedEOF) && !gz.lostWhole {
				// A member cut short, checked whole before use: its records are lost.
				_, ferr := r.memberLost(src, n, gz, tap)
				return ferr
			}
			return r.readFailed(at, err, isGz)
		}
		if isGz {
			switch {
			case !gz.streamed:
				unverified = 0
			case unverified == 0:
				unverified, pagesBefore = n, r.emitted
			}
		}
		if !more {
			if n == 1 {
				return r.fail(src, "empty")
			}
			if t.pages == 0 && t.broken == 0 {
				return r.fail(src, "no page in its "+t.String(n-1))
			}
			return nil
		}
		start := tr.pos(br)
		if head, err := br.Peek(len(warcMagic)); !bytes.Equal(head, warcMagic) {
			if skip, err := memberLost(err); skip {
				if err != nil {
					return r.readFailed(at, err, isGz)
				}
				continue
			}
			if len(head) < len(warcMagic) && bytes.HasPrefix(warcMagic, head) {
				return r.fail(at, "truncated WARC record")
			}
			if n == 1 {
				return r.fail(src, "not a WARC file: no WARC/1.0 or WARC/1.1 header")
			}
			return r.fail(at, "corrupt WARC: no record header after the previous record")
		}
		header, long := peekHeader(br)
		if long {
			// Read the header whole; the library reads it again: it is given back,
			// before the rest of the file.
			h, err := readHeader(br)
			if err != nil {
				if cerr := r.ctx.Err(); cerr != nil {
					return cerr
				}
				if skip, err := memberLost(err); skip {
					if err != nil {
						return r.readFailed(at, err, isGz)
					}
					continue
				}
				return r.fail(at, r.warcReason(err, isGz))
			}
			header = h
			tr.giveBack(br, h)
			start = tr.pos(br)
		}
		if reason := lengthProblem(header); reason != "" {
			// The library would take the record's length as 0 and fail on its block, or
			// read to the end of the file: the next record is found by its header instead.
			t.broken++
			if ferr := r.fail(at, reason); ferr != nil {
				return ferr
			}
			if goOn, err := resync(-1); !goOn {
				return err
			}
			continue
		}
		// Where the block ends, the end-of-record marker must follow: else the
		// Content-Length is too small, or too large, and what follows the record
		// read is the rest of its block, or the next record's end. Seen ahead when
		// the record fits in br's buffer.
		var clen int64
		endSeen, short := false, false
		if header != nil {
			v, _ := contentLength(header)
			clen, _ = strconv.ParseInt(string(v), 10, 64)
			if end := int64(len(header)) + clen; end+4 <= bufLen {
				if p, _ := br.Peek(int(end) + 4); int64(len(p)) >= end {
					tail := p[end:]
					short = len(tail) > 0 && !bytes.HasPrefix(tail, []byte("\r\n")) && tail[0] != '\n'
					endSeen = !short
				}
			}
		}
		rec, _, validation, err := u.Unmarshal(br)
		if err != nil && short && !errors.Is(err, errResumed) && !corruptGzip(err) {
			// The library failed on the block its Content-Length cut short.
			if rec != nil {
				rec.Close()
			}
			if goOn, err := misfit(start, clen); !goOn {
				return err
			}
			continue
		}
		if err != nil {
			if rec != nil {
				rec.Close()
			}
			if cerr := r.ctx.Err(); cerr != nil {
				return cerr
			}
			if skip, err := memberLost(err); skip {
				if err != nil {
					return r.readFailed(at, err, isGz)
				}
				continue
			}
			if header != nil && tr.holdsRecord(br, start) {
				// Cut short by a length that ran past the next record.
				if goOn, err := misfit(start, clen); !goOn {
					return err
				}
				continue
			}
			return r.fail(at, r.warcReason(err, isGz))
		}
		if reason := broken(rec, validation, br); reason != "" {
			rec.Close()
			if header != nil && strings.HasPrefix(reason, "truncated WARC record:") && tr.holdsRecord(br, start) {
				if goOn, err := misfit(start, clen); !goOn {
					return err
				}
				continue
			}
			return r.fail(at, reason)
		}
		// A Content-Length 1 to 4 bytes too long ends inside the end-of-record
		// marker, which the next record's header follows: the block read ends
		// with the marker's first bytes, which are no part of the content.
		var over int64
		if header != nil {
			over = tr.overrun(br, start+int64(len(header))+clen)
			endSeen = endSeen || over > 0
		}
		if !endSeen && !nextIsRecord(br) {
			// The Content-Length ends inside the block (or past the next record's
			// start): what was read is not the record, and the record after it
			// starts further on (or in what was read).
			length, _ := rec.ContentLength()
			rec.Close()
			if goOn, err := misfit(start, length); !goOn {
				return err
			}
			continue
		}
		ferr := r.warcRecord(at, rec, over, &t)
		rec.Close()
		if ferr != nil {
			return ferr
		}
	}
}

// resyncFrom goes on after a record whose length is not known at the next record:
// see skipRecord. When a gzip member fails on the way, the next read is at the
// member after it, and lost is the member's error: the record it held is lost.
func resyncFrom(br *bufio.Reader, gz *gunzip) (lost, err error) {
	err = skipRecord(br)
	if gz == nil || err == nil || !gz.resumed && !gz.broken {
		return nil, err
	}
	return gz.last, afterMember(br, gz)
}

// tailReader keeps the last bytes read through it, so that reading can go back to
// the header of a record that a Content-Length too large read as its own block.
type tailReader struct {
	r      io.Reader
	tail   []byte // the last bytes read, up to 2*tailKeep; they end at pulled
	pulled int64  // the offset of the next byte to read
	back   []byte // bytes given back, read again before r's
}

// tailKeep is how far back a record's header is looked for: a Content-Length that
// runs further past the next record's start costs that record.
const tailKeep = 64 << 10

func (t *tailReader) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(t.back) > 0 {
		n = copy(p, t.back)
		t.back = t.back[n:]
	} else {
		n, err = t.r.Read(p)
	}
	if n > 0 {
		t.pulled += int64(n)
		t.tail = append(t.tail, p[:n]...)
		if len(t.tail) > 2*tailKeep {
			t.tail = t.tail[:copy(t.tail, t.tail[len(t.tail)-tailKeep:])]
		}
	}
	return n, err
}

// pos is the offset of br's next byte, br reading t.
func (t *tailReader) pos(br *bufio.Reader) int64 { return t.pulled - int64(br.Buffered()) }

// giveBack puts p, the bytes br last gave, and what br holds back before t's next
// bytes, so that br gives them again.
func (t *tailReader) giveBack(br *bufio.Reader, p []byte) {
	held, _ := br.Peek(br.Buffered())
	back := make([]byte, 0, len(p)+len(held)+len(t.back))
	back = append(append(append(back, p...), held...), t.back...)
	br.Discard(len(held))
	t.back = back
	t.pulled -= int64(len(p) + len(held))
	t.tail = t.tail[:max(len(t.tail)-len(p)-len(held), 0)]
}

// nextHeader is the offset of the first line that opens a WARC record after an
// empty line, in the bytes read after start (a record's first byte) and before br's
// next byte; -1 when there is none, or the bytes are no longer kept.
func (t *tailReader) nextHeader(br *bufio.Reader, start int64) int64 {
	if start < 0 {
		return -1
	}
	br.Peek(len("\nWARC/1.0\r\n")) // a header that starts in the bytes read is seen whole
	first := t.pulled - int64(len(t.tail))
	end := t.pos(br)
	from := max(start+1, first+2)
	for from < end {
		// A match's W is before end.
		i := bytes.Index(t.tail[from-first:min(end+int64(len("WARC/"))-1, t.pulled)-first], []byte("\nWARC/"))
		if i < 0 {
			return -1
		}
		at := from + int64(i) + 1 // the W
		k := at - 1 - first       // the newline
		if (t.tail[k-1] == '\n' || t.tail[k-1] == '\r' && k >= 2 && t.tail[k-2] == '\n') && looksLikeWARC(t.tail[at-first:]) {
			return at
		}
		from = at
	}
	return -1
}

// holdsRecord reports whether the bytes read after start hold the next record's header.
func (t *tailReader) holdsRecord(br *bufio.Reader, start int64) bool {
	return t.nextHeader(br, start) >= 0
}

// backTo makes br read on at the first record's header in the bytes read after
// start, and reports whether there is one.
func (t *tailReader) backTo(br *bufio.Reader, start int64) bool {
	at := t.nextHeader(br, start)
	if at < 0 {
		return false
	}
	end := t.pos(br)
	first := t.pulled - int64(len(t.tail))
	t.giveBack(br, t.tail[at-first:end-first])
	return true
}

// overrun is how many bytes, 1 to 4, of the end-of-record marker (CRLF CRLF) the
// block that ends at blockEnd took because its Content-Length was too long: the
// block ends with the marker's first bytes, its rest follows, and then the next
// record's header or the end of the input. 0 when the block is not so followed.
// (A block that ends with CR LF and lacks part of its marker is read the same: it
// loses only those line ends.)
func (t *tailReader) overrun(br *bufio.Reader, blockEnd int64) int64 {
	const marker = "\r\n\r\n"
	pos := t.pos(br)
	br.Peek(len(marker) + len("WARC/1.0\r\n")) // what follows is in the tail
	first := t.pulled - int64(len(t.tail))
	if blockEnd-int64(len(marker)) < first || pos < blockEnd || blockEnd > t.pulled {
		return 0
	}
	last, after := t.tail[blockEnd-int64(len(marker))-first:blockEnd-first], t.tail[blockEnd-first:]
	a := 0
	for a < len(after) && a < len(marker) && (after[a] == '\r' || after[a] == '\n') {
		a++
	}
	k := len(marker) - a
	if k == 0 || pos > blockEnd+int64(a) || string(last[len(last)-k:]) != marker[:k] || string(after[:a]) != marker[k:] {
		return 0
	}
	if rest := after[a:]; len(rest) > 0 && !looksLikeWARC(rest) {
		return 0
	}
	return int64(k)
}

// afterMember drops what br holds of a gzip member that failed, up to the next
// member, where the next read starts: nil there, or at the end of the input.
func afterMember(br *bufio.Reader, gz *gunzip) error {
	for {
		br.Discard(br.Buffered())
		if _, err := br.Peek(1); err != nil {
			switch {
			case errors.Is(err, errResumed):
				gz.ack()
				return nil
			case err == io.EOF:
				return nil
			}
			return err
		}
	}
}

// nextIsRecord reports whether br, just after a record, is where the next record
// starts (after blank lines), or at the end of the input. A read error counts as
// yes: the next read reports it.
func nextIsRecord(br *bufio.Reader) bool {
	for n := 0; ; {
		p, err := br.Peek(n + len(warcMagic))
		for n < len(p) && (p[n] == '\r' || p[n] == '\n') {
			n++
		}
		if n < len(p) {
			rest := p[n:]
			// A record cut in its first bytes is the next round's to report.
			return bytes.HasPrefix(rest, warcMagic) || len(rest) < len(warcMagic) && bytes.HasPrefix(warcMagic, rest)
		}
		if err != nil {
			return true
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

// lengthProblem is the reason a record's header has no usable Content-Length; "" when
// it has one, or when header is nil (the input ends in it: the library says so).
func lengthProblem(header []byte) string {
	if header == nil {
		return ""
	}
	v, ok := contentLength(header)
	if !ok {
		return "no Content-Length"
	}
	if !validLength(v) {
		return fmt.Sprintf("bad Content-Length %q", clip(string(v), 40))
	}
	return ""
}

// validLength reports whether v is a length the library reads: an int64, not negative.
func validLength(v []byte) bool {
	if len(v) > 0 && len(v) < 19 && bytes.IndexFunc(v, func(c rune) bool { return c < '0' || c > '9' }) < 0 {
		return true // the usual case, without allocating
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	return err == nil && n >= 0
}

// peekHeader returns the WARC header at br's start up to and with its empty line,
// without consuming it, reading no more than it needs. It is nil when the input ends
// first, or when the header is longer than br's buffer: then long is true.
func peekHeader(br *bufio.Reader) (header []byte, long bool) {
	for n := max(br.Buffered(), 1); ; {
		p, err := br.Peek(n)
		if i := headerEnd(p); i >= 0 {
			return p[:i], false
		}
		if err != nil {
			return nil, errors.Is(err, bufio.ErrBufferFull)
		}
		n = len(p) + 1
	}
}

// maxHeader bounds a WARC record's header; real ones are well under a kilobyte.
const maxHeader = 1 << 20

// readHeader consumes the WARC header at br's start up to and with its empty line.
func readHeader(br *bufio.Reader) ([]byte, error) {
	var h []byte
	for start := true; ; { // at a line's start
		line, err := br.ReadSlice('\n')
		h = append(h, line...)
		if len(h) > maxHeader {
			return nil, errors.New("corrupt WARC: record header longer than " + megabytes(maxHeader))
		}
		switch {
		case err == nil:
			if start && (len(line) == 1 || len(line) == 2 && line[0] == '\r') {
				return h, nil
			}
			start = true
		case errors.Is(err, bufio.ErrBufferFull):
			start = false
		case err == io.EOF:
			return nil, io.ErrUnexpectedEOF
		default:
			return nil, err
		}
	}
}

// headerEnd is the offset after the first empty line of p (CRLF or a bare LF), or -1.
func headerEnd(p []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(p[i:], '\n')
		if j < 0 {
			return -1
		}
		line := p[i : i+j]
		i += j + 1
		if len(line) == 0 || len(line) == 1 && line[0] == '\r' {
			return i
		}
	}
}

// contentLength is the raw value of a WARC header's first Content-Length field, as the
// library reads it: trimmed, with its continuation lines joined by a space.
func contentLength(header []byte) ([]byte, bool) {
	var v []byte
	found := false
	for i, rest := 0, header; len(rest) > 0; i++ {
		line := rest
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = nil
		}
		switch {
		case i == 0: // WARC/1.x
		case found && isContinuation(line):
			// v[:len(v):len(v)] makes append copy: v is in the reader's buffer.
			v = append(append(v[:len(v):len(v)], ' '), bytes.Trim(line, " \t\r")...)
		case found:
			return v, true
		default:
			name, value, ok := bytes.Cut(line, []byte(":"))
			if ok && !isContinuation(line) && bytes.EqualFold(bytes.Trim(name, " \t"), []byte(gowarc.ContentLength)) {
				v, found = bytes.Trim(value, " \t\r"), true
			}
		}
	}
	return v, found
}

func isContinuation(line []byte) bool {
	return len(line) > 0 && (line[0] == ' ' || line[0] == '\t')
}

// clip shortens s to about n bytes for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// skipRecord consumes the record at br's start, whose length is not known: up to the
// next line that opens a WARC record after an empty line, or to the end of the input.
// A block that holds such a line itself (a WARC inside a record) ends the skip early;
// what follows is then read as records.
func skipRecord(br *bufio.Reader) error {
	start, blank := true, false // at a line's start; the line before was empty
	for {
		if start && blank {
			if p, _ := br.Peek(len("WARC/1.0\r\n")); looksLikeWARC(p) {
				return nil
			}
		}
		line, err := br.ReadSlice('\n')
		switch {
		case err == nil:
			blank = start && (len(line) == 1 || len(line) == 2 && line[0] == '\r')
			start = true
		case errors.Is(err, bufio.ErrBufferFull):
			start, blank = false, false
		case err == io.EOF:
			return nil
		default:
			return err
		}
	}
}

// broken is the reason a record parsed leniently cannot be trusted: the library
// reports a missing Content-Length or fewer bytes than it says as warnings only.
// A missing end-of-record marker is let pass: the content is whole. (lengthProblem
// has caught a bad Content-Length before; this guards against reading it otherwise.)
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

// wellKnownFile reports whether a URI names one of the plain-text files a
// crawler fetches that are no pages (robots.txt, ads.txt, security.txt …).
func wellKnownFile(uri string) bool {
	uri = strings.TrimSuffix(strings.TrimPrefix(uri, "<"), ">")
	if u, err := url.Parse(uri); err == nil {
		uri = u.Path
	}
	switch strings.ToLower(path.Base(uri)) {
	case "robots.txt", "ads.txt", "app-ads.txt", "sellers.json", "security.txt", "humans.txt", "llms.txt", "sitemap.txt":
		return true
	}
	return false
}

// warcRecord turns one record into a document when it is a page: its payload decoded
// from the HTTP transfer and content encodings and from its charset. The block's
// last over bytes are not the record's (see overrun).
func (r *reader) warcRecord(at string, rec gowarc.WarcRecord, over int64, t *warcTally) error {
	if rec.Type() != gowarc.Response {
		t.other++
		return nil
	}
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok || blk.HttpHeader() == nil {
		t.other++
		return nil
	}
	if code := blk.HttpStatusCode(); code != http.StatusOK {
		if t.status == nil {
			t.status = map[int]int{}
		}
		t.status[code]++
		return nil
	}
	h := *blk.HttpHeader()
	mediaType, label := parseContentType(h.Get("Content-Type"))
	var format Format
	switch {
	case hintByType(mediaType) == kindHTML:
		format = HTML
	case mediaType == "text/plain" && !wellKnownFile(rec.WarcHeader().Get(gowarc.WarcTargetURI)):
		format = Text
	default:
		t.notPage++
		return nil
	}
	t.pages++
	payload, err := blk.PayloadBytes()
	if err != nil {
		return r.fail(at, reasonOf(err))
	}
	if n, err := rec.ContentLength(); over > 0 && err == nil {
		payload = io.LimitReader(payload, max(n-int64(len(blk.ProtocolHeaderBytes()))-over, 0))
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

// warcTally counts what a WARC file's records were, to say why none was a page.
type warcTally struct {
	pages, broken  int // records of pages (delivered, or failed and said so); records skipped for their length
	other, notPage int // records not HTTP responses; responses neither HTML nor text
	status         map[int]int
}

// String says what n records were: "3 record(s): 1 not an HTTP response, 2
// responses with HTTP status 404".
func (t *warcTally) String(n int) string {
	var parts []string
	if t.other > 0 {
		parts = append(parts, fmt.Sprintf("%d not an HTTP response", t.other))
	}
	if t.notPage > 0 {
		parts = append(parts, fmt.Sprintf("%d response(s) neither HTML nor text", t.notPage))
	}
	codes := make([]int, 0, len(t.status))
	for c := range t.status {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d response(s) with HTTP status %d", t.status[c], c))
	}
	return fmt.Sprintf("%d record(s): %s", n, strings.Join(parts, ", "))
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

// memberKeep bounds the compressed bytes a memberTap keeps: a gzip member that
// fails, when longer, is reported in one line, its records unnamed.
const memberKeep = 4 << 20

// memberTap sits under a gunzip's rewinder, where each compressed byte passes once,
// in order, and keeps the last ones read, so that a member that failed can be
// decompressed again, as far as it goes, to name the records it held. Its offsets
// count the bytes read through it.
type memberTap struct {
	r     io.Reader
	keep  int
	buf   []byte // the last bytes read, up to 2*keep; they end at total
	total int64
}

// tap puts a memberTap under g's rewinder, once, and returns it. It keeps the
// bytes from the current member's start on when the rewinder has them, else from
// what g reads next: a member that failed before is not found in it. (Called as
// soon as g is made, it would find every member; the WARC reader calls it when it
// starts, after the first kilobytes were read to tell what the file is.)
func (g *gunzip) tap() *memberTap {
	if m, ok := g.rw.r.(*memberTap); ok {
		return m
	}
	m := &memberTap{r: g.rw.r, keep: int(min(max(g.hold, 1<<20), memberKeep))}
	if g.rw.on && len(g.rw.rec) > 0 {
		m.buf = append(m.buf, g.rw.rec...)
	} else {
		held, _ := g.raw.Peek(g.raw.Buffered())
		m.buf = append(m.buf, held...)
	}
	m.buf = append(m.buf, g.rw.back...)
	m.total = int64(len(m.buf))
	g.rw.r = m
	return m
}

func (m *memberTap) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	if n > 0 {
		m.total += int64(n)
		m.buf = append(m.buf, p[:n]...)
		if len(m.buf) > 2*m.keep {
			m.buf = m.buf[:copy(m.buf, m.buf[len(m.buf)-m.keep:])]
		}
	}
	return n, err
}

// failedMember is what the member gz last failed on decompresses to, as far as
// it goes (the whole of it when its checksum failed), and whether that is the
// member whole; nil when the member is not found whole in what tap keeps. The
// gunzip has then read no more than the next member's header: when the member
// was corrupt, it looked for the next one from the failed one's second byte on,
// and stopped at the first gzip header that reads; so the failed member starts
// at the last such header before that one (or before the end of the input), and
// must fail again.
func failedMember(gz *gunzip, tap *memberTap) (data []byte, whole bool) {
	if tap == nil {
		return nil, false
	}
	first := tap.total - int64(len(tap.buf))
	at := tap.total - int64(len(gz.rw.back)) - int64(gz.raw.Buffered()) // raw's next byte
	if at < first || at > tap.total {
		return nil, false
	}
	w := tap.buf[:at-first]
	// header reports whether a gzip header that reads starts at i, and its length.
	header := func(i int) (int, bool) {
		if len(w)-i < 10 || w[i+3]&reservedFlags != 0 {
			return 0, false
		}
		br := bytes.NewReader(w[i:])
		if _, err := gzip.NewReader(br); err != nil {
			return 0, false
		}
		return len(w) - i - br.Len(), true
	}
	magic := []byte{0x1f, 0x8b, 8}
	end := len(w)
	if !errors.Is(gz.last, io.ErrUnexpectedEOF) {
		// The next member's header ends at raw's next byte, unless the input ended.
		for i := bytes.LastIndex(w, magic); i >= 0 && len(w)-i <= 1<<16; i = bytes.LastIndex(w[:i], magic) {
			if n, ok := header(i); ok && i+n == len(w) {
				end = i
				break
			}
		}
	}
	start := -1
	for i := bytes.LastIndex(w[:end], magic); i >= 0; i = bytes.LastIndex(w[:i], magic) {
		if _, ok := header(i); ok {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(tap.buf[start:]))
	if err != nil {
		return nil, false
	}
	zr.Multistream(false)
	var b bytes.Buffer
	_, err = b.ReadFrom(io.LimitReader(zr, gz.hold+1))
	if err == nil || int64(b.Len()) > gz.hold || !corruptGzip(err) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, false // it reads whole: not the member that failed
	}
	return b.Bytes(), errors.Is(err, gzip.ErrChecksum)
}

// memberLost reports the records of the gzip member gz last failed on, of which
// none was given (it was checked whole first), one line each, numbered from n,
// naming each by its WARC-Target-URI, its record id, or its offset in the
// member; it returns how many numbers it used. When the records cannot be
// found (the member is too long, or broken from its start), the member is one
// line, numbered n.
//
// No record of such a member is delivered, even one that reads whole before the
// damage: the checksum covers the member, not a record, so it does not say where
// the damage is (a changed byte may be in a record's header, which no digest
// covers); and data decompressed before a corrupt spot is detected may already
// be wrong.
func (r *reader) memberLost(src string, n int, gz *gunzip, tap *memberTap) (int, error) {
	reason := r.reason(gz.last, true)
	data, whole := failedMember(gz, tap)
	names := recordNames(data)
	if len(names) == 0 {
		return 1, r.fail(fmt.Sprintf("%s#%d", src, n), reason)
	}
	of := fmt.Sprintf("of %d in its gzip member", len(names))
	switch {
	case whole:
	case errors.Is(gz.last, io.ErrUnexpectedEOF):
		of = fmt.Sprintf("of the %d found in its gzip member before it was cut", len(names))
	default:
		of = fmt.Sprintf("of the %d found in its gzip member before the damage", len(names))
	}
	for i, name := range names {
		if ferr := r.fail(fmt.Sprintf("%s#%d", src, n+i), fmt.Sprintf("%s (record %d %s: %s)", reason, i+1, of, name)); ferr != nil {
			return i + 1, ferr
		}
	}
	return len(names), nil
}

// recordNames names the WARC records that data, a gzip member's content as far as
// it was read, holds or starts: by WARC-Target-URI, else WARC-Record-ID, else
// "the record at byte N of its gzip member".
func recordNames(data []byte) []string {
	var names []string
	for at := 0; ; {
		for at < len(data) && (data[at] == '\r' || data[at] == '\n') {
			at++
		}
		if at >= len(data) || !bytes.HasPrefix(data[at:], warcMagic) {
			return names
		}
		rest := data[at:]
		end := headerEnd(rest)
		header := rest
		if end >= 0 {
			header = rest[:end]
		}
		name := fmt.Sprintf("the record at byte %d of its gzip member", at)
		var uri, id string
		length := int64(-1)
		for line := range bytes.Lines(header) {
			k, v, ok := bytes.Cut(line, []byte(":"))
			if !ok {
				continue
			}
			v = bytes.TrimSpace(v)
			switch {
			case bytes.EqualFold(bytes.TrimSpace(k), []byte(gowarc.WarcTargetURI)):
				uri = string(bytes.TrimSuffix(bytes.TrimPrefix(v, []byte("<")), []byte(">")))
			case bytes.EqualFold(bytes.TrimSpace(k), []byte(gowarc.WarcRecordID)):
				id = string(v)
			case bytes.EqualFold(bytes.TrimSpace(k), []byte(gowarc.ContentLength)):
				if l, err := strconv.ParseInt(string(v), 10, 64); err == nil && l >= 0 {
					length = l
				}
			}
		}
		switch {
		case uri != "":
			name = clip(uri, 200)
		case id != "":
			name = clip(id, 200)
		}
		names = append(names, name)
		if end < 0 || length < 0 || int64(len(rest)-end) < length {
			return names
		}
		at += end + int(length)
	}
}
