package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/whosaid/whosaid/internal/server"
)

func runServe(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", defaultDB, "the store")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port); loopback unless told otherwise")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body accepted, in bytes")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid serve [flags]\n\nServes the web UI and the JSON API (/api/v1/) over the store until interrupted.\n"+
			"POST /api/v1/articles stores articles only when WHOSAID_TOKEN is set; clients then send\n\"Authorization: Bearer $WHOSAID_TOKEN\".\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if code, ok := checkDB(fs); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "whosaid serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	if *maxBody < 1 {
		fmt.Fprintln(env.Stderr, "whosaid serve: --max-body must be at least 1")
		return ExitUsage
	}
	if err := checkAddr(*addr); err != nil {
		return usageError(env, "serve", "--addr %q: %v", *addr, err)
	}
	st, code := openExisting(ctx, "serve", *db, env)
	if st == nil {
		return code
	}
	defer st.Close()
	srv, err := server.New(st, server.Options{Token: os.Getenv("WHOSAID_TOKEN"), MaxBody: *maxBody})
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid serve:", err)
		return ExitFailed
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid serve:", err)
		return ExitFailed
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := fmt.Fprintf(env.Stdout, "whosaid serve: http://%s/ over %s (Ctrl-C stops)\n", browsable(ln.Addr()), *db); err != nil {
		fmt.Fprintf(env.Stderr, "whosaid serve: could not write the output: %v\n", err)
		return ExitAborted
	}
	if host, _, _ := net.SplitHostPort(*addr); host == "" || !isLoopback(host) {
		fmt.Fprintf(env.Stderr, "whosaid serve: warning: listening beyond this machine on %s\n", ln.Addr())
	}
	if os.Getenv("WHOSAID_TOKEN") == "" {
		fmt.Fprintln(env.Stderr, "whosaid serve: WHOSAID_TOKEN is not set: POST /api/v1/articles is refused")
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintln(env.Stderr, "whosaid serve:", err)
		return ExitFailed
	}
	return ExitOK
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkAddr checks that addr has the form host:port, the port a number from 0
// to 65535 (0: any free port) or a service name such as "http".
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("want host:port, such as 127.0.0.1:8080 or :8080")
	}
	if port == "" {
		return errors.New("no port: want host:port, such as 127.0.0.1:8080")
	}
	if n, err := strconv.Atoi(port); err == nil {
		if n < 0 || n > 65535 {
			return fmt.Errorf("port %d: want 0 to 65535", n)
		}
		return nil
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return fmt.Errorf("port %q: want a number from 0 to 65535", port)
	}
	return nil
}

// browsable is the host and port to browse to for a listener's address: the
// address itself, or this machine's name for it ("localhost:8080") when it
// listens on every interface ("[::]:8080", "0.0.0.0:8080").
func browsable(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		return net.JoinHostPort("localhost", strconv.Itoa(t.Port))
	}
	return a.String()
}
