package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The articles extract has printed go out while a later input keeps it
// waiting (standard input that is slow to come), not only at the end.
func TestExtractFlushesWhileWaiting(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.txt")
	if err := os.WriteFile(first, []byte("Harbour reopens\n\nThe harbour reopened on Monday after repairs, the council said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	out := &lockedBuffer{}
	var errb bytes.Buffer
	done := make(chan int)
	go func() { done <- Run(context.Background(), []string{"extract", first, "-"}, pr, out, &errb) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "harbour reopened") {
		if time.Now().After(deadline) {
			pw.Close()
			<-done
			t.Fatalf("the first article was not printed while standard input waited; stderr %q", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	pw.Write([]byte("Ferry returns\n\nThe ferry returned on Tuesday, the operator said.\n"))
	pw.Close()
	if code := <-done; code != ExitOK {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

// lockedBuffer is a bytes.Buffer safe to read while another goroutine writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
