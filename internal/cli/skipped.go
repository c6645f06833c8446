package cli

import (
	"fmt"
	"strings"
	"sync"

	"github.com/whosaid/whosaid/internal/source"
)

// skippedFiles gathers the files found in folders that were not read because
// their names say they are no articles (source.Options.Skipped), to tell the
// user in one line at the end: a folder holding "report.pdf" is not silently
// taken for a folder of nothing.
type skippedFiles struct {
	mu    sync.Mutex
	paths []string
	n     int
}

// skippedShown is how many of the skipped files the line names.
const skippedShown = 5

func (s *skippedFiles) add(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	if len(s.paths) < skippedShown {
		s.paths = append(s.paths, p)
	}
}

// report writes the line, if any file was skipped.
func (s *skippedFiles) report(env Env, cmd string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n == 0 {
		return
	}
	fmt.Fprintf(env.Stderr, "whosaid %s: skipped %d file(s) in folders whose names say they are no articles (a folder's files are read when they end in %s, each perhaps .gz, or have no extension; a .json file is read when named on its own): %s%s\n",
		cmd, s.n, strings.Join(source.FolderExtensions, " "), strings.Join(s.paths, ", "), andMore(s.n, len(s.paths)))
}
