package webpage

import (
	"strings"
	"testing"
)

// The outlet's name is the one the page states: og:site_name, else its JSON-LD
// publisher's, else application-name; an address or an over-long value is no
// name, and a page that states none gives "" (no guess from its title).
func TestSiteName(t *testing.T) {
	page := func(head string) string {
		return `<!DOCTYPE html><html><head><title>Ferry fares rise | Harbour Post</title>` + head + `</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>
<h1>Ferry fares rise by ten pence</h1>` + ferryProse + ferryProse2 + `
<p>The board will meet again in the spring to decide whether the evening crossings stay on the timetable next year.</p>
</article></main><footer>Harbour Post</footer></body></html>`
	}
	ld := func(json string) string { return `<script type="application/ld+json">` + json + `</script>` }
	tests := []struct {
		name, head, want string
	}{
		{"og:site_name", `<meta property="og:site_name" content="  Jozi   Daily ">
<meta name="application-name" content="Jozi App">`, "Jozi Daily"},
		{"JSON-LD publisher", ld(`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry fares rise",
"publisher":{"@type":"NewsMediaOrganization","name":"Karoo Ledger","url":"https://karoo-ledger.example/"}}`) +
			`<meta name="application-name" content="Ledger App">`, "Karoo Ledger"},
		{"JSON-LD publisher by reference", ld(`{"@context":"https://schema.org","@graph":[
{"@type":"NewsArticle","headline":"Ferry fares rise","publisher":{"@id":"https://tidewater.example/#org"}},
{"@type":"Organization","@id":"https://tidewater.example/#org","name":"Tidewater Gazette"}]}`), "Tidewater Gazette"},
		{"og:site_name an address", `<meta property="og:site_name" content="https://www.jozi-daily.example/">` +
			ld(`{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Jozi Daily"}}`), "Jozi Daily"},
		{"publisher a person", ld(`{"@type":"BlogPosting","publisher":{"@type":"Person","name":"Thandi Mokoena"}}`) +
			`<meta name="application-name" content="Vaal Weekly">`, "Vaal Weekly"},
		{"application-name", `<meta name="application-name" content="Vaal Weekly">`, "Vaal Weekly"},
		{"too long", `<meta property="og:site_name" content="` + strings.Repeat("Harbour ", 20) + `">`, ""},
		{"none", ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ExtractPage([]byte(page(tt.head)), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.SiteName != tt.want {
				t.Errorf("site name %q, want %q", p.SiteName, tt.want)
			}
		})
	}
}
