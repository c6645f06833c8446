package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
	"slices"
)

// errResumed is what a gunzip reader returns, until resumed is acknowledged,
// after it has skipped from a corrupt member to the next one: the data read
// before it came from before the cut, the data after it from the next member.
var errResumed = errors.New("source: gzip member skipped")

// gunzip decompresses a gzip file member by member (gzip.Reader's multistream,
// done here) so that data after the last member that is not gzip ends the
// stream (trailing is set) instead of failing it, and, once resumable is set (a
// WARC file gzipped record by record), so that a corrupt member costs its own
// records only: after the member's error, the next Read skips to the next
// member and returns errResumed. A resumable stream's member of up to hold bytes
// is decompressed whole, and its checksum checked, before any of it is given: a
// corrupt member gives nothing, so that no record is read from it. (A longer
// member, a WARC file gzipped whole, is given as it is read.) The stream is
// resumable from the start when its first bytes open a WARC file.
type gunzip struct {
	raw       *bufio.Reader // the compressed stream: gzip reads no further than a member's end
	rw        *rewinder     // under raw
	zr        *gzip.Reader
	err       error // sticky: the stream's end, or an error when not resumable
	trailing  bool  // data that is no gzip member followed the last member
	resumable bool
	broken    bool   // the current member failed; the next Read skips it
	resumed   bool   // a member was skipped; Read returns errResumed until ack
	junk      bool   // what follows a whole member is not gzip
	failures  int    // members that failed
	last      error  // the last member's error
	hold      int64  // resumable: the largest member read whole before it is given; 0: none
	pend      []byte // the current member read ahead; from pos on, not yet given
	pos       int
	pendEnd   bool // pend holds the rest of its member, which ended whole
	streamed  bool // the current member is given as it is read: longer than hold, or not resumable
	sniffed   bool // the stream's first bytes were looked at
	lostWhole bool // the last member that failed was given as read: some of it was given
}

// newGunzip reads the first member's header from raw.
func newGunzip(raw *bufio.Reader) (*gunzip, error) {
	g := &gunzip{rw: &rewinder{r: raw, limit: 1 << 20}}
	g.raw = bufio.NewReaderSize(g.rw, bufLen)
	g.rw.mark(g.raw)
	zr, err := gzip.NewReader(g.raw)
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	g.zr = zr
	return g, nil
}

// rewinder keeps the compressed bytes read since a member's start, up to limit,
// so that the next member can be looked for from the start of one that failed:
// a corrupt member's data may have been read as its own past its end.
type rewinder struct {
	r     io.Reader
	limit int
	rec   []byte // the bytes read since the mark, when on
	on    bool
	back  []byte // bytes given back, read again before r's
}

func (w *rewinder) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(w.back) > 0 {
		n = copy(p, w.back)
		w.back = w.back[n:]
	} else {
		n, err = w.r.Read(p)
	}
	if w.on {
		if len(w.rec)+n > w.limit {
			w.on, w.rec = false, w.rec[:0]
		} else {
			w.rec = append(w.rec, p[:n]...)
		}
	}
	return n, err
}

// mark starts keeping bytes at in's next byte, in reading w.
func (w *rewinder) mark(in *bufio.Reader) {
	held, _ := in.Peek(in.Buffered())
	w.rec, w.on = append(w.rec[:0], held...), true
}

// rewind makes in, reading w, read again from the byte after the mark; false when
// the bytes since the mark were not all kept.
func (w *rewinder) rewind(in *bufio.Reader) bool {
	if !w.on || len(w.rec) == 0 {
		return false
	}
	in.Discard(in.Buffered())
	w.back = append(bytes.Clone(w.rec[1:]), w.back...)
	w.on, w.rec = false, w.rec[:0]
	return true
}

func (g *gunzip) Read(p []byte) (int, error) {
	for {
		if g.pos < len(g.pend) {
			n := copy(p, g.pend[g.pos:])
			g.pos += n
			return n, nil
		}
		switch {
		case g.resumed:
			return 0, errResumed
		case g.err != nil:
			return 0, g.err
		case g.broken && !g.resumable:
			return 0, g.last
		case g.broken:
			// The member failed: its record is lost, even when no member follows.
			// The next member is looked for from the failed one's start on.
			g.broken = false
			g.rw.rewind(g.raw)
			if err := g.skip(); err != nil {
				g.err = err
			}
			g.resumed = true
			return 0, errResumed
		case g.junk && !g.resumable:
			g.trailing = true
			return 0, io.EOF
		case g.junk:
			// Not gzip between members: a corrupt member's start, or trailing data.
			g.junk, g.trailing = false, false
			if err := g.skip(); err != nil {
				g.trailing = err == io.EOF
				g.err = err
				return 0, err
			}
			g.failures++
			g.last = gzip.ErrHeader
			g.resumed = true
			return 0, errResumed
		case g.pendEnd:
			// pend, given, was its member whole.
			g.pendEnd = false
			g.pend, g.pos = g.pend[:0], 0
			if err := g.next(); err != nil {
				if err == io.EOF {
					g.err = err
					return 0, err
				}
				return 0, g.fail(err)
			}
			continue
		case g.hold > 0 && !g.sniffed:
			g.sniff()
			continue
		case g.hold > 0 && g.resumable && !g.streamed:
			g.fill()
			continue
		}
		n, err := g.zr.Read(p)
		switch {
		case err == io.EOF:
			// The member ended whole (its checksum and size checked).
			g.streamed = false
			if err := g.next(); err != nil {
				if err == io.EOF {
					g.err = err
					return n, err
				}
				return n, g.fail(err)
			}
		case err != nil:
			return n, g.fail(err)
		}
		if n > 0 || len(p) == 0 {
			return n, nil
		}
	}
}

