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

// Cancelable returns a reader of r whose Read returns ctx's error as soon as ctx
// is done (after Ctrl-C) instead of waiting for a slow pipe to deliver: for
// reading standard input, a named pipe or a shell's <(command) outside this
// package (whosaid import). A regular file, whose reads wait on no one, is
// returned as it is. Once a Read has returned ctx's error, the read it cut
// short finishes on its own goroutine and r must not be read again.
func Cancelable(ctx context.Context, r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return r
		}
	}
	// One slot: a goroutine whose result nobody takes (the context was done) can end.
	return &cancelReader{ctx: ctx, r: r, res: make(chan readResult, 1)}
}

// cancelable is Cancelable, as this package's readers call it.
func cancelable(ctx context.Context, r io.Reader) io.Reader { return Cancelable(ctx, r) }

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
