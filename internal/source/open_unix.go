//go:build unix

package source

import (
	"context"
	"os"
	"syscall"
	"time"
)

// writerGrace is how long a named pipe with no writer is waited on before it
// reads as empty: the writer a shell starts beside whosaid ("cmd > pipe &")
// may open its end a moment after whosaid opens its own.
const writerGrace = time.Second

// openInput opens a file named as an input without waiting on it: a named pipe
// opened for reading blocks in open(2) until a writer comes, for ever if none
// does, deaf to Ctrl-C. Opened non-blocking it returns at once; a pipe is then
// given writerGrace to have a writer, and the descriptor is made blocking again,
// so that a pipe with a writer is read whole, up to the writer's close, and one
// without reads as empty. (Reads that wait on a writer are cut short by
// cancelReader.) head is what the wait for a writer read of the pipe's content.
func openInput(ctx context.Context, p string) (f *os.File, head []byte, err error) {
	var fd int
	for {
		fd, err = syscall.Open(p, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFIFO {
		if head, err = awaitWriter(ctx, fd); err != nil {
			syscall.Close(fd)
			return nil, nil, err
		}
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return nil, nil, &os.PathError{Op: "fcntl", Path: p, Err: err}
	}
	// A blocking descriptor: os.NewFile leaves it out of the runtime's poller,
	// and Close does not wait for a read left blocked on it.
	return os.NewFile(uintptr(fd), p), head, nil
}

// awaitWriter waits up to writerGrace for the pipe fd, non-blocking, to have a
// writer: a read that would block says one holds it, a read of data that one
// came (the data is returned), a read of nothing that none holds it yet.
func awaitWriter(ctx context.Context, fd int) ([]byte, error) {
	buf := make([]byte, 4<<10)
	deadline := time.Now().Add(writerGrace)
	for {
		n, err := syscall.Read(fd, buf)
		switch {
		case n > 0:
			return buf[:n], nil
		case err == syscall.EAGAIN:
			return nil, nil
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, err
		case time.Now().After(deadline):
			return nil, nil
		}
		t := time.NewTimer(10 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
