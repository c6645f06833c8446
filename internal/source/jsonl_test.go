package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadJSONLines(t *testing.T) {
	longHTML := "<html><body>" + strings.Repeat("<p>The council met again and talked at length.</p>", 40000) + "</body></html>"
	tests := []struct {
		name string
		file string
		data string
		opts Options
		want []string // per record: "LINE format url|title|published body" or "LINE: reason"
	}{
		{
			name: "good",
			file: "feed.jsonl",
			data: `{"url":"https://news.example/pier","title":"Pier","published":"2024-03-05T09:30:00+01:00","html":"<p>Pier reopens</p>"}` + "\n" +
				`{"url":"https://news.example/vote","title":"Vote","date":"2024-03-06","text":"The vote passed."}` + "\r\n",
			want: []string{
				"1 html https://news.example/pier|Pier|2024-03-05T09:30:00+01:00 <p>Pier reopens</p>",
				"2 text https://news.example/vote|Vote|2024-03-06 The vote passed.",
			},
		},
		{
			name: "broken line in the middle",
			file: "feed.ndjson",
			data: `{"text":"first"}` + "\n" + `{"text": "second"` + "\n" + `{"text":"third"}`,
			want: []string{"1 text || first", "2: not a JSON object: unexpected end of JSON input", "3 text || third"},
		},
		{
			name: "not objects",
			file: "feed.jsonl",
			data: "[1,2]\n\"text\"\nnull\n42\nplain words\n{\"text\":\"ok\"}\n",
			want: []string{
				"1: not a JSON object: found array",
				"2: not a JSON object: found string",
				"3: not a JSON object: found null",
				"4: not a JSON object: found number",
				"5: not a JSON object: invalid character 'p' looking for beginning of value",
				"6 text || ok",
			},
		},
		{
			name: "no html or text",
			file: "feed.jsonl",
			data: `{"url":"https://news.example/x","title":"T"}` + "\n" + `{"html":"  ","text":null}` + "\n" + `{"html":3}` + "\n",
			want: []string{"1: record has no html or text (nor maintext, content or body)", "2: record has no html or text (nor maintext, content or body)", `3: record field "html" is not a string`},
		},
		{
			name: "the names dumps give the text and the date",
			file: "api.jsonl",
			data: `{"url":"u1","publishedAt":"2026-11-24T08:00:00Z","content":"Fuel prices rose."}` + "\n" +
				`{"url":"u2","date_publish":"2026-11-24 09:00:00","maintext":"The strike went on."}` + "\n" +
				`{"url":"u3","pubDate":"Tue, 24 Nov 2026 10:00:00 +0200","body":"<p>Talks resume.</p>"}` + "\n" +
				`{"url":"u4","content":"  <div><p>Power is back.</p></div>"}` + "\n",
			want: []string{
				"1 text u1||2026-11-24T08:00:00Z Fuel prices rose.",
				"2 text u2||2026-11-24 09:00:00 The strike went on.",
				"3 html u3||Tue, 24 Nov 2026 10:00:00 +0200 <p>Talks resume.</p>",
				"4 html u4||   <div><p>Power is back.</p></div>",
			},
		},
		{
			name: "blank lines keep numbers",
			file: "feed.jsonl",
			data: "\n  \n" + `{"text":"a","published":1709630000}` + "\n\n" + `{"text":"b","title":7}` + "\n\n",
			want: []string{"3 text ||2024-03-05T09:13:20Z a", "5 text || b"}, // a Unix time read
		},
		{
			name: "unix times",
			file: "feed.jsonl",
			data: `{"text":"a","published":1709630000000}` + "\n" + `{"text":"b","date":42}` + "\n",
			want: []string{"1 text ||2024-03-05T09:13:20Z a", "2 text ||42 b"}, // milliseconds; 42 is no time
		},
		{
			name: "unix times in strings",
			file: "feed.jsonl",
			data: `{"text":"a","published":"1709630000"}` + "\n" + `{"text":"b","published":"1709630000000"}` + "\n" + `{"text":"c","date":"2024"}` + "\n" +
				`{"text":"d","date":"2024011512"}` + "\n" + `{"text":"e","date":"202401151230"}` + "\n",
			want: []string{"1 text ||2024-03-05T09:13:20Z a", "2 text ||2024-03-05T09:13:20Z b", "3 text ||2024 c",
				"4 text ||2024011512 d", "5 text ||202401151230 e"}, // a year stays a year, a compact date a date
		},
		{
			name: "html preferred to text",
			file: "feed.jsonl",
			data: `{"text":"plain","html":"<p>rich</p>"}`,
			want: []string{"1 html || <p>rich</p>"},
		},
		{
			name: "binary record",
			file: "feed.jsonl",
			data: `{"text":"\u0000\u0001"}`,
			want: []string{"1: binary data, not an article"},
		},
		{
			name: "long line",
			file: "big.jsonl",
			data: `{"title":"Long","html":"` + longHTML + `"}` + "\n" + `{"text":"after"}` + "\n",
			want: []string{fmt.Sprintf("1 html |Long| %d bytes", len(longHTML)), "2 text || after"},
		},
		{
			name: "line over the limit",
			file: "big.jsonl",
			data: `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("x", 5000) + `"}` + "\n" + `{"text":"after"}`,
			opts: Options{MaxBytes: 4096},
			want: []string{"1 text || short", "2: too large: more than 4.0 KB", "3 text || after"},
		},
		{
			name: "sniffed without extension",
			file: "dump",
			data: `{"url":"u","html":"<p>a</p>"}` + "\n" + `{"text":"b"}`,
			want: []string{"1 html u|| <p>a</p>", "2 text || b"},
		},
		{
			name: "sniffed with a long first line",
			file: "dump2",
			data: `{"url":"u","title":"` + strings.Repeat("t", 20000) + `","text":"a"}`,
			want: []string{"1 text u|" + strings.Repeat("t", 20000) + "| a"},
		},
		{
			name: "gzip",
			file: "feed.jsonl.gz",
			data: string(gzipped([]byte(`{"text":"a"}` + "\n" + `{"text":"b"}` + "\n"))),
			want: []string{"1 text || a", "2 text || b"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tc.file, []byte(tc.data))
			var out []string
			for _, r := range readAll(t, []string{p}, tc.opts) {
				if r.Err != nil {
					out = append(out, strings.TrimPrefix(r.Err.Error(), p+":"))
					continue
				}
				d := r.Doc
				line, ok := strings.CutPrefix(d.Source, p+":")
				if !ok {
					t.Errorf("Source %q does not name the file", d.Source)
				}
				body := string(d.Body)
				if len(body) > 1000 {
					body = fmt.Sprintf("%d bytes", len(body))
				}
				out = append(out, fmt.Sprintf("%s %v %s|%s|%s %s", line, d.Format, d.URL, d.Title, d.Published, body))
			}
			if strings.Join(out, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(out, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A JSON Lines dump cut short in its gzip: the records before the cut are read, then the
// file is reported.
func TestReadJSONLinesTruncatedGzip(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, `{"text":"record %d with some words in it"}`+"\n", i)
	}
	z := gzipped([]byte(b.String()))
	p := write(t, t.TempDir(), "cut.jsonl.gz", z[:len(z)*3/4])
	res := readAll(t, []string{p}, Options{})
	last := res[len(res)-1]
	if last.Err == nil || last.Err.Error() != p+": truncated gzip data" {
		t.Fatalf("last result %+v, want the truncation", last)
	}
	for _, r := range res[:len(res)-1] {
		if r.Err != nil {
			t.Fatalf("record error before the cut: %v", r.Err)
		}
	}
	if len(res) < 100 {
		t.Errorf("only %d records before the cut", len(res)-1)
	}
}

func TestLooksLikeJSONLines(t *testing.T) {
	tests := []struct {
		data string
		eof  bool
		want bool
	}{
		{`{"text":"a"}`, true, true},
		{"\n\n  " + `{"url":"x", "html":"<p>"}` + "\n", true, true},
		{`{"url":"x","title":"y"}` + "\n" + `{"text":"a"}`, true, false},
		{`{"url":"x","title":"y"}`, true, false},
		{`{"url":"x","ti`, false, true}, // the first line runs past what was peeked
		{`{"url":"x","ti`, true, false}, // cut and complete: broken
		{"{\n  \"text\": \"pretty\"\n}", true, false},
		{"{Editor's note} The council met.", true, false},
		{"The council met.", true, false},
		{`[{"text":"a"}]`, true, false},
	}
	for _, tc := range tests {
		if got := looksLikeJSONLines([]byte(tc.data), tc.eof); got != tc.want {
			t.Errorf("looksLikeJSONLines(%q, %v) = %v, want %v", tc.data, tc.eof, got, tc.want)
		}
	}
}

// FuzzJSONLines checks that any input gives, for each line, a document or an
// InputError naming it, and never panics.
func FuzzJSONLines(f *testing.F) {
	f.Add([]byte(`{"text":"a"}` + "\n" + `{"html":"<p>b</p>","url":"u","published":1}`))
	const max = 256
	f.Fuzz(func(t *testing.T, data []byte) {
		calls := 0
		r := newReader(context.Background(), Options{MaxBytes: max}, func(d Document, err error) error {
			calls++
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("error %v is not an *InputError", err)
				}
				if strings.ContainsAny(ie.Error(), "\r\n") || !strings.HasPrefix(ie.Source, "f.jsonl:") {
					t.Fatalf("bad error %q", ie.Error())
				}
				return nil
			}
			if !strings.HasPrefix(d.Source, "f.jsonl:") || len(d.Body) == 0 || !utf8.Valid(d.Body) ||
				(d.Format != HTML && d.Format != Text) {
				t.Fatalf("bad document %+v", d)
			}
			return nil
		})
		// A tiny buffer makes long lines cross many reads.
		if err := r.jsonLines("f.jsonl", bufio.NewReaderSize(bytes.NewReader(data), 16), false); err != nil {
			t.Fatalf("jsonLines: %v", err)
		}
		want := 0
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(line) > max || len(bytes.TrimSpace(line)) > 0 {
				want++
			}
		}
		if calls != want {
			t.Fatalf("%d results for %d records", calls, want)
		}
		looksLikeJSONLines(data, false)
		looksLikeJSONLines(data, true)
		looksLikeHTML(data)
	})
}

