package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/store"
)

func TestServeUsage(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no store", []string{"--db", filepath.Join(t.TempDir(), "none.db")}, ExitFailed, "no store at"},
		{"extra argument", []string{"now"}, ExitUsage, "unexpected argument"},
		{"bad max-body", []string{"--max-body", "0"}, ExitUsage, "--max-body"},
		{"help", []string{"-h"}, ExitOK, "Usage: whosaid serve"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Run(context.Background(), append([]string{"serve"}, tt.args...), strings.NewReader(""), &out, &errb)
			if code != tt.code || !strings.Contains(errb.String(), tt.msg) {
				t.Errorf("code %d, want %d; stderr %q", code, tt.code, errb.String())
			}
		})
	}
}

// TestServe starts the server on a free loopback port, asks it for a page and
// the API, then cancels it and expects a clean exit.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "whosaid.db")
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	t.Setenv("WHOSAID_TOKEN", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, &errb)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	_, rest, _ := strings.Cut(line, "http://")
	base, _, _ := strings.Cut(rest, " ")
	base = "http://" + base
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("start line %q", line)
	}
	for _, p := range []string{"", "api/v1/speakers"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET /%s: %d", p, resp.StatusCode)
		}
	}
	resp, err := http.Post(base+"api/v1/articles", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST /api/v1/articles without WHOSAID_TOKEN: %d, want 403", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("exit %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}
