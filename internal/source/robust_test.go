package source

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// lines is describe's output as lines, for comparing starts.
func startsMatch(lines, want []string) bool {
	if len(lines) != len(want) {
		return false
	}
	for i := range lines {
		if !strings.HasPrefix(lines[i], want[i]) {
			return false
		}
	}
	return true
}

// TestReadWARCShortLength: a record whose Content-Length ends before its block does
// is named, not delivered cut short, and the records after it are read.
func TestReadWARCShortLength(t *testing.T) {
	tram := "in#3 https://news.example.org/tram html 2024-03-01T10:00:02Z"
	cafe := "in#7 https://news.example.org/cafe html 2024-03-01T11:30:00Z"
	short := "error: corrupt WARC: Content-Length %d does not end where the next record starts"
	n := len(crawl[2].block)
	long := response("https://news.example.org/long", "2024-03-01T12:00:00Z",
		httpResponse("200 OK", "text/plain", strings.Repeat("The ferry is late again. ", 3*bufLen/25)))
	withLong := append(append(crawl[:7:7], long), crawl[6])
	cafe9 := "in#9 https://news.example.org/cafe html 2024-03-01T11:30:00Z"
	tests := []struct {
		name   string
		record int // from 0
		length int
		want   []string
	}{
		{"page 100 bytes short", 2, n - 100, []string{"in#3: " + fmt.Sprintf(short, n-100), cafe}},
		{"page of 5 bytes", 2, 5, []string{"in#3: " + fmt.Sprintf(short, 5), cafe}},
		{"page one byte short", 2, n - 1, []string{"in#3: " + fmt.Sprintf(short, n-1), cafe}},
		{"zero", 2, 0, []string{"in#3: " + fmt.Sprintf(short, 0), cafe}},
		{"request record", 1, 10, []string{"in#2: " + fmt.Sprintf(short, 10), tram, cafe}},
		{"last page", 6, 50, []string{tram, "in#7: " + fmt.Sprintf(short, 50)}},
		// Larger than the read buffer: the end is checked after the record.
		{"long page 100 bytes short", 7, len(long.block) - 100, []string{tram, cafe, "in#8: " + fmt.Sprintf(short, len(long.block)-100), cafe9}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, gz := range []bool{false, true} {
				in := crawl
				if tc.record == 7 {
					in = withLong
				}
				res := readWARC(t, withLength(in, tc.record, fmt.Sprint(tc.length), false, gz), Options{})
				lines := strings.Split(strings.TrimSpace(describe(res)), "\n")
				if !startsMatch(lines, tc.want) {
					t.Errorf("gzip %v: read\n%s\nwant lines starting\n%s", gz, strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
				}
			}
		})
	}
}

