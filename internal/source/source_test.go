package source

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// got is one call of Read's fn, as tests compare it.
type got struct {
	Source string
	Doc    Document
	Err    error
}

func readAll(t *testing.T, inputs []string, opts Options) []got {
	t.Helper()
	var out []got
	err := Read(context.Background(), inputs, opts, func(d Document, err error) error {
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %v (%T) is not an *InputError", err, err)
			} else if strings.ContainsAny(ie.Error(), "\r\n") {
				t.Errorf("error %q is not one line", ie.Error())
			} else if d.Source != ie.Source {
				t.Errorf("error's document names %q, the error %q", d.Source, ie.Source)
			}
		} else if !utf8.Valid(d.Body) {
			t.Errorf("%s: body is not valid UTF-8", d.Source)
		}
		out = append(out, got{Source: d.Source, Doc: d, Err: err})
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return out
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipped(data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, r := range s { // BMP only in tests
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	b := []byte{0xfe, 0xff}
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

const story = "Harbour council votes to rebuild the old pier\n\nThe mayor, Ilse Varga, said on Tuesday that \"the work starts in spring\".\n"

const storyHTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Pier</title></head>
<body><article><h1>Harbour council votes</h1><p>“The work starts in spring,” said Ilse Varga.</p></article></body></html>
`

func TestReadFormats(t *testing.T) {
	latin1 := []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>Caf\xe9 owners protest</p></body></html>")
	tests := []struct {
		name     string
		file     string
		data     []byte
		format   Format
		contains string // in the body
		body     string // the whole body, when set
	}{
		{"text", "pier.txt", []byte(story), Text, "", story},
		{"text no extension", "pier", []byte(story), Text, "", story},
		{"text odd extension", "pier.md", []byte(story), Text, "", story},
		{"text with angle brackets", "math.txt", []byte("The rate fell to < 2 per cent, with x<y in all cases.\n"), Text, "x<y", ""},
		{"text UTF-8 BOM stripped", "bom.txt", append([]byte("\xef\xbb\xbf"), story...), Text, "", story},
		{"text UTF-16LE BOM", "wide.txt", utf16LE("Café reopens, “soon”.\n", true), Text, "", "Café reopens, “soon”.\n"},
		{"text UTF-16BE BOM", "wide-be.txt", utf16BE("Café reopens.\n"), Text, "", "Café reopens.\n"},
		{"html by name", "pier.html", []byte("<h1>Pier</h1>\nplain words"), HTML, "plain words", ""},
		{"html by name htm", "PIER.HTM", []byte("words"), HTML, "words", ""},
		{"html by doctype in .txt", "pier.txt", []byte(storyHTML), HTML, "Ilse Varga", storyHTML},
		{"html by doctype after BOM and space", "page", append([]byte("\xef\xbb\xbf \n\t<!doctype HTML>"), "<p>x</p>"...), HTML, "<p>x</p>", ""},
		{"html by body tag", "frag", []byte("<body>\n<p>A vote.</p></body>"), HTML, "A vote.", ""},
		{"html by early div", "frag2", []byte("Scraped at noon\n<div class=\"story\">Words</div>"), HTML, "Words", ""},
		{"html by early p", "frag3", []byte("<P>The pier closes.</P>"), HTML, "pier", ""},
		{"html latin1 meta", "cafe.html", latin1, HTML, "Café owners", ""},
		{"html utf-8 wins over stale meta", "resaved.html", []byte(`<html><head><meta charset="iso-8859-1"></head><body><p>Café</p></body></html>`), HTML, "<p>Café</p>", ""},
		{"html windows-1252 without meta", "old.html", []byte("<p>\x93Quoted\x94 words</p>"), HTML, "“Quoted” words", ""},
		{"html UTF-16LE BOM", "wide.html", utf16LE("<html><body><p>Café</p></body></html>", true), HTML, "<p>Café</p>", ""},
		{"html UTF-8 BOM", "bom.html", append([]byte("\xef\xbb\xbf"), "<p>Café</p>"...), HTML, "", "<p>Café</p>"},
		{"gzip text by name", "pier.txt.gz", gzipped([]byte(story)), Text, "", story},
		{"gzip html by name", "pier.html.gz", gzipped([]byte("<p>x</p>")), HTML, "", "<p>x</p>"},
		{"gzip by magic", "pier-archive", gzipped([]byte(storyHTML)), HTML, "", storyHTML},
		{"gzip of UTF-16", "wide.txt.gz", gzipped(utf16LE("Café.\n", true)), Text, "", "Café.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tc.file, tc.data)
			res := readAll(t, []string{p}, Options{})
			if len(res) != 1 {
				t.Fatalf("got %d results, want 1: %+v", len(res), res)
			}
			r := res[0]
			if r.Err != nil {
				t.Fatalf("error: %v", r.Err)
			}
			if r.Doc.Source != p {
				t.Errorf("Source = %q, want %q", r.Doc.Source, p)
			}
			if r.Doc.Format != tc.format {
				t.Errorf("Format = %v, want %v", r.Doc.Format, tc.format)
			}
			if tc.body != "" && string(r.Doc.Body) != tc.body {
				t.Errorf("Body = %q, want %q", r.Doc.Body, tc.body)
			}
			if !bytes.Contains(r.Doc.Body, []byte(tc.contains)) {
				t.Errorf("Body = %q, want it to contain %q", r.Doc.Body, tc.contains)
			}
		})
	}
}

func TestReadBadInputs(t *testing.T) {
	truncated := gzipped(bytes.Repeat([]byte(story), 50))
	truncated = truncated[:len(truncated)/2]
	corrupt := gzipped([]byte(story))
	corrupt[len(corrupt)-6] ^= 0xff // the CRC-32 in the trailer
	invalid := append(bytes.Repeat([]byte("a"), 1234), 0xff, 'b')

	tests := []struct {
		name  string
		file  string
		data  []byte
		make  func(t *testing.T, p string) // instead of data
		opts  Options
		error string // the whole Error() after "PATH: "
	}{
		{name: "missing", file: "missing.txt", make: func(*testing.T, string) {}, error: "no such file or directory"},
		{name: "permission denied", file: "secret.txt", make: func(t *testing.T, p string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads everything")
			}
			write(t, filepath.Dir(p), filepath.Base(p), []byte(story))
			os.Chmod(p, 0)
		}, error: "permission denied"},
		{name: "empty", file: "empty.txt", data: []byte{}, error: "empty"},
		{name: "only white space", file: "blank.txt", data: []byte(" \n\t\r\n  \u00a0\n"), error: "empty"},
		{name: "only a BOM", file: "bom.txt", data: []byte("\xef\xbb\xbf\n"), error: "empty"},
		{name: "empty html", file: "blank.html", data: []byte("\n\n"), error: "empty"},
		{name: "binary NUL", file: "photo.txt", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), error: "binary data, not an article"},
		{name: "binary control bytes", file: "ctl.txt", data: bytes.Repeat([]byte("ab\x01\x02\x03"), 100), error: "binary data, not an article"},
		{name: "binary html", file: "x.html", data: []byte("<html>\x00\x00\x00"), error: "binary data, not an article"},
		{name: "invalid UTF-8", file: "broken.txt", data: invalid, error: "invalid UTF-8 at byte 1234"},
		{name: "invalid UTF-8 after BOM", file: "broken-bom.txt", data: append([]byte("\xef\xbb\xbfab"), 0xc3, 'x'), error: "invalid UTF-8 at byte 5"},
		{name: "too large", file: "huge.txt", make: func(t *testing.T, p string) {
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			f.Close()
			if err := os.Truncate(p, 100<<20); err != nil { // sparse: no disk used
				t.Fatal(err)
			}
		}, error: "too large: 100.0 MB, the limit is 32.0 MB"},
		{name: "too large small limit", file: "a.txt", data: []byte(story), opts: Options{MaxBytes: 10}, error: fmt.Sprintf("too large: %d bytes, the limit is 10 bytes", len(story))},
		{name: "too large after decompression", file: "bomb.txt.gz", data: gzipped(bytes.Repeat([]byte("words "), 100000)), opts: Options{MaxBytes: 64 << 10}, error: "too large: more than 64.0 KB after decompression"},
		{name: "truncated gzip", file: "cut.txt.gz", data: truncated, error: "truncated gzip data"},
		{name: "truncated gzip header", file: "cut2.gz", data: []byte{0x1f, 0x8b, 8}, error: "truncated gzip data"},
		{name: "truncated gzip unnamed", file: "cut3", data: truncated, error: "truncated gzip data"},
		{name: "corrupt gzip checksum", file: "crc.txt.gz", data: corrupt, error: "corrupt gzip data: checksum mismatch"},
		{name: "gz name without gzip data", file: "plain.txt.gz", data: []byte(story), error: "corrupt gzip data: no gzip header"},
		{name: "empty gzip", file: "nothing.txt.gz", data: gzipped(nil), error: "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), tc.file)
			if tc.make != nil {
				tc.make(t, p)
			} else {
				write(t, filepath.Dir(p), tc.file, tc.data)
			}
			start := time.Now()
			res := readAll(t, []string{p}, tc.opts)
			if len(res) != 1 {
				t.Fatalf("got %d results, want 1: %+v", len(res), res)
			}
			if res[0].Err == nil {
				t.Fatalf("no error; document %+v", res[0].Doc)
			}
			if got, want := res[0].Err.Error(), p+": "+tc.error; got != want {
				t.Errorf("error\n got %q\nwant %q", got, want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v: was the file read whole?", d)
			}
		})
	}
}

// A bad input does not stop the others.
func TestReadGoesOn(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", []byte(story))
	b := write(t, dir, "b.txt", nil)
	c := write(t, dir, "c.txt", []byte(story))
	res := readAll(t, []string{a, filepath.Join(dir, "none.txt"), b, c}, Options{})
	var errs []bool
	for _, r := range res {
		errs = append(errs, r.Err != nil)
	}
	if fmt.Sprint(errs) != "[false true true false]" {
		t.Errorf("errors = %v, want [false true true false]", errs)
	}
}

func TestReadFolder(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "news")
	files := map[string][]byte{
		"b.txt":            []byte(story),
		"a.html":           []byte(storyHTML),
		"Z.txt":            []byte(story),
		"a.gold.json":      []byte(`{"quotes": []}`),
		"notes.md":         []byte("# notes\n"),
		"photo.png":        []byte("\x89PNG\r\n\x1a\n\x00"),
		"data.json":        []byte(`{"text": "x"}`),
		"README":           []byte("An article without extension.\n"),
		"blob":             []byte("\x00\x01\x02binary"),
		"blank":            []byte("   \n"),
		"latin1":           []byte("caf\xe9 sans extension\n"),
		"e.txt.gz":         gzipped([]byte(story)),
		"f.htm":            []byte("<p>x</p>"),
		"g.xhtml":          []byte("<p>x</p>"),
		"h.text":           []byte(story),
		"i.ndjson":         []byte(`{"text":"one"}` + "\n"),
		"j.jsonl.gz":       gzipped([]byte(`{"html":"<p>two</p>"}` + "\n")),
		"k.TXT":            []byte(story),
		"empty.txt":        nil, // named like an article: reported
		".hidden.txt":      []byte(story),
		".git/config.txt":  []byte(story),
		"sub/c.txt":        []byte(story),
		"sub/d.jsonl":      []byte(`{"text":"first"}` + "\n" + `{"html":"<p>second</p>"}` + "\n"),
		"sub/.cache/x.txt": []byte(story),
		"sub/deeper/y.htm": []byte("<p>y</p>"),
		"archive.tar.gz":   gzipped([]byte("tar")),
	}
	for name, data := range files {
		write(t, root, name, data)
	}
	want := []string{
		"README", "Z.txt", "a.html", "b.txt", "e.txt.gz", "empty.txt: empty", "f.htm", "g.xhtml", "h.text",
		"i.ndjson:1", "j.jsonl.gz:1", "k.TXT",
		"sub/c.txt", "sub/d.jsonl:1", "sub/d.jsonl:2", "sub/deeper/y.htm",
	}
	for _, in := range []string{root, root + "/", "./" + filepath.Base(root)} {
		t.Run(in, func(t *testing.T) {
			if strings.HasPrefix(in, "./") {
				t.Chdir(dir)
			}
			res := readAll(t, []string{in}, Options{})
			var names []string
			for _, r := range res {
				rel, err := filepath.Rel(filepath.Clean(in), r.Source)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(r.Source, filepath.Clean(in)) {
					t.Errorf("Source %q is not under %q", r.Source, in)
				}
				if r.Err != nil {
					rel += ": " + r.Err.(*InputError).Reason
				}
				names = append(names, filepath.ToSlash(rel))
			}
			if strings.Join(names, "\n") != strings.Join(want, "\n") {
				t.Errorf("read\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestReadFolderSymlinkRoot(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "real/a.txt", []byte(story))
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "real"), link); err != nil {
		t.Skip("no symlinks:", err)
	}
	// A loop must not be followed.
	os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "real", "loop"))
	res := readAll(t, []string{link}, Options{})
	if len(res) != 1 || res[0].Err != nil || res[0].Source != filepath.Join(link, "a.txt") {
		t.Errorf("got %+v", res)
	}
}

func TestReadExplicitFileAnyName(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, ".hidden.gold.json", []byte(story))
	res := readAll(t, []string{p}, Options{})
	if len(res) != 1 || res[0].Err != nil || res[0].Doc.Format != Text {
		t.Errorf("got %+v", res)
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name   string
		stdin  []byte
		nilIn  bool
		opts   Options
		want   []string // Source, Format or the error
		format Format
	}{
		{name: "text", stdin: []byte(story), want: []string{"- text"}},
		{name: "html", stdin: []byte(storyHTML), want: []string{"- html"}},
		{name: "gzip", stdin: gzipped([]byte(story)), want: []string{"- text"}},
		{name: "jsonl", stdin: []byte(`{"text":"a"}` + "\n\n" + `{"html":"<p>b</p>"}`), want: []string{"-:1 text", "-:3 html"}},
		{name: "empty", stdin: nil, want: []string{"-: empty"}},
		{name: "none", nilIn: true, want: []string{"-: no standard input"}},
		{name: "too large", stdin: bytes.Repeat([]byte("word "), 1000), opts: Options{MaxBytes: 1000}, want: []string{"-: too large: more than 1000 bytes"}},
		{name: "binary", stdin: []byte{0, 1, 2, 3}, want: []string{"-: binary data, not an article"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			if !tc.nilIn {
				opts.Stdin = bytes.NewReader(tc.stdin)
			}
			var out []string
			for _, r := range readAll(t, []string{"-"}, opts) {
				if r.Err != nil {
					out = append(out, r.Err.Error())
				} else {
					out = append(out, r.Source+" "+r.Doc.Format.String())
				}
			}
			if fmt.Sprint(out) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", out, tc.want)
			}
		})
	}
}

func TestReadStops(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", []byte(story))
	stop := errors.New("enough")
	calls := 0
	err := Read(context.Background(), []string{a, a, a}, Options{}, func(Document, error) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("Read = %v after %d calls, want %v after 1", err, calls, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	err = Read(ctx, []string{dir, dir}, Options{}, func(Document, error) error {
		calls++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("Read = %v after %d calls, want context.Canceled after 1", err, calls)
	}
}

// TestReadTestdata reads the invented articles in testdata/articles and compares a
// summary of each document with testdata/articles.golden (go test -update rewrites it).
func TestReadTestdata(t *testing.T) {
	var b strings.Builder
	for _, r := range readAll(t, []string{"testdata/articles"}, Options{}) {
		if r.Err != nil {
			fmt.Fprintf(&b, "error %v\n", r.Err)
			continue
		}
		d := r.Doc
		head := string(d.Body)
		if i := strings.IndexByte(head, '\n'); i >= 0 {
			head = head[:i]
		}
		fmt.Fprintf(&b, "%s\n\tformat=%v url=%q title=%q published=%q bytes=%d\n\t%q\n",
			d.Source, d.Format, d.URL, d.Title, d.Published, len(d.Body), head)
	}
	golden := "testdata/articles.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestReadSharedSample reads the shared sample folder when it is there.
func TestReadSharedSample(t *testing.T) {
	dir := "../../../shared/samples"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared samples")
	}
	res := readAll(t, []string{dir}, Options{})
	if len(res) == 0 {
		t.Fatal("no document in the samples")
	}
	for _, r := range res {
		if r.Err != nil {
			t.Errorf("%v", r.Err)
		} else if strings.HasSuffix(r.Source, ".json") {
			t.Errorf("read a gold file: %s", r.Source)
		}
	}
}

func BenchmarkReadFolder(b *testing.B) {
	dir := b.TempDir()
	var size int64
	for i := range 200 {
		data := []byte(strings.Repeat(story, 8))
		if i%2 == 1 {
			data = []byte(strings.Repeat(storyHTML, 8))
		}
		size += int64(len(data))
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.txt", i)), data, 0o644)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		Read(context.Background(), []string{dir}, Options{}, func(d Document, err error) error {
			if err != nil {
				b.Fatal(err)
			}
			n++
			return nil
		})
		if n != 200 {
			b.Fatalf("read %d documents", n)
		}
	}
}

func TestReason(t *testing.T) {
	r := newReader(context.Background(), Options{}, nil)
	tests := []struct {
		err  error
		gz   bool
		want string
	}{
		{&os.PathError{Op: "open", Path: "/x", Err: os.ErrPermission}, false, "permission denied"},
		{&os.PathError{Op: "open", Path: "/x", Err: os.ErrNotExist}, false, "no such file or directory"},
		{&os.PathError{Op: "read", Path: "/x", Err: errors.New("input/output error")}, false, "input/output error"},
		{io.ErrUnexpectedEOF, true, "truncated gzip data"},
		{io.ErrUnexpectedEOF, false, "truncated data"},
		{gzip.ErrHeader, true, "corrupt gzip data: invalid header"},
		{flate.CorruptInputError(12), true, "corrupt gzip data at byte 12"},
	}
	for _, tc := range tests {
		if got := r.reason(tc.err, tc.gz); got != tc.want {
			t.Errorf("reason(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
	if got := oneLine("a\nb\r\n c"); got != "a b c" {
		t.Errorf("oneLine = %q", got)
	}
}

// FuzzRead feeds any bytes, under names of each kind, through format detection,
// decompression and decoding: no panic, valid UTF-8 out, one-line errors.
func FuzzRead(f *testing.F) {
	f.Add([]byte(storyHTML), uint8(0))
	f.Add(gzipped([]byte(story)), uint8(1))
	f.Add(utf16LE("<p>x</p>", true), uint8(2))
	names := []string{"", "a.txt", "a.html", "a.jsonl", "a.txt.gz", "a.md"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := names[int(which)%len(names)]
		r := newReader(context.Background(), Options{MaxBytes: 1 << 16}, func(d Document, err error) error {
			if err != nil {
				if strings.ContainsAny(err.Error(), "\r\n") {
					t.Fatalf("error on two lines: %q", err)
				}
				return nil
			}
			if len(d.Body) == 0 || !utf8.Valid(d.Body) {
				t.Fatalf("bad body %q", d.Body)
			}
			return nil
		})
		s := stream{source: "in", name: name, r: bytes.NewReader(data), size: int64(len(data)), sniffOnly: which&0x80 != 0}
		if err := r.document(s); err != nil {
			t.Fatalf("document: %v", err)
		}
	})
}

// Files a folder holds that are no articles by their names are told to
// Options.Skipped; hidden files are not.
func TestReadSkippedFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"story.txt":  "Ferry Returns\n\nThe ferry returned to the island on Monday.\n",
		"report.pdf": "%PDF-1.4\n", "notes.docx": "PK\x03\x04", ".hidden.pdf": "%PDF-1.4\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var skipped []string
	var read int
	opts := Options{Skipped: func(p string) { skipped = append(skipped, filepath.Base(p)) }}
	err := Read(context.Background(), []string{dir}, opts, func(d Document, err error) error {
		if err != nil {
			t.Errorf("%s: %v", d.Source, err)
		}
		read++
		return nil
	})
	if err != nil || read != 1 {
		t.Fatalf("read %d documents, %v; want 1", read, err)
	}
	if want := []string{"notes.docx", "report.pdf"}; !slices.Equal(skipped, want) {
		t.Errorf("skipped %q, want %q", skipped, want)
	}
}
