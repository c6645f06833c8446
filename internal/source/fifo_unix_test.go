//go:build unix

package source

import (
	"context"
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

// TestReadFIFONoWriter: a named pipe that nobody writes to reads as empty at once,
// instead of holding Read in open(2), and the inputs after it are read.
func TestReadFIFONoWriter(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", []byte(story))
	fifo := mkfifo(t, "f.txt")
	b := write(t, dir, "b.txt", []byte(story))
	res := readWithin(t, 3*time.Second, []string{a, fifo, b})
	want := fmt.Sprintf("%s <nil>\n%s %s: empty\n%s <nil>\n", a, fifo, fifo, b)
	var gotS string
	for _, r := range res {
		gotS += fmt.Sprintln(r.Source, r.Err)
	}
	if gotS != want {
		t.Errorf("got\n%swant\n%s", gotS, want)
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
