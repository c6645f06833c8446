//go:build unix

package source

import (
	"context"
	"os"
	"syscall"
	"time"
)

// writerPoll is how often a named pipe with no writer yet is looked at again.
const writerPoll = 10 * time.Millisecond

// openInput opens a file named as an input without waiting on it: a named pipe
// opened for reading blocks in open(2) until a writer comes, for ever if none
// does, deaf to Ctrl-C. Opened non-blocking it returns at once; a pipe is then
// waited on until it has a writer, as cat(1) would, however late the writer
// comes ("whosaid extract pipe & producer > pipe"), but only while ctx lives:
// a cancelled ctx (Ctrl-C, a timeout) ends the wait with ctx's error. The
// descriptor is then made blocking again, so that the pipe is read whole, up to
// the writer's close. (Reads that wait on a writer are cut short by
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

// awaitWriter waits, until ctx is done, for the pipe fd, non-blocking, to have
// a writer: a read that would block says one holds it, a read of data that one
// came (the data is returned), a read of nothing that none holds it yet. (A
// writer that opens and closes the pipe without writing is not told from none.)
func awaitWriter(ctx context.Context, fd int) ([]byte, error) {
	buf := make([]byte, 4<<10)
	t := time.NewTimer(writerPoll)
	defer t.Stop()
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
		}
		t.Reset(writerPoll)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
