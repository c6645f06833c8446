package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
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
// member and returns errResumed.
type gunzip struct {
	raw       *bufio.Reader // the compressed stream: gzip reads no further than a member's end
	zr        *gzip.Reader
	err       error // sticky: the stream's end, or an error when not resumable
	trailing  bool  // data that is no gzip member followed the last member
	resumable bool
	broken    bool  // the current member failed; the next Read skips it
	resumed   bool  // a member was skipped; Read returns errResumed until ack
	junk      bool  // what follows a whole member is not gzip
	failures  int   // members that failed
	last      error // the last member's error
}

// newGunzip reads the first member's header from raw.
func newGunzip(raw *bufio.Reader) (*gunzip, error) {
	zr, err := gzip.NewReader(raw)
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	return &gunzip{raw: raw, zr: zr}, nil
}

func (g *gunzip) Read(p []byte) (int, error) {
	for {
		switch {
		case g.resumed:
			return 0, errResumed
		case g.err != nil:
			return 0, g.err
		case g.broken && !g.resumable:
			return 0, g.last
		case g.broken:
			// The member failed: its record is lost, even when no member follows.
			g.broken = false
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
		}
		n, err := g.zr.Read(p)
		switch {
		case err == io.EOF:
			// The member ended whole (its checksum and size checked).
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

// fail records a member's error: a corrupt member is skipped by the next Read
// once resumable is set, and stays an error until then; other errors (a stream cut
// short) stay.
func (g *gunzip) fail(err error) error {
	g.failures++
	g.last = err
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
		if err := g.zr.Reset(g.raw); err != nil {
			return err
		}
		g.zr.Multistream(false)
		return nil
	}
	g.junk = true
	return nil
}

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
		if err := g.zr.Reset(g.raw); err == nil {
			g.zr.Multistream(false)
			return nil
		}
		// Not a member after all: its header was read and found bad; look further on.
	}
}

// ack acknowledges errResumed: Read gives the next member's data.
func (g *gunzip) ack() { g.resumed = false }

// corruptGzip reports whether err says a member's data is corrupt (not cut short).
func corruptGzip(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}
