package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func decode(t *testing.T, out string) []map[string]any {
	t.Helper()
	var arts []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("not JSON: %v: %q", err, l)
		}
		arts = append(arts, a)
	}
	return arts
}

const story = "Harbour Votes on New Ferry Line\n\nThe harbour board voted on Tuesday to open a ferry line to the islands.\n\n\"This is the best news the islands have had in years,\" said Councillor Maeve Dunne.\n"

// A batch with bad inputs: every bad one is named once on stderr with its reason, the
// good ones are printed in input order, and the exit status says something failed.
func TestExtractBadInputsBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good1 := write("a-good.txt", []byte(story))
	empty := write("b-empty.txt", nil)
	binary := write("c-binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0, 0, 9})
	broken := write("d-broken.txt", []byte("Headline here\n\nA sentence with a broken byte \xff\xfe in it.\n"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat(story, 50)))
	zw.Close()
	trunc := write("e-trunc.txt.gz", gz.Bytes()[:gz.Len()/2])
	jsonl := write("f-dump.jsonl", []byte(`{"url":"https://example.org/a","title":"Ferry line opens","published":"2025-03-04T10:00:00+01:00","text":"The ferry line opened on Tuesday, officials said."}`+"\n"+`{"url": broken`+"\n"+`{"title":"No body"}`+"\n"))
	huge := filepath.Join(dir, "g-huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(100 << 20)
	f.Close()
	missing := filepath.Join(dir, "h-missing.txt")
	good2 := write("i-good.txt", []byte(story))

	code, out, errs := run(t, "", "extract", good1, empty, binary, broken, trunc, jsonl, huge, missing, good2)
	if code != ExitFailed {
		t.Errorf("exit status %d, want %d", code, ExitFailed)
	}
	arts := decode(t, out)
	var srcs []string
	for _, a := range arts {
		srcs = append(srcs, a["source"].(string))
	}
	want := []string{good1, jsonl + ":1", good2}
	if strings.Join(srcs, "|") != strings.Join(want, "|") {
		t.Errorf("articles from %v, want %v", srcs, want)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	for _, bad := range []struct{ name, reason string }{
		{empty, "empty"}, {binary, "binary"}, {broken, "UTF-8"}, {trunc, "gzip"},
		{jsonl + ":2", "JSON"}, {jsonl + ":3", "no html or text"}, {huge, "too large"}, {missing, ""},
	} {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, bad.name+":") && strings.Contains(l, bad.reason) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("want one stderr line naming %s with %q, got %d in:\n%s", bad.name, bad.reason, n, errs)
		}
	}
}

// oneArticle decodes out, which must be one JSON line holding every field of
// the output contract, and returns it.
func oneArticle(t *testing.T, out string) map[string]any {
	t.Helper()
	arts := decode(t, out)
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	a := arts[0]
	for _, k := range []string{"source", "id", "url", "title", "published", "timezone", "text", "blocks", "entities", "quotes"} {
		if _, ok := a[k]; !ok {
			t.Errorf("contract field %q missing", k)
		}
	}
	return a
}