// TestReadWARCCorruptMember: in a WARC file gzipped record by record, a corrupt
// member loses its record only; reading goes on at the next member.
func TestReadWARCCorruptMember(t *testing.T) {
	cafe := "in#7 https://news.example.org/cafe html 2024-03-01T11:30:00Z"
	var b bytes.Buffer
	starts := make([]int, len(crawl))
	for i, rec := range crawl {
		starts[i] = b.Len()
		b.Write(gzipped(rec.bytes(i + 1)))
	}
	for _, tc := range []struct {
		name string
		at   int // the byte flipped, from the start of member 3
		want []string
	}{
		{"deflate data", 30, []string{"in#3: error: corrupt gzip data", cafe}},
		// The checksum comes after the data: the member is checked before its record is read.
		{"checksum", -6, []string{"in#3: error: corrupt gzip data: checksum mismatch", cafe}},
		{"header", 0, []string{"in#3: error: corrupt gzip data: invalid header", cafe}},
		{"header's method", 2, []string{"in#3: error: corrupt gzip data: invalid header", cafe}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := bytes.Clone(b.Bytes())
			i := starts[2] + tc.at
			if tc.at < 0 {
				i = starts[3] + tc.at
			}
			data[i] ^= 0xff
			lines := strings.Split(strings.TrimSpace(describe(readWARC(t, data, Options{}))), "\n")
			if !startsMatch(lines, tc.want) {
				t.Errorf("read\n%s\nwant lines starting\n%s", strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// threePages is a WARC file's three page records; the second is longer than the
// read buffer when long.
func threePages(long bool) []warcRec {
	body := "<html><body><p>\u201cThe bridge reopens on Monday,\u201d said Ines Marlow.</p></body></html>"
	if long {
		body = "<html><body>" + strings.Repeat("<p>The ferry is late again, and the harbour waits.</p>", 3*bufLen/50) + "</body></html>"
	}
	return []warcRec{crawl[2],
		response("https://news.example.org/bridge", "2024-03-01T10:30:00Z", httpResponse("200 OK", "text/html; charset=utf-8", body)),
		crawl[6]}
}

// TestReadWARCCorruptMemberAnywhere: in a WARC file gzipped record by record, one
// byte of the second member changed anywhere loses that record only, in one line, and
// never delivers it: its member is checked whole before the record is read. The
// third record is read.
func TestReadWARCCorruptMemberAnywhere(t *testing.T) {
	recs := threePages(false)
	m1, m2 := gzipped(recs[0].bytes(1)), gzipped(recs[1].bytes(2))
	file := append(append(bytes.Clone(m1), m2...), gzipped(recs[2].bytes(3))...)
	for _, mask := range []byte{0xff, 0x01, 0x04, 0x08, 0x40} {
		for i := range m2 {
			data := bytes.Clone(file)
			data[len(m1)+i] ^= mask
			lines := strings.Split(strings.TrimSpace(describe(readWARC(t, data, Options{}))), "\n")
			ok := len(lines) == 3 && strings.HasPrefix(lines[0], "in#1 https://news.example.org/tram") &&
				strings.HasPrefix(lines[2], "in#3 https://news.example.org/cafe")
			switch {
			case !ok:
			case i >= 4 && i < 10 || i == 3 && mask == 0x01: // MTIME, XFL, OS, FTEXT: not checked
				ok = strings.HasPrefix(lines[1], "in#2 https://news.example.org/bridge") ||
					strings.HasPrefix(lines[1], "in#2: error: corrupt gzip data")
			default:
				ok = strings.HasPrefix(lines[1], "in#2: error: corrupt gzip data")
			}
			if !ok {
				t.Fatalf("byte %d of %d in member 2 ^ %#x: read\n%s\nwant #1, one error for #2, #3",
					i, len(m2), mask, strings.Join(lines, "\n"))
			}
		}
	}
}

// TestReadWARCLongLength: a record whose Content-Length runs past the next record's
// start is one line, and reading goes on at that record's header, found in the bytes
// read as the record.
func TestReadWARCLongLength(t *testing.T) {
	for _, long := range []bool{false, true} {
		recs := threePages(long)
		n := len(recs[1].block)
		for _, over := range []int{8, 30, 120, 400} {
			for _, gz := range []bool{false, true} {
				name := fmt.Sprintf("long page %v, %d over, gzip %v", long, over, gz)
				lines := strings.Split(strings.TrimSpace(describe(readWARC(t, withLength(recs, 1, fmt.Sprint(n+over), false, gz), Options{}))), "\n")
				want := []string{"in#1 https://news.example.org/tram", fmt.Sprintf("in#2: error: corrupt WARC: Content-Length %d ", n+over),
					"in#3 https://news.example.org/cafe"}
				if !startsMatch(lines, want) {
					t.Errorf("%s: read\n%.400s\nwant lines starting\n%s", name, strings.Join(lines, "\n"), strings.Join(want, "\n"))
				}
				if over >= 30 && len(lines) > 1 && !strings.Contains(lines[1], "runs past the next record's start") {
					t.Errorf("%s: %s", name, lines[1])
				}
			}
		}
	}
}

// TestReadGzipTrailingData: data after a whole gzip stream that is no gzip member
// is said in one line, and the article before it is delivered.
func TestReadGzipTrailingData(t *testing.T) {
	dir := t.TempDir()
	two := append(gzipped([]byte(story[:40])), gzipped([]byte(story[40:]))...)
	js, _ := json.Marshal(map[string]string{"text": story})
	jl := gzipped(append(js, '\n'))
	badCRC := gzipped([]byte(story))
	badCRC[len(badCRC)-6] ^= 0xff
	tests := []struct {
		name, file string
		data       []byte
		want       string // describe's lines, with the file as F
	}{
		{"short garbage", "a.txt.gz", append(gzipped([]byte(story)), "garbage!!"...),
			"F Text\nF: error: trailing data after the gzip stream ignored\n"},
		{"long garbage", "b.txt.gz", append(gzipped([]byte(story)), strings.Repeat("garbage ", 20)...),
			"F Text\nF: error: trailing data after the gzip stream ignored\n"},
		{"zeros", "c.txt.gz", append(gzipped([]byte(story)), make([]byte, 512)...),
			"F Text\nF: error: trailing data after the gzip stream ignored\n"},
		{"two members and garbage", "d.txt.gz", append(bytes.Clone(two), "xyz"...),
			"F Text\nF: error: trailing data after the gzip stream ignored\n"},
		{"two members", "e.txt.gz", two, "F Text\n"},
		{"JSON Lines", "f.jsonl.gz", append(jl, "\n\x00junk"...),
			"F:1 Text\nF: error: trailing data after the gzip stream ignored\n"},
		{"a corrupt second member", "g.txt.gz", append(gzipped([]byte(story)), badCRC...),
			"F: error: corrupt gzip data: checksum mismatch\n"},
		{"a cut second member", "h.txt.gz", append(gzipped([]byte(story)), 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3),
			"F: error: truncated gzip data\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, dir, tc.file, tc.data)
			var b strings.Builder
			for _, r := range readAll(t, []string{p}, Options{}) {
				if r.Err != nil {
					fmt.Fprintf(&b, "%s: error: %s\n", r.Source, r.Err.(*InputError).Reason)
					continue
				}
				if r.Doc.Format == Text && string(r.Doc.Body) != story {
					t.Errorf("body %q, want the story", r.Doc.Body)
				}
				fmt.Fprintf(&b, "%s %s\n", r.Source, strings.Title(r.Doc.Format.String()))
			}
			if got := strings.ReplaceAll(b.String(), p, "F"); !strings.HasPrefix(got, tc.want) || len(got) > len(tc.want) && tc.want[len(tc.want)-1] == '\n' {
				t.Errorf("read\n%swant\n%s", got, tc.want)
			}
		})
	}
}

// TestReadJSONFile: a .json file is JSON: an array of records, or one record.
func TestReadJSONFile(t *testing.T) {
	dir := t.TempDir()
	rec := func(url string) string {
		return fmt.Sprintf(`{"url": %q, "title": "Pier vote", "published": "2024-05-06T07:08:09Z", "text": %q}`, url, story)
	}
	tests := []struct {
		name, file, data string
		want             string // describe-like lines, with the file as F
	}{
		{"array", "a.json", "[" + rec("https://a.example/1") + ", " + rec("https://a.example/2") + "]",
			"F#1 https://a.example/1 text\nF#2 https://a.example/2 text\n"},
		{"pretty array", "b.json", "[\n  " + rec("https://a.example/1") + ",\n  3,\n  " + rec("https://a.example/3") + "\n]\n",
			"F#1 https://a.example/1 text\nF#2: error: not a JSON object: found number\nF#3 https://a.example/3 text\n"},
		{"object", "c.json", "\ufeff" + rec("https://a.example/1"), "F https://a.example/1 text\n"},
		{"pretty object", "d.json", "{\n  \"html\": \"<p>Hello there, reader.</p>\",\n  \"url\": \"https://a.example/4\"\n}\n",
			"F https://a.example/4 html\n"},
		{"JSON Lines", "e.json", rec("https://a.example/1") + "\n" + rec("https://a.example/2") + "\n",
			"F:1 https://a.example/1 text\nF:2 https://a.example/2 text\n"},
		{"a string", "f.json", `"just a string"`, "F: error: JSON, but neither an array of records nor a record: found string\n"},
		{"a number", "g.json", "42\n", "F: error: JSON, but neither an array of records nor a record: found number\n"},
		{"empty array", "h.json", "[ ]", "F: error: empty JSON array\n"},
		{"invalid", "i.json", `[{"text": "a"`, "F#1: error: invalid JSON: unexpected end of input\n"},
		{"not JSON: text", "j.json", "Harbour council votes\n", "F  text\n"},
		{"not JSON: HTML", "j.json", "<html><body><p>Harbour council votes</p></body></html>", "F  html\n"},
		{"record without text", "k.json", `[{"url": "https://a.example/5"}]`,
			"F#1: error: record has no html or text (nor maintext, content or body)\n"},
		{"gzipped", "l.json.gz", string(gzipped([]byte("[" + rec("https://a.example/1") + "]"))), "F#1 https://a.example/1 text\n"},
		{"empty", "m.json", "  \n", "F: error: empty\n"},
		{"garbage after", "n.json", rec("https://a.example/1") + " ]", "F https://a.example/1 text\nF: error: unexpected data after the record\n"},
		{"words after the array", "o.json", "[" + rec("https://a.example/1") + "] trailing\n",
			"F#1 https://a.example/1 text\nF: error: unexpected data after the array\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, dir, tc.file, []byte(tc.data))
			var b strings.Builder
			for _, r := range readAll(t, []string{p}, Options{}) {
				if r.Err != nil {
					fmt.Fprintf(&b, "%s: error: %s\n", r.Source, r.Err.(*InputError).Reason)
					continue
				}
				fmt.Fprintf(&b, "%s %s %s\n", r.Source, r.Doc.URL, r.Doc.Format)
			}
			got := strings.ReplaceAll(b.String(), p, "F")
			if !strings.HasPrefix(got, tc.want) || strings.HasSuffix(tc.want, "\n") && got != tc.want {
				t.Errorf("read\n%swant\n%s", got, tc.want)
			}
		})
	}
	t.Run("record fields", func(t *testing.T) {
		p := write(t, dir, "z.json", []byte("["+rec("https://a.example/9")+"]"))
		res := readAll(t, []string{p}, Options{})
		if len(res) != 1 || res[0].Err != nil {
			t.Fatalf("got %+v", res)
		}
		d := res[0].Doc
		if d.Title != "Pier vote" || d.Published != "2024-05-06T07:08:09Z" || string(d.Body) != story || d.Format != Text {
			t.Errorf("got %+v", d)
		}
	})
	t.Run("folder skips .json", func(t *testing.T) {
		sub := filepath.Join(dir, "folder")
		write(t, sub, "x.json", []byte("["+rec("https://a.example/9")+"]"))
		if res := readAll(t, []string{sub}, Options{}); len(res) != 0 {
			t.Errorf("got %+v", res)
		}
	})
}

// FuzzJSONFile: a .json file of any content gives documents or one-line errors, never a panic.
func FuzzJSONFile(f *testing.F) {
	f.Add([]byte(`[{"text": "A story."}, 3, {"html": "<p>x</p>"}]`))
	f.Add([]byte(`{"text": "A story.", "url": "https://a.example/1"}`))
	f.Add([]byte("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"))
	f.Add([]byte(`"just a string"`))
	f.Add([]byte(`[{"text": "a"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newReader(context.Background(), Options{MaxBytes: 1 << 10}, func(d Document, err error) error {
			if err != nil {
				if strings.ContainsAny(err.Error(), "\r\n") {
					t.Fatalf("error on two lines: %q", err)
				}
				return nil
			}
			if !strings.HasPrefix(d.Source, "in.json") {
				t.Fatalf("source %q", d.Source)
			}
			return nil
		})
		if err := r.document(stream{source: "in.json", name: "in.json", r: bytes.NewReader(data), size: int64(len(data))}); err != nil {
			t.Fatalf("document: %v", err)
		}
	})
}