// A record names its outlet by a "source" object's name (NewsAPI's shape) or
// by a string field (site_name, outlet, publisher); an address is no name, a
// plain string "source" (where the record came from) is none, and a record
// without one names none.
func TestJSONLinesSiteName(t *testing.T) {
	tests := []struct {
		name, record, want string
	}{
		{"source object", `{"source":{"id":null,"name":" Jozi  Daily "},"site_name":"Other","text":"x"}`, "Jozi Daily"},
		{"source object without name", `{"source":{"id":"jozi"},"outlet":"Karoo Ledger","text":"x"}`, "Karoo Ledger"},
		{"site_name", `{"site_name":"Jozi Daily","outlet":"Other","text":"x"}`, "Jozi Daily"},
		{"outlet", `{"outlet":"Karoo Ledger","text":"x"}`, "Karoo Ledger"},
		{"publisher", `{"publisher":"Vaal Weekly","text":"x"}`, "Vaal Weekly"},
		{"source string", `{"source":"rss","text":"x"}`, ""},
		{"source string of a crawl", `{"source":"common_crawl","text":"x"}`, ""},
		{"source string then publisher", `{"source":"rss","publisher":"Tidewater Gazette","text":"x"}`, "Tidewater Gazette"},
		{"source an address", `{"source":"https://tidewater.example/feed","text":"x"}`, ""},
		{"address then name", `{"site_name":"www.tidewater.example","publisher":"Tidewater Gazette","text":"x"}`, "Tidewater Gazette"},
		{"publisher not a string", `{"publisher":{"name":"Tidewater Gazette"},"text":"x"}`, ""},
		{"too long", `{"outlet":"` + strings.Repeat("Harbour ", 20) + `","text":"x"}`, ""},
		{"none", `{"url":"https://tidewater.example/a","text":"x"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Document
			err := Read(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(tt.record + "\n")}, func(d Document, err error) error {
				if err != nil {
					t.Errorf("%v", err)
				}
				got = append(got, d)
				return nil
			})
			if err != nil || len(got) != 1 {
				t.Fatalf("read %d documents, %v", len(got), err)
			}
			if got[0].SiteName != tt.want {
				t.Errorf("site name %q, want %q", got[0].SiteName, tt.want)
			}
		})
	}
}
