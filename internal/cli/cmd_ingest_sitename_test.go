package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sitePage is an invented page saved from the site named site; n makes its
// text its own.
func sitePage(site, n string) string {
	return `<!DOCTYPE html><html><head><title>Pier ` + n + ` reopens</title>
<meta property="og:site_name" content="` + site + `"></head><body><main><article>
<h1>Pier ` + n + ` reopens after repairs</h1>
<p>The pier numbered ` + n + ` reopened on Friday after a winter of repairs to its deck and railings.</p>
<p>"Pier ` + n + ` is safe again for every visitor," said Harbourmaster Ilse Varga.</p>
</article></main></body></html>`
}

// Pages saved from two sites into one folder are two outlets, the names the
// pages state; extract prints the name; ingested again they are known, and
// nothing is said of outlets.
func TestIngestSiteNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "saved")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string]string{"a.html": sitePage("Jozi Daily", "one"), "b.html": sitePage("Karoo Ledger", "two")} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := run(t, "", "extract", filepath.Join(dir, "a.html"))
	if code != ExitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	if arts := decode(t, out); len(arts) != 1 || arts[0]["site_name"] != "Jozi Daily" {
		t.Errorf("extract: %s, want site_name Jozi Daily", out)
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, dir); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	if got, want := outletsOf(t, db), []string{"Jozi Daily", "Karoo Ledger"}; !slices.Equal(got, want) {
		t.Errorf("outlets %q, want %q", got, want)
	}
	code, out, errs = run(t, "", "ingest", "--db", db, dir)
	if code != ExitOK || !strings.Contains(out, "(2 known)") || strings.Contains(out+errs, "outlet") {
		t.Errorf("ingested again: exit %d, %q %q; want 2 known, nothing of outlets", code, out, errs)
	}
}

