package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
)

// ingestProgress is the progress bar `whosaid ingest` draws on a terminal:
// articles done (of the total when it is known), articles/s, new articles,
// quotes found, errors, and the time left when the total is known; a spinner
// otherwise.
type ingestProgress struct {
	bar   *progressbar.ProgressBar
	total int64 // -1: unknown
	done  int64
	drawn int64     // done when last drawn
	shown time.Time // when last drawn
	every time.Duration
}

func newIngestProgress(w io.Writer, total int64) *ingestProgress {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(total > 0),
		// We throttle ourselves (draw), so that the last state is always drawn.
		progressbar.OptionThrottle(0),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionSetWidth(24),
		progressbar.OptionShowDescriptionAtLineEnd(),
	}
	if total <= 0 {
		total = -1
		opts = append(opts, progressbar.OptionSpinnerType(14))
	}
	return &ingestProgress{bar: progressbar.NewOptions64(total, opts...), total: total, every: 100 * time.Millisecond}
}

// step counts one more input handled and redraws, at most ten times a second.
func (p *ingestProgress) step(saved, quotes, errs int) {
	p.done++
	if time.Since(p.shown) >= p.every {
		p.draw(saved, quotes, errs)
	}
}

func (p *ingestProgress) draw(saved, quotes, errs int) {
	if p.total > 0 && p.done > p.total {
		// The count was a guess (a file without extension may not be an
		// article, a folder may have grown): widen it rather than overflow.
		p.total = p.done
		p.bar.ChangeMax64(p.total)
	}
	p.bar.Add64(p.done - p.drawn)
	p.drawn = p.done
	p.bar.Describe(fmt.Sprintf("%d new saved, %d quotes found, %d errors", saved, quotes, errs))
	p.shown = time.Now()
}

// clear wipes the bar's line so that a message can be printed in its place;
// the next step draws it again below.
func (p *ingestProgress) clear() {
	p.bar.Clear()
	p.shown = time.Time{}
}

// finish draws the final state and leaves it on its own line.
func (p *ingestProgress) finish(w io.Writer, saved, quotes, errs int) {
	if p.total < 0 {
		// The spinner becomes a full count.
		p.total = p.done
		p.bar.ChangeMax64(max(p.done, 1))
	}
	p.draw(saved, quotes, errs)
	p.bar.Exit()
	fmt.Fprintln(w)
}

// countInputs returns how many documents the inputs hold when that is cheap to
// know: files and folders of single-article files (listing a folder is cheap,
// reading a JSON Lines or WARC file to count its records is not). It returns
// -1 for standard input, a JSON Lines or WARC file, or when listing takes
// longer than limit.
func countInputs(ctx context.Context, paths []string, limit time.Duration) int64 {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	var n int64
	for _, p := range paths {
		switch {
		case p == "-":
			return -1
		case hasURLScheme(p):
			n++
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			n++ // one error line
			continue
		}
		if !fi.IsDir() {
			if multiDoc(p) {
				return -1
			}
			n++
			continue
		}
		unknown := false
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				return nil
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !singleDoc(d.Name()) {
				if !d.IsDir() && multiDoc(d.Name()) {
					unknown = true
					return fs.SkipAll
				}
				return nil
			}
			n++
			return nil
		})
		if err != nil || unknown {
			return -1
		}
	}
	return n
}

func hasURLScheme(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// docExt is a file name's extension without a final ".gz", lower-cased.
func docExt(name string) string {
	return filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz"))
}

// singleDoc says whether a file found in a folder is read as one article (the
// names `source` takes from folders).
func singleDoc(name string) bool {
	switch docExt(name) {
	case "", ".txt", ".text", ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// multiDoc says whether a file holds many articles.
func multiDoc(name string) bool {
	switch docExt(name) {
	case ".jsonl", ".ndjson", ".warc":
		return true
	}
	return false
}
