// Command whosaid finds who said what in news articles.
//
// Setting WHOSAID_CPUPROFILE=FILE writes a CPU profile of the run to FILE
// (for `go tool pprof`), so whole commands can be profiled as users run them.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/whosaid/whosaid/internal/cli"
)

func main() {
	os.Exit(profiled(run))
}

// profiled runs f, under the CPU profiler when WHOSAID_CPUPROFILE names a file.
func profiled(f func() int) int {
	if p := os.Getenv("WHOSAID_CPUPROFILE"); p != "" {
		out, err := os.Create(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "whosaid: cpu profile:", err)
			return cli.ExitUsage
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			fmt.Fprintln(os.Stderr, "whosaid: cpu profile:", err)
			return cli.ExitUsage
		}
		defer out.Close()
		defer pprof.StopCPUProfile()
	}
	return f()
}

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