func TestExtractStdinAndContract(t *testing.T) {
	code, out, errs := run(t, story, "extract", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a := oneArticle(t, out)
	if a["source"] != "-" || a["title"] != "Harbour Votes on New Ferry Line" {
		t.Errorf("source %v title %v", a["source"], a["title"])
	}
	if id, _ := a["id"].(string); len(id) != 16 {
		t.Errorf("id %q is not 16 hex digits", id)
	}
	text := []rune(a["text"].(string))
	for _, b := range a["blocks"].([]any) {
		bm := b.(map[string]any)
		s, e := int(bm["start"].(float64)), int(bm["end"].(float64))
		if s < 0 || e > len(text) || s >= e {
			t.Errorf("block %v out of the text", bm)
		}
	}
	qs := a["quotes"].([]any)
	if len(qs) == 0 {
		t.Fatal("no quote found")
	}
	q := qs[0].(map[string]any)
	if q["kind"] != "direct" || !strings.HasPrefix(q["content"].(string), "This is the best news") {
		t.Errorf("quote %v", q)
	}
	sp := q["speaker"].(map[string]any)
	if sp["name"] != "Maeve Dunne" {
		t.Errorf("speaker %v, want Maeve Dunne", sp)
	}
}

func TestExtractUsage(t *testing.T) {
	if code, _, _ := run(t, "", "extract"); code != ExitUsage {
		t.Errorf("no input: exit %d", code)
	}
	if code, _, _ := run(t, "", "nonsense"); code != ExitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
}

// The examples the README runs must give articles with quotes and named speakers.
func TestExamples(t *testing.T) {
	code, out, errs := run(t, "", "extract", "../../examples")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	arts := decode(t, out)
	if len(arts) < 3 {
		t.Fatalf("%d articles from examples/", len(arts))
	}
	for _, a := range arts {
		named := 0
		for _, q := range a["quotes"].([]any) {
			if sp := q.(map[string]any)["speaker"].(map[string]any); sp["name"] != nil {
				named++
			}
		}
		if named < 3 {
			t.Errorf("%s: %d quotes with a named speaker", a["source"], named)
		}
	}
}

// failWriter is an output that cannot be written, as a full disk.
type failWriter struct{}

func (failWriter) Write(p []byte) (int, error) { return 0, errors.New("no space left on device") }

// Output that cannot be written is exit status 3 and one line saying so, for
// every command that prints.
func TestOutputNotWritten(t *testing.T) {
	db := ingestExamples(t)
	_, out, _ := run(t, "", "export", "--db", db)
	id := decode(t, out)[0]["id"].(string)
	dir := t.TempDir()
	story := filepath.Join(dir, "story.txt")
	os.WriteFile(story, []byte(storyText), 0o644)
	for _, args := range [][]string{
		{"export", "--db", db},
		{"export", "--db", db, "--format", "csv"},
		{"export", "--db", db, "--out", filepath.Join(dir, "no", "such", "folder.jsonl")},
		{"search", "--db", db, "leaks"},
		{"search", "--db", db, "--format", "csv", "leaks"},
		{"search", "--db", db, "--articles", "leaks"},
		{"speakers", "--db", db},
		{"quotes", "--db", db, "1"},
		{"quotes", "--db", db, "--format", "jsonl", "1"},
		{"article", "--db", db, id},
		{"article", "--db", db, "--format", "jsonl", id},
		{"extract", story},
		{"ingest", "--db", filepath.Join(dir, "w.db"), story},
	} {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			var errb bytes.Buffer
			code := Run(context.Background(), args, strings.NewReader(""), failWriter{}, &errb)
			errs := errb.String()
			if code != ExitAborted || strings.Count(errs, "could not write the output") != 1 {
				t.Errorf("%q: exit %d, want %d; stderr %q", args, code, ExitAborted, errs)
			}
		})
	}
}

const storyText = "Harbour Votes on New Ferry Line\n\nThe harbour board voted on Tuesday to open a ferry line to the islands.\n\n\"This is the best news the islands have had in years,\" said Councillor Maeve Dunne.\n"

