package source

import (
	"context"
	"io"
	"os"
)

// cancelReader reads r on another goroutine so that a Read waiting on a slow pipe
// (standard input, a named pipe, a shell's <(command)) returns ctx's error as soon as
// ctx is done, as after Ctrl-C, instead of when the pipe next delivers. A read cut
// short is left to finish on its goroutine, which then ends; r is not read again.
type cancelReader struct {
	ctx context.Context
	r   io.Reader
	buf []byte // the goroutine's buffer: p may not be written after Read returns
	res chan readResult
}

type readResult struct {
	n   int
	err error
}

// cancelable wraps r in a cancelReader unless it is a regular file, whose reads do
// not wait on anyone.
func cancelable(ctx context.Context, r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return r
		}
	}
	// One slot: a goroutine whose result nobody takes (the context was done) can end.
	return &cancelReader{ctx: ctx, r: r, res: make(chan readResult, 1)}
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	go func() {
		n, err := c.r.Read(buf)
		c.res <- readResult{n, err}
	}()
	select {
	case res := <-c.res:
		return copy(p, buf[:res.n]), res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
