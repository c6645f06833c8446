package source

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// readUntilCancelled reads inputs with Read from a writer that gives a start and then
// stalls; once want documents (or errors) have come and Read has had the time to block
// in its next read, it cancels the context, and fails unless Read returns
// context.Canceled within a second.
func readUntilCancelled(t *testing.T, inputs []string, opts Options, want int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	enough := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- Read(ctx, inputs, opts, func(d Document, err error) error {
			if err != nil {
				got = append(got, err.Error())
			} else {
				got = append(got, d.Source)
			}
			if len(got) == want {
				close(enough)
			}
			return nil
		})
	}()
	if want == 0 {
		close(enough)
	}
	select {
	case <-enough:
	case <-time.After(time.Second):
		t.Fatalf("%d documents read, want %d", len(got), want)
	}
	time.Sleep(100 * time.Millisecond) // Read blocks in a read
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read = %v, want context.Canceled", err)
		}
		if len(got) != want {
			t.Errorf("got %q, want %d documents before the cancellation", got, want)
		}
	case <-time.After(time.Second):
		t.Fatal("Read still blocked a second after the context was cancelled")
	}
}

// TestReadCancelStdin: a pipe that delivers part of its content and then nothing
// does not hold Read once the context is cancelled (Ctrl-C).
func TestReadCancelStdin(t *testing.T) {
	// The inputs that give a document before they stall are longer than the start
	// that decides their format.
	long := strings.Repeat("The ferry is late again. ", sniffLen/20)
	warc := warcFile(append([]warcRec{response("https://example.net/long", "2025-01-02T03:04:05Z",
		httpResponse("200 OK", "text/plain", long))}, crawl...), false)
	tests := []struct {
		name  string
		first []byte // what the pipe delivers before it stalls
		want  int    // documents read before the cancellation
	}{
		{"nothing", nil, 0},
		{"part of a text", []byte(story[:40]), 0},
		{"part of a gzip", gzipped([]byte(story))[:30], 0},
		{"a JSON Lines record and part of the next", []byte(`{"text":"` + long + `"}` + "\n" + `{"text":"The`), 1},
		{"WARC records and part of the next", warc[:len(warc)-40], 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			go pw.Write(tc.first)
			readUntilCancelled(t, []string{"-"}, Options{Stdin: pr}, tc.want)
		})
	}
}

// TestCancelable: a reader wrapped by Cancelable gives what its pipe delivers,
// and a read waiting on the pipe returns context.Canceled at once when the
// context is cancelled; a regular file is given back unwrapped.
func TestCancelable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte("The ferry is late"))
	r := Cancelable(ctx, pr)
	buf := make([]byte, 64)
	if n, err := r.Read(buf); err != nil || string(buf[:n]) != "The ferry is late" {
		t.Fatalf("Read = %q, %v", buf[:n], err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := r.Read(buf)
		done <- err
	}()
	time.Sleep(100 * time.Millisecond) // the read waits on the pipe
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read = %v, want context.Canceled", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Read still blocked a second after the context was cancelled")
	}

	f, err := os.Open("cancel.go")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := Cancelable(context.Background(), f); got != io.Reader(f) {
		t.Errorf("a regular file was wrapped: %T", got)
	}
}