// A value out of range is a usage error naming the flag (or the argument),
// never accepted silently nor reported as a failed input.
func TestUsageErrorsNameTheValue(t *testing.T) {
	db := ingestExamples(t)
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"quotes", "--db", db, "--", "-5"}, `"-5"`},
		{[]string{"quotes", "--db", db, "0"}, `"0"`},
		{[]string{"article", "--db", db, "xyz"}, `"xyz"`},
		{[]string{"serve", "--db", db, "--addr", "nonsense"}, "--addr"},
		{[]string{"serve", "--db", db, "--addr", "127.0.0.1:99999"}, "--addr"},
		{[]string{"speakers", "--db", db, "--top", "-1"}, "--top"},
		{[]string{"search", "--db", db, "--limit", "-1", "x"}, "--limit"},
		{[]string{"extract", "--max-bytes", "-5", "x"}, "--max-bytes"},
		{[]string{"extract", "--workers", "-3", "x"}, "--workers"},
		{[]string{"extract", "--timeout", "-1s", "x"}, "--timeout"},
		{[]string{"ingest", "--db", db, "--workers", "-3", "x"}, "--workers"},
		{[]string{"ingest", "--db", db, "--max-bytes", "-5", "x"}, "--max-bytes"},
	} {
		code, _, errs := run(t, "", tt.args...)
		if code != ExitUsage || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.msg) {
			t.Errorf("%q: exit %d, want %d; stderr %q", tt.args, code, ExitUsage, errs)
		}
	}
	// An id of the right form that is not stored is a failed lookup.
	if code, _, errs := run(t, "", "article", "--db", db, "0000000000000000"); code != ExitFailed || !strings.Contains(errs, "no article") {
		t.Errorf("unknown article: exit %d, stderr %q", code, errs)
	}
}

