//go:build unix

package source

import (
	"context"
	"os"
	"runtime"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// writerPoll is how often a named pipe with no writer yet is looked at again.
const writerPoll = 10 * time.Millisecond

// openInput opens a file named as an input without waiting on it: a named pipe
// opened for reading blocks in open(2) until a writer comes, for ever if none
// does, deaf to Ctrl-C. Opened non-blocking it returns at once; a pipe is then
// waited on until it has a writer, as cat(1) would, however late the writer
// comes ("whosaid extract pipe & producer > pipe"), or until one has come and
// gone without writing (then the pipe is empty), but only while ctx lives:
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
// came (the data is returned), a read of nothing that none holds it now. Then
// one may not have come yet, or have come and closed the pipe without writing
// ("true > pipe"): that is the end of the input, as it is for cat, and the pipe
// is an empty input, not waited on for ever. poll(2) tells the two apart on
// Linux, which reports a hang-up to a reader only once a writer has come since
// it opened the pipe; elsewhere a hang-up may mean no writer yet, and a writer
// that came and went without a byte is waited past, as before.
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
		case writerLeft(fd):
			return nil, nil // the next read, blocking, returns end of file at once
		}
		t.Reset(writerPoll)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// hangUpAfterWriter says whether a pipe's reader sees a hang-up only after a writer
// has come (Linux's pipe_poll: none for a reader that opened before any writer).
var hangUpAfterWriter = runtime.GOOS == "linux" || runtime.GOOS == "android"

// writerLeft reports whether the pipe fd, which has no writer now, had one since
// it was opened: a writer came and closed it.
func writerLeft(fd int) bool {
	if !hangUpAfterWriter {
		return false
	}
	p := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(p, 0)
		if err == unix.EINTR {
			continue
		}
		return err == nil && n > 0 && p[0].Revents&unix.POLLHUP != 0
	}
}