// sniff reads the stream's first bytes ahead: when they open a WARC file, the
// stream is resumable from its first member on.
func (g *gunzip) sniff() {
	g.sniffed = true
	var b [16]byte
	n := 0
	var err error
	for n < 10 && err == nil {
		var m int
		m, err = g.zr.Read(b[n:])
		n += m
	}
	g.pend, g.pos = append(g.pend[:0], b[:n]...), 0
	if looksLikeWARC(g.pend) {
		g.resumable = true
	} else if !g.resumable {
		g.rw.on, g.rw.rec = false, nil
	}
	switch {
	case err == io.EOF:
		g.pendEnd = true
	case err != nil && g.resumable:
		g.pend = g.pend[:0]
		g.fail(err)
	case err != nil:
		g.fail(err) // pend is given first
	case !g.resumable:
		g.streamed = true
	}
}

// fill reads the current member ahead, after what pend holds, to its end (pendEnd:
// its checksum and size checked) or up to hold bytes (streamed: the rest is given as
// read). When the member fails, none of it is given.
func (g *gunzip) fill() {
	for {
		if int64(len(g.pend)) > g.hold {
			g.streamed = true
			return
		}
		if len(g.pend) == cap(g.pend) {
			g.pend = slices.Grow(g.pend, 64<<10)
		}
		n, err := g.zr.Read(g.pend[len(g.pend):cap(g.pend)])
		g.pend = g.pend[:len(g.pend)+n]
		switch {
		case err == io.EOF:
			g.pendEnd = true
			return
		case err != nil:
			g.pend, g.pos = g.pend[:0], 0
			g.fail(err)
			return
		}
	}
}

// fail records a member's error: a corrupt member is skipped by the next Read
// once resumable is set, and stays an error until then; other errors (a stream cut
// short) stay.
func (g *gunzip) fail(err error) error {
	g.failures++
	g.last = err
	g.lostWhole = g.streamed && g.resumable
	if corruptGzip(err) {
		g.broken = true
	} else {
		g.err = err
	}
	return err
}

// next starts the member after a whole one: io.EOF when none follows, or when
// what follows is not gzip (junk is set: trailing data, or a corrupt member).
func (g *gunzip) next() error {
	head, _ := g.raw.Peek(2)
	switch {
	case len(head) == 0:
		return io.EOF
	case len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b:
		if h, _ := g.raw.Peek(4); len(h) == 4 && h[3]&reservedFlags != 0 {
			return gzip.ErrHeader // before the header's fields are read as what they are not
		}
		g.markMember()
		if err := g.zr.Reset(g.raw); err != nil {
			if g.resumable && (err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)) {
				// A header whose flags were changed reads on as fields: the member
				// is corrupt, and the next one is looked for after its start.
				return gzip.ErrHeader
			}
			return err
		}
		g.zr.Multistream(false)
		return nil
	}
	g.junk = true
	return nil
}

// reservedFlags are the bits of a gzip header's FLG byte that must be 0 (RFC 1952).
const reservedFlags = 0xe0

// skip finds the next member after a corrupt one: the next gzip magic whose
// header reads. io.EOF when there is none.
func (g *gunzip) skip() error {
	magic := []byte{0x1f, 0x8b, 8}
	for {
		if p, err := g.raw.Peek(len(magic)); len(p) < len(magic) {
			g.raw.Discard(len(p))
			if err == nil || err == bufio.ErrBufferFull {
				err = io.EOF
			}
			return err
		}
		buf, _ := g.raw.Peek(g.raw.Buffered())
		i := bytes.Index(buf, magic)
		if i < 0 {
			g.raw.Discard(len(buf) - (len(magic) - 1)) // a magic may start in the last bytes
			continue
		}
		g.raw.Discard(i)
		if h, _ := g.raw.Peek(4); len(h) == 4 && h[3]&reservedFlags != 0 {
			g.raw.Discard(1)
			continue
		}
		g.markMember()
		if err := g.zr.Reset(g.raw); err == nil {
			g.zr.Multistream(false)
			return nil
		}
		// Not a member after all: its header was read and found bad; look further on.
	}
}

// markMember notes that a member starts at raw's next byte, when a failed member
// may be read again (a resumable stream, or one not yet sniffed).
func (g *gunzip) markMember() {
	if g.resumable || !g.sniffed {
		g.rw.limit = int(max(g.hold, 1<<20))
		g.rw.mark(g.raw)
	} else {
		g.rw.on, g.rw.rec = false, g.rw.rec[:0]
	}
}

// ack acknowledges errResumed: Read gives the next member's data.
func (g *gunzip) ack() { g.resumed = false }

// corruptGzip reports whether err says a member's data is corrupt (not cut short).
func corruptGzip(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}