// An outlet named by a site name finds in search what export finds: the
// pages with an address filed under their host, and the local pages filed
// under the name itself.
func TestSearchOutletBySiteName(t *testing.T) {
	dir := t.TempDir()
	page := strings.ReplaceAll(sitePage("Harbour 9 News", "one"), `"`, `\"`)
	page = strings.ReplaceAll(page, "\n", `\n`)
	feed := `{"url":"https://www.harbour9.example/pier-one","html":"` + page + `"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "two.html"), []byte(sitePage("Harbour 9 News", "two")), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "two.html")); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, "", "search", "--db", db, "--outlet", "Harbour 9 News", "--format", "jsonl")
	if code != ExitOK {
		t.Fatalf("search: exit %d %s", code, errs)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("search --outlet by site name: %d quotes, want 2 (both pages):\n%s", n, out)
	}
	code, out, errs = run(t, "", "export", "--db", db, "--outlet", "Harbour 9 News", "--format", "jsonl")
	if code != ExitOK || strings.Count(out, "\n") != 2 {
		t.Errorf("export --outlet by site name: exit %d, %d articles, want 2 %s", code, strings.Count(out, "\n"), errs)
	}
	// outlets lists them as one, by the site name, with the host it is stored as.
	code, out, errs = run(t, "", "outlets", "--db", db, "--format", "jsonl")
	if rows := decode(t, out); code != ExitOK || len(rows) != 1 || rows[0]["outlet"] != "Harbour 9 News" || rows[0]["reports"] != 2.0 ||
		fmt.Sprint(rows[0]["stored_as"]) != "[harbour9.example]" {
		t.Errorf("outlets: exit %d %s %s, want one outlet, Harbour 9 News, 2 reports, stored as harbour9.example", code, out, errs)
	}
}

// A page ingested again at its URL with another text is known, and said to
// have changed, on stdout's summary and in a notice naming its URL; the
// stored text stays.
func TestIngestChangedText(t *testing.T) {
	dir := t.TempDir()
	line := func(month string) string {
		return `{"url":"https://harbour.example/pier","title":"Pier news","text":"The pier reopens in ` + month + `, harbour master Lena Ostrova said on Friday."}` + "\n"
	}
	first, second := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(first, []byte(line("May")), 0o644)
	os.WriteFile(second, []byte(line("June")), 0o644)
	db := filepath.Join(t.TempDir(), "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, first); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, "", "ingest", "--db", db, second)
	if code != ExitOK || !strings.Contains(out, "1 with a text changed") || !strings.Contains(errs, "https://harbour.example/pier") {
		t.Errorf("changed text: exit %d, %q %q; want it said, with the URL", code, out, errs)
	}
	if _, out, _ := run(t, "", "search", "--db", db, "--format", "jsonl", "pier"); !strings.Contains(out, "May") || strings.Contains(out, "June") {
		t.Errorf("the stored text is not the first: %s", out)
	}
	if code, out, errs := run(t, "", "ingest", "--db", db, first); code != ExitOK || strings.Contains(out+errs, "changed") {
		t.Errorf("the same text again: exit %d %q %q, want no change said", code, out, errs)
	}
}

// speakers --outlet counts each speaker over one outlet's reports; --since
// and --until over a time's.
func TestSpeakersByOutlet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "saved")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	other := strings.ReplaceAll(strings.ReplaceAll(sitePage("Karoo Ledger", "three"), "Harbourmaster Ilse Varga", "Councillor Tomas Reyes"), "Pier three is safe", "The deck is sound")
	for name, page := range map[string]string{"a.html": sitePage("Jozi Daily", "one"), "b.html": sitePage("Karoo Ledger", "two"), "c.html": other} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, dir); code != ExitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	speakers := func(args ...string) map[string]float64 {
		t.Helper()
		code, out, errs := run(t, "", append([]string{"speakers", "--db", db, "--format", "jsonl"}, args...)...)
		if code != ExitOK {
			t.Fatalf("speakers %q: exit %d %s", args, code, errs)
		}
		got := map[string]float64{}
		for _, s := range decode(t, out) {
			got[s["name"].(string)] = s["reports"].(float64)
		}
		return got
	}
	if got := speakers(); got["Ilse Varga"] != 2 || got["Tomas Reyes"] != 1 {
		t.Errorf("all outlets: %v, want Ilse Varga 2, Tomas Reyes 1", got)
	}
	if got := speakers("--outlet", "Jozi Daily"); len(got) != 1 || got["Ilse Varga"] != 1 {
		t.Errorf("--outlet Jozi Daily: %v, want Ilse Varga 1 alone", got)
	}
	if got := speakers("--outlet", "karoo ledger"); len(got) != 2 || got["Ilse Varga"] != 1 || got["Tomas Reyes"] != 1 {
		t.Errorf("--outlet karoo ledger: %v, want Ilse Varga 1, Tomas Reyes 1", got)
	}
	if got := speakers("--outlet", "Nowhere Times"); len(got) != 0 {
		t.Errorf("--outlet of no store: %v, want none", got)
	}
	if code, _, errs := run(t, "", "speakers", "--db", db, "--since", "2025-06-12", "--until", "2025-06-11"); code != ExitUsage || errs == "" {
		t.Errorf("an empty range: exit %d %q, want a usage error", code, errs)
	}
}

// An outlet that carries only copies of another's article counts the
// speakers' quotes it carries, not none.
func TestSpeakersByOutletOfCopies(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "saved")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string]string{"a.html": sitePage("Jozi Daily", "one"), "b.html": sitePage("Karoo Ledger", "one")} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "w.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, dir); code != ExitOK || !strings.Contains(out, "new copy") {
		t.Fatalf("ingest: exit %d, want one article and a copy\n%s%s", code, out, errs)
	}
	for _, o := range []string{"Jozi Daily", "Karoo Ledger"} {
		code, out, errs := run(t, "", "speakers", "--db", db, "--outlet", o, "--format", "jsonl")
		rows := decode(t, out)
		if code != ExitOK || len(rows) != 1 || rows[0]["quotes"] != 1.0 || rows[0]["reports"] != 1.0 {
			t.Errorf("--outlet %s: exit %d %s %s, want one speaker, 1 quote, 1 report", o, code, out, errs)
		}
	}
}
