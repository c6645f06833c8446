package webpage

import (
	"bufio"
	"bytes"
	readability "codeberg.org/readeck/go-readability/v2"
	"compress/gzip"
	"encoding/json"
	"golang.org/x/net/html"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html/charset"
)

// TestBodyEval writes the body extraction of the shared benchmark pages as JSON
// Lines for ../shared/eval/body_score.py. It runs only with WHOSAID_BODY_EVAL=1:
//
//	WHOSAID_BODY_EVAL=1 go test ./internal/webpage -run TestBodyEval -v
//	python3 ../shared/eval/body_score.py ../shared/data/article-extraction/ground-truth.json /tmp/body-ours.jsonl
//
// WHOSAID_BODY_OUT names the output (default /tmp/body-ours.jsonl);
// WHOSAID_BODY_MODE picks what runs: "ours" (default), or Extract with options
// named in it ("noclean", "noagree", "fallback", combined with "-"), or
// "trafilatura" (go-trafilatura alone: ContentText, default options) or
// "readeck" (readeck go-readability alone, through our block builder). With our
// extraction each line also has the "published" time (RFC 3339, "" when no instant)
// and the "day", and the log counts the pages that have them.
func TestBodyEval(t *testing.T) {
	if os.Getenv("WHOSAID_BODY_EVAL") != "1" {
		t.Skip("set WHOSAID_BODY_EVAL=1 to run")
	}
	dir := filepath.Join("..", "..", "..", "shared", "data", "article-extraction", "html")
	files, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil || len(files) == 0 {
		t.Skip("benchmark pages not found")
	}
	sort.Strings(files)
	mode := os.Getenv("WHOSAID_BODY_MODE")
	out := os.Getenv("WHOSAID_BODY_OUT")
	if out == "" {
		out = "/tmp/body-ours.jsonl"
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	enc := json.NewEncoder(w)
	var total time.Duration
	failed, instants, days := 0, 0, 0
	for _, path := range files {
		page := readPage(t, path)
		start := time.Now()
		var text, pub, day string
		switch mode {
		case "readeck":
			doc, _ := html.Parse(bytes.NewReader(page))
			a, err := readability.FromDocument(doc, nil)
			if err == nil && a.Node != nil {
				var parts []string
				for _, b := range buildBlocks(a.Node) {
					parts = append(parts, b.Text)
				}
				text = strings.Join(parts, "\n\n")
			}
		case "trafilatura":
			res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{})
			if err == nil {
				text = res.ContentText
			}
		default:
			opts := Options{NoClean: strings.Contains(mode, "noclean"), Fallback: strings.Contains(mode, "fallback"), NoAgreement: strings.Contains(mode, "noagree")}
			p, err := ExtractPage(page, "", opts)
			if err != nil {
				failed++
			}
			var parts []string
			for _, b := range p.Draft.Blocks {
				parts = append(parts, b.Text)
			}
			text = strings.Join(parts, "\n\n")
			if !p.Draft.Published.IsZero() {
				pub = p.Draft.Published.Format(time.RFC3339)
				instants++
			}
			if day = p.Day; day != "" {
				days++
			}
		}
		total += time.Since(start)
		if err := enc.Encode(map[string]string{"source": path, "text": text, "published": pub, "day": day}); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%s: %d pages, %d failed, %.1f pages/s; published: %d with time and offset, %d with a day",
		out, len(files), failed, float64(len(files))/total.Seconds(), instants, days)
}

// readPage gunzips a page and decodes its charset, as the source stage does.
func readPage(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(raw) {
		return raw
	}
	enc, _, _ := charset.DetermineEncoding(raw, "text/html")
	dec, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return raw
	}
	return dec
}
