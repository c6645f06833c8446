//go:build unix

package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// readWithin is readAll that fails the test, instead of hanging, when Read takes
// longer than d.
func readWithin(t *testing.T, d time.Duration, inputs []string) []got {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan []got, 1)
	go func() {
		var out []got
		Read(ctx, inputs, Options{}, func(d Document, err error) error {
			out = append(out, got{Source: d.Source, Doc: d, Err: err})
			return nil
		})
		done <- out
	}()
	select {
	case res := <-done:
		return res
	case <-time.After(d):
		cancel()
		t.Fatalf("Read of %q still blocked after %v", inputs, d)
	}
	return nil
}

func mkfifo(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	return p
}

// TestReadFIFONoWriter: a named pipe that nobody writes to is waited on, as cat
// would, but not past ctx: cancelling it (Ctrl-C, a timeout) ends the wait at once,
// Read returns ctx's error, and the pipe is not reported as empty.
func TestReadFIFONoWriter(t *testing.T) {
	for _, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
		{"timed out", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 300*time.Millisecond)
		}, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a := write(t, dir, "a.txt", []byte(story))
			fifo := mkfifo(t, "f.txt")
			b := write(t, dir, "b.txt", []byte(story))
			ctx, cancel := tc.ctx()
			defer cancel()
			type result struct {
				got []got
				err error
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				var out []got
				err := Read(ctx, []string{a, fifo, b}, Options{}, func(d Document, err error) error {
					out = append(out, got{Source: d.Source, Doc: d, Err: err})
					return nil
				})
				done <- result{out, err}
			}()
			select {
			case res := <-done:
				if !errors.Is(res.err, tc.want) {
					t.Errorf("Read returned %v, want %v", res.err, tc.want)
				}
				if len(res.got) != 1 || res.got[0].Source != a || res.got[0].Err != nil {
					t.Errorf("got %+v, want %s only", res.got, a)
				}
				if d := time.Since(start); d < 250*time.Millisecond {
					t.Errorf("Read returned after %v, before ctx was done", d)
				}
			case <-time.After(3 * time.Second):
				t.Fatal("Read still waiting on the pipe 3 s after ctx was done")
			}
		})
	}
}

// TestReadFIFOWithWriter: a named pipe with a writer is read whole, up to the
// writer's close, however long the writer takes.
func TestReadFIFOWithWriter(t *testing.T) {
	fifo := mkfifo(t, "f.txt")
	// O_RDWR opens at once on Linux and holds a writer's end until closed.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Skip("cannot open a named pipe for reading and writing here:", err)
	}
	if _, err := w.Write([]byte(story[:30])); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(200 * time.Millisecond)
		w.Write([]byte(story[30:]))
		time.Sleep(100 * time.Millisecond)
		w.Close()
	}()
	res := readWithin(t, 3*time.Second, []string{fifo})
	if len(res) != 1 || res[0].Err != nil || string(res[0].Doc.Body) != story {
		t.Errorf("got %+v, want the whole story", res)
	}
}

// TestReadPipePath: a pipe named by its /dev/fd path, as a shell's <(command)
// gives it, is read whole.
func TestReadPipePath(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	p := fmt.Sprintf("/dev/fd/%d", pr.Fd())
	if _, err := os.Stat(p); err != nil {
		t.Skip("no /dev/fd here")
	}
	go func() {
		pw.Write([]byte(story[:20]))
		time.Sleep(100 * time.Millisecond)
		pw.Write([]byte(story[20:]))
		pw.Close()
	}()
	res := readWithin(t, 3*time.Second, []string{p})
	if len(res) != 1 || res[0].Err != nil || string(res[0].Doc.Body) != story {
		t.Errorf("got %+v, want the whole story", res)
	}
}

// TestReadCharDevice: an endless device is refused after its first bytes.
func TestReadCharDevice(t *testing.T) {
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(dev); err != nil {
			continue
		}
		res := readWithin(t, 3*time.Second, []string{dev})
		if len(res) != 1 || res[0].Err == nil || res[0].Err.Error() != dev+": binary data, not an article" {
			t.Errorf("%s: got %+v", dev, res)
		}
	}
}

// TestReadFIFOLateWriter: a writer that opens the pipe a moment after Read does
// (a shell's "cmd > pipe &" beside whosaid) is waited for.
func TestReadFIFOLateWriter(t *testing.T) {
	fifo := mkfifo(t, "late.txt")
	go func() {
		time.Sleep(300 * time.Millisecond)
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write([]byte(story))
		w.Close()
	}()
	res := readWithin(t, 3*time.Second, []string{fifo})
	if len(res) != 1 || res[0].Err != nil || string(res[0].Doc.Body) != story {
		t.Errorf("got %+v, want the whole story", res)
	}
}

// TestReadFIFOSlowWriter: a writer that comes well after Read opened the pipe
// ("whosaid extract pipe & (sleep 1.5; cat a > pipe)") is waited for, and the
// inputs after the pipe are read.
func TestReadFIFOSlowWriter(t *testing.T) {
	dir := t.TempDir()
	fifo := mkfifo(t, "slow.txt")
	b := write(t, dir, "b.txt", []byte(story))
	go func() {
		time.Sleep(1500 * time.Millisecond)
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write([]byte(story))
		w.Close()
	}()
	res := readWithin(t, 5*time.Second, []string{fifo, b})
	if len(res) != 2 || res[0].Err != nil || string(res[0].Doc.Body) != story || res[1].Source != b || res[1].Err != nil {
		t.Errorf("got %+v, want the whole story from the pipe, then %s", res, b)
	}
}

// TestReadFIFOWriterClosesEmpty: a writer that opens the pipe and closes it without
// writing ends the input, as it would for cat: the pipe is an empty input, said so,
// and the inputs after it are read; nothing waits for another writer.
func TestReadFIFOWriterClosesEmpty(t *testing.T) {
	dir := t.TempDir()
	fifo := mkfifo(t, "silent.txt")
	b := write(t, dir, "b.txt", []byte(story))
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Blocks until Read opens the pipe; the cleanup opens it if Read did not.
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
	}()
	t.Cleanup(func() {
		if f, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			defer f.Close()
		}
		<-done
	})
	res := readWithin(t, 3*time.Second, []string{fifo, b})
	if len(res) != 2 || res[0].Err == nil || res[0].Err.Error() != fifo+": empty" || res[1].Source != b || res[1].Err != nil {
		t.Errorf("got %+v, want %s: empty, then %s", res, fifo, b)
	}
}