// Ctrl-C during extract says "interrupted", as ingest does.
func TestExtractInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := Run(ctx, []string{"extract", "../../examples"}, strings.NewReader(""), &out, &errb)
	if code != ExitAborted || errb.String() != "whosaid extract: interrupted\n" {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// In CSV a quote without a speaker has an empty speaker field; the table
// shows "-".
func TestCSVMissingSpeaker(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "rail.txt")
	os.WriteFile(p, []byte("Minister vows to reopen rail link by spring\n\nThe northern rail link would reopen by April, the transport minister, Greta Holmquist, said on Wednesday.\n\nOfficials said the work would cost less than planned.\n"), 0o644)
	db := filepath.Join(dir, "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, p); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	_, out, _ := run(t, "", "export", "--db", db)
	id := decode(t, out)[0]["id"].(string)
	for _, tt := range []struct {
		args []string
		col  int
	}{
		{[]string{"search", "--db", db, "--format", "csv"}, 3},
		{[]string{"article", "--db", db, "--format", "csv", id}, 3},
	} {
		code, out, errs := run(t, "", tt.args...)
		if code != ExitOK {
			t.Fatalf("%q: exit %d\n%s", tt.args, code, errs)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		empty := 0
		for _, r := range recs[1:] {
			if slices.Contains(r, "-") {
				t.Errorf("%q: a field is \"-\": %q", tt.args, r)
			}
			if r[tt.col] == "" {
				empty++
			}
		}
		if empty == 0 {
			t.Errorf("%q: no quote without a speaker to check:\n%s", tt.args, out)
		}
	}
	if _, out, _ := run(t, "", "search", "--db", db); !strings.Contains(out, " - ") {
		t.Errorf("table without \"-\" for a missing speaker:\n%s", out)
	}
}

// storyParas is an invented agency report long enough that a new byline and
// one rewritten sentence keep a copy a near-duplicate (Jaccard >= 0.8).
var storyParas = []string{
	"By Tomas Brenner, Valley Press Agency",
	"The water board of Arnsdal said on Tuesday that the reservoir above the town will be drained for six months from April while divers and engineers repair the cracked outlet tower and the old sluice gates.",
	"Drinking water will come from the two wells in the eastern hills during the works, and households have been asked to save water in the dry weeks of the summer, the board said in a statement.",
	"Anglers who fish the reservoir said they feared losing a whole season, and the angling club asked the board to restock the lake with trout once it is filled again in the autumn.",
	"The repairs will cost twelve million crowns, most of it from the regional fund for water works, and the reservoir should be full again before the first frosts, according to the board's chief engineer.",
	"Engineers found the cracks last winter when the water level fell after a dry autumn and a warden walking the dam noticed water seeping from the base of the tower.",
	"A temporary pipeline will carry water from the wells to the treatment plant beside the river, and lorries will bring extra water to the farms on the upper road if the wells run low.",
	"The town council will decide next month whether the summer regatta, held on the reservoir every July for ninety years, can move to the lake on the far side of the valley.",
	"Farmers on the upper road have asked for a written promise that their cattle will have water during the works, saying that a hot summer could leave the wells dry by August.",
	"The dam, built of stone from the quarry above the village, has held the reservoir since the last century and was last repaired after an earthquake forty years ago.",
	"Its outlet tower is a listed building, and the board said that every stone taken down would be numbered, cleaned and set back in place by masons from the cathedral workshop.",
	"Walkers will not be allowed on the path across the dam while the works go on, and a footbridge downstream will stay open so that the circular walk around the valley can still be done.",
	"The board will hold an open evening at the town hall next Thursday, where residents can see the plans and put their questions to the engineers about the timetable and the water supply.",
}

// A stored article shows its story: the other reports (near-duplicates at
// other outlets and copies of the same text), the first report marked, in the
// table and as a "story" field beside the contract's fields in JSON Lines.
func TestArticleShowsStory(t *testing.T) {
	dir := t.TempDir()
	rec := func(url, title, published string, paras []string) string {
		b, _ := json.Marshal(map[string]string{"url": url, "title": title, "published": published, "text": strings.Join(paras, "\n\n")})
		return string(b) + "\n"
	}
	copied := slices.Clone(storyParas)
	copied[0] = "From our correspondent in Arnsdal, The Valley Courier"
	copied[3] = "Members of the angling club expect to lose a whole season of fishing and want the board to put trout back in the lake when it is full again."
	const (
		lateURL  = "https://valley-courier.example/news/reservoir"
		origURL  = "https://valley-press.example/reservoir"
		copyURL  = "https://hill-gazette.example/reservoir"
		otherURL = "https://valley-press.example/bus"
	)
	// The later syndicated copy comes first in the file: it is stored first.
	file := filepath.Join(dir, "wire.jsonl")
	os.WriteFile(file, []byte(rec(lateURL, "Reservoir to Be Drained", "2025-04-01T18:00:00+02:00", copied)+
		rec(origURL, "Reservoir to Be Drained for Repairs", "2025-04-01T09:00:00+02:00", storyParas)+
		rec(copyURL, "Reservoir to Be Drained for Repairs", "2025-04-01T12:00:00+02:00", storyParas)+
		rec(otherURL, "New Bus Line to the Hospital", "2025-04-02T09:00:00+02:00", []string{
			"A new bus line will link the station with the hospital from May, the transport office of Arnsdal said on Wednesday.",
			"The buses will run every twenty minutes on weekdays and every hour on Sundays.",
		})), 0o644)
	db := filepath.Join(dir, "w.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, file); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	_, out, _ := run(t, "", "export", "--db", db)
	ids := map[string]string{}
	for _, a := range decode(t, out) {
		ids[a["url"].(string)] = a["id"].(string)
	}
	late, orig, other := ids[lateURL], ids[origURL], ids[otherURL]
	if late == "" || orig == "" || other == "" || ids[copyURL] != orig {
		t.Fatalf("ids by URL: %v", ids)
	}

	t.Run("table", func(t *testing.T) {
		code, out, errs := run(t, "", "article", "--db", db, late)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"3 reports; first reported by valley-press.example on 2025-04-01T09:00:00+02:00", "Also reported by"} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
		lines := map[string]string{}
		for _, l := range strings.Split(out, "\n") {
			for _, u := range []string{lateURL, origURL, copyURL, otherURL} {
				if strings.HasSuffix(l, u) {
					lines[u] = l
				}
			}
		}
		if l := lines[origURL]; !strings.Contains(l, orig) || !strings.Contains(l, "first report") || !strings.Contains(l, "2025-04-01T09:00:00+02:00") {
			t.Errorf("first report's line %q", l)
		}
		if l := lines[copyURL]; !strings.Contains(l, "hill-gazette.example") || !strings.Contains(l, "copy") || strings.Contains(l, "first") {
			t.Errorf("copy's line %q", l)
		}
		if _, ok := lines[otherURL]; ok {
			t.Error("a different article is listed in the story")
		}
		if strings.Index(out, "Also reported by") > strings.Index(out, "CONTENT") && strings.Contains(out, "CONTENT") {
			t.Error("the story comes after the quotes")
		}

		_, out, _ = run(t, "", "article", "--db", db, orig)
		if !strings.Contains(out, "this article is the first report") || !strings.Contains(out, "copy of this article") || !strings.Contains(out, lateURL) {
			t.Errorf("the first report's own page:\n%s", out)
		}
		_, out, _ = run(t, "", "article", "--db", db, other)
		if strings.Contains(out, "Also reported by") || strings.Contains(out, "Story ") {
			t.Errorf("an article alone in its story shows a story:\n%s", out)
		}
	})

	t.Run("jsonl", func(t *testing.T) {
		code, out, errs := run(t, "", "article", "--db", db, "--format", "jsonl", late)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		a := oneArticle(t, out)
		if a["id"] != late {
			t.Errorf("id %v, want %s", a["id"], late)
		}
		st, ok := a["story"].(map[string]any)
		if !ok {
			t.Fatalf("no story: %v", a["story"])
		}
		if _, ok := st["id"].(float64); !ok || st["size"] != 3.0 || st["first_reported"] != "2025-04-01T09:00:00+02:00" {
			t.Errorf("story %v", st)
		}
		var got []string
		for _, m := range st["articles"].([]any) {
			m := m.(map[string]any)
			got = append(got, fmt.Sprintf("%v %v %v %v", m["id"], m["url"], m["copy"], m["first"]))
		}
		want := []string{orig + " " + origURL + " false true", orig + " " + copyURL + " true false", late + " " + lateURL + " false false"}
		if !slices.Equal(got, want) {
			t.Errorf("members\n got %q\nwant %q", got, want)
		}
		_, out, _ = run(t, "", "article", "--db", db, "--format", "jsonl", other)
		if st, _ := decode(t, out)[0]["story"].(map[string]any); st == nil || st["size"] != 1.0 {
			t.Errorf("story of an article alone: %v", st)
		}
	})

	// CSV stays the article's quotes, one per row.
	if code, out, _ := run(t, "", "article", "--db", db, "--format", "csv", late); code != ExitOK || strings.Contains(out, "Also reported") {
		t.Errorf("csv: exit %d\n%s", code, out)
	}
}

// "whosaid help COMMAND" is the command's help; an article id copied in
// capitals finds the article; a server listening on every interface gives an
// address a browser can open.
func TestSmallConveniences(t *testing.T) {
	code, out, errs := run(t, "", "help", "search")
	if code != ExitOK || !strings.Contains(out+errs, "Usage: whosaid search") {
		t.Errorf("help search: exit %d\n%s%s", code, out, errs)
	}
	db := ingestExamples(t)
	_, out, _ = run(t, "", "export", "--db", db)
	id := decode(t, out)[0]["id"].(string)
	_, want, _ := run(t, "", "article", "--db", db, id)
	if code, out, errs := run(t, "", "article", "--db", db, strings.ToUpper(id)); code != ExitOK || out != want {
		t.Errorf("article %s: exit %d\n%s%s", strings.ToUpper(id), code, out, errs)
	}
	for addr, want := range map[string]string{"[::]:8080": "localhost:8080", "0.0.0.0:80": "localhost:80", "127.0.0.1:9000": "127.0.0.1:9000"} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := browsable(a); got != want {
			t.Errorf("browsable(%s) = %s, want %s", addr, got, want)
		}
	}
}
