//go:build unix

package source

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadCancelFIFO: a named pipe (or /dev/fd/N of a shell's <(command)) that
// stalls does not hold Read once the context is cancelled.
func TestReadCancelFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "slow")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(p, os.O_WRONLY, 0) // blocks until Read opens it
		if err != nil {
			opened <- nil
			return
		}
		w.Write([]byte(story[:40]))
		opened <- w
	}()
	readUntilCancelled(t, []string{p}, Options{}, 0)
	if w := <-opened; w != nil {
		w.Close()
	}
}
