package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// --db "" (or blanks) is a usage error for every command that takes it:
// SQLite would open a temporary database, and ingest and import reported
// success into it and stored nothing.
func TestBlankDB(t *testing.T) {
	story := filepath.Join(t.TempDir(), "story.txt")
	if err := os.WriteFile(story, []byte(storyText), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{"", "  "} {
		for _, args := range [][]string{
			{"ingest", "--db", db, story},
			{"import", "--db", db, story},
			{"search", "--db", db, "ferry"},
			{"speakers", "--db", db},
			{"quotes", "--db", db, "1"},
			{"article", "--db", db, "0123456789abcdef"},
			{"export", "--db", db},
			{"serve", "--db", db},
		} {
			t.Run(strconv.Quote(strings.Join(args[:3], " ")), func(t *testing.T) {
				// (A store named "  " that an ingest made would be found by the next.)
				t.Chdir(t.TempDir())
				code, out, errs := run(t, "", args...)
				if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "--db") {
					t.Errorf("exit %d, want %d; stdout %q, stderr %q", code, ExitUsage, out, errs)
				}
				if ents, _ := os.ReadDir("."); len(ents) != 0 {
					t.Errorf("%d files made in the working folder", len(ents))
				}
			})
		}
	}
}

// A damaged store is the store's error (exit 1, naming its file), not a bad
// query (exit 2): only words FTS5 cannot parse are the query's fault.
func TestSearchDamagedStore(t *testing.T) {
	db := smallStore(t, t.TempDir(), "w.db")
	if code, _, errs := run(t, "", "search", "--db", db, "--", "^^"); code != ExitUsage || !strings.Contains(errs, "bad query") {
		t.Errorf("bad words: exit %d, stderr %q", code, errs)
	}
	dropTable(t, db, "quotes_fts")
	dropTable(t, db, "articles_fts")
	for _, args := range [][]string{
		{"search", "--db", db, "pier"},
		{"search", "--db", db, "--articles", "pier"},
	} {
		code, _, errs := run(t, "", args...)
		if code != ExitFailed || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, db) || strings.Contains(errs, "bad query") {
			t.Errorf("%q: exit %d, want %d; stderr %q, want one line naming the store", args, code, ExitFailed, errs)
		}
	}
}

// A store that fails while ingesting: the summary does not claim 0 errors,
// and the last line is one sentence naming the store and the reason, with no
// doubled "store:". A file that is not a store is said so at once.
func TestIngestStoreFails(t *testing.T) {
	dir := t.TempDir()
	db := smallStore(t, dir, "w.db")
	dropTable(t, db, "articles_fts")
	story := filepath.Join(t.TempDir(), "story.txt")
	if err := os.WriteFile(story, []byte(storyText), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "ingest", "--db", db, story)
	if code != ExitAborted || strings.Contains(out, " 0 error(s)") || !strings.Contains(out, "1 error(s)") {
		t.Errorf("exit %d, want %d; summary %q: want the failure counted", code, ExitAborted, out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := lines[len(lines)-1]
	if want := "whosaid ingest: store: cannot save into " + db + ": no such table: articles_fts"; !strings.HasPrefix(last, want) || strings.Count(last, "store:") != 1 {
		t.Errorf("last line %q, want %q…", last, want)
	}

	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("plain notes, not a database\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"ingest", "search"} {
		args := []string{cmd, "--db", notDB, story}
		code, _, errs := run(t, "", args...)
		want := "whosaid " + cmd + ": store: cannot open " + notDB + ": file is not a database"
		if code != ExitFailed || !strings.HasPrefix(errs, want) || strings.Count(errs, "\n") != 1 || strings.Count(errs, "store:") != 1 {
			t.Errorf("%s: exit %d, stderr %q, want %q…", cmd, code, errs, want)
		}
	}
}

// import takes "published" only as the contract has it, RFC 3339 of a real
// date with an offset within ±14:00, and published_local only as a wall
// clock or a day without offset; a quote has content. A record that breaks
// this is reported with its line and the rest of the file goes on.
func TestImportBadDates(t *testing.T) {
	type rec map[string]any
	text := func(n int) string {
		return "The ferry board met on day " + string(rune('a'+n)) + " of the season and voted to keep the timetable."
	}
	records := []struct {
		r      rec
		reason string // "" for a record that is imported
	}{
		{rec{"published": "yesterday"}, `published "yesterday" is not an RFC 3339 time`},
		{rec{"published": "2021-02-30T00:00:00Z"}, `published "2021-02-30T00:00:00Z" is not an RFC 3339 time`},
		{rec{"published": "99999-01-01T00:00:00Z"}, `published "99999-01-01T00:00:00Z" is not`},
		{rec{"published": "2021-01-01T00:00:00+99:00"}, `published "2021-01-01T00:00:00+99:00" is not`},
		{rec{"published": "2021-01-01T00:00:00+15:00"}, "the offset is beyond ±14:00"},
		{rec{"published": "2021-01-01T00:00:00+05:60"}, "is not an RFC 3339 time"},
		{rec{"published": "<b>2021-01-01T00:00:00Z</b>"}, "is not an RFC 3339 time"},
		{rec{"published_local": "2021-01-01T10:00:00+02:00"}, `published_local "2021-01-01T10:00:00+02:00" is not a wall clock`},
		{rec{"published_local": "2021-13-01"}, "published_local"},
		{rec{"quotes": []rec{{"id": "q1", "kind": "direct", "content": "", "spans": []rec{}, "speaker": rec{"name": nil}, "confidence": 0.5}}}, "quote q1: no content"},
		{rec{"published": "2021-01-01T00:00:00-14:00"}, ""},
		{rec{"published": "2021-06-01T12:30:00.25Z"}, ""},
		{rec{"published": ""}, ""},
		{rec{"published": nil, "published_local": "2021-03-04T10:00:00"}, ""},
		{rec{"published": nil, "published_local": "2021-03-04"}, ""},
	}
	var b strings.Builder
	good := 0
	for i, r := range records {
		r.r["text"] = text(i)
		line, err := json.Marshal(r.r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
		if r.reason == "" {
			good++
		}
	}
	file := writeFile(t, "dates.jsonl", []byte(b.String()))
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := run(t, "", "import", "--db", db, file)
	if code != ExitFailed || !strings.Contains(out, "imported "+strconv.Itoa(good)+" new article(s)") {
		t.Errorf("exit %d, want %d; %s", code, ExitFailed, out)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(errs, "\n") {
		at, reason, _ := strings.Cut(strings.TrimPrefix(l, "whosaid import: "+file+":"), ": ")
		lines[at] = reason
	}
	for i, r := range records {
		got, has := lines[strconv.Itoa(i+1)]
		if has != (r.reason != "") || !strings.Contains(got, r.reason) {
			t.Errorf("record %d (%v): reason %q, want %q", i+1, r.r, got, r.reason)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(mustExport(t, db)), "\n") {
		var a struct{ Published *string }
		if err := json.Unmarshal([]byte(l), &a); err != nil || a.Published != nil && *a.Published == "" {
			t.Errorf("exported %s", l)
		}
	}

	// A citron quote with no cue, no sources and no contents has no content.
	citron := writeFile(t, "c.json", []byte(`{"text": "`+text(1)+`", "quotes": [{"cue": null, "sources": null, "contents": null}]}`+"\n"))
	code, _, errs = run(t, "", "import", "--format", "citron", "--db", filepath.Join(t.TempDir(), "c.db"), citron)
	if code != ExitFailed || !strings.Contains(errs, citron+": quote q1: no content") {
		t.Errorf("citron quote without content: exit %d, stderr %q", code, errs)
	}
}
