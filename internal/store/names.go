package store

import (
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
)

// fold lower-cases s, turns every run of punctuation, quote marks, symbols and
// spaces into one space and trims it: the key under which quote contents and
// names are compared.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		// Apostrophes join a word ("Dunne's" and "Dunnes" differ only in a mark
		// nobody types the same way twice).
		if r == '\'' || r == '’' || r == 'ʼ' {
			continue
		}
		space = true
	}
	return b.String()
}

// particles are name words that are not a name on their own.
var particles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "abu": true,
	"de": true, "del": true, "della": true, "der": true, "di": true, "da": true, "dos": true,
	"du": true, "la": true, "le": true, "van": true, "von": true, "y": true, "ben": true,
}

// titles are words that precede a name without being part of it.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true,
	"president": true, "vice": true, "prime": true, "minister": true, "secretary": true,
	"chancellor": true, "king": true, "queen": true, "prince": true, "princess": true,
	"sheikh": true, "emir": true, "sultan": true, "pope": true, "senator": true, "sen": true,
	"rep": true, "representative": true, "gov": true, "governor": true, "mayor": true,
	"general": true, "gen": true, "colonel": true, "col": true, "lt": true, "captain": true,
	"judge": true, "justice": true, "councillor": true, "councilor": true, "ambassador": true,
	"director": true, "chairman": true, "chief": true, "commissioner": true, "speaker": true,
	"foreign": true, "defence": true, "defense": true, "interior": true, "finance": true,
	"trade": true, "agriculture": true, "health": true, "deputy": true, "former": true,
	"lord": true, "lady": true, "dame": true,
}

// titlesSQL lists the titles as SQL strings, for a name key's first word.
var titlesSQL = sqlWords(titles, func(bool) bool { return true })

// sqlWords lists, in order, the keys of m whose values keep accepts as SQL
// strings ("'mr', 'sir'"). The keys are our own lower-case words, with no quote.
func sqlWords[V any](m map[string]V, keep func(V) bool) string {
	var ws []string
	for w, v := range m {
		if keep(v) {
			ws = append(ws, "'"+w+"'")
		}
	}
	slices.Sort(ws)
	return strings.Join(ws, ", ")
}

// nameTokens returns the folded words of a name that identify a person: no
// titles, no particles.
func nameTokens(key string) []string {
	var out []string
	for _, w := range strings.Fields(key) {
		if titles[w] || particles[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// isPartial reports whether a folded name is a surname alone, perhaps with a
// title ("assad", "president assad"): not enough to create a distinct person
// when someone fuller already has it as an alias.
func isPartial(key string) bool { return len(nameTokens(key)) <= 1 }

// bareKey is a folded full name without its middle initials ("paul d ryan" →
// "paul ryan"; "george h w bush" → "george bush"). The Irish "ó" of a
// surname ("mícheál ó briain") is no initial.
func bareKey(key string) string {
	return withoutMiddle(key, func(w string) bool {
		r, size := utf8.DecodeRuneInString(w)
		return size == len(w) && unicode.IsLetter(r) && w != "ó"
	})
}

// bareForm is a full name as written without its middle initials ("Paul D.
// Ryan" → "Paul Ryan", "George H.W. Bush" → "George Bush").
func bareForm(name string) string { return withoutMiddle(name, isInitials) }

// withoutMiddle is name without the words between its first and last that drop
// says to drop; name itself when there are none, or when its first word is one
// of them ("J. K. Rowling" is not "J. Rowling").
func withoutMiddle(name string, drop func(string) bool) string {
	words := strings.Fields(name)
	if len(words) < 3 || drop(words[0]) {
		return name
	}
	out := words[:1:1]
	for _, w := range words[1 : len(words)-1] {
		if !drop(w) {
			out = append(out, w)
		}
	}
	if len(out) == len(words)-1 {
		return name
	}
	return strings.Join(append(out, words[len(words)-1]), " ")
}

// isInitials reports whether w is one or more initials: "D.", "H.W.", "D";
// not the Irish "Ó" of a surname.
func isInitials(w string) bool {
	if w == "Ó" {
		return false
	}
	n := 0
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			n++
			if next, _ := utf8.DecodeRuneInString(w[i+utf8.RuneLen(r):]); i+utf8.RuneLen(r) < len(w) && next != '.' {
				return false
			}
		case r == '.':
		default:
			return false
		}
	}
	return n > 0
}

// lastToken returns the last identifying word of a folded name, "" if none.
func lastToken(key string) string {
	t := nameTokens(key)
	if len(t) == 0 {
		return ""
	}
	return t[len(t)-1]
}

// aliasOf reports whether mention is a proper-name form of the person called
// name: every word capitalised (particles such as "al-" aside), no comma or
// possessive, at most six words, and ending in the same identifying word.
// "President Assad" and "Assad" are aliases of "Bashar al-Assad"; "he" and
// "the Syrian leader" are not.
func aliasOf(mention, name string) bool {
	mention = strings.TrimSpace(mention)
	if mention == "" || utf8.RuneCountInString(mention) > 80 || strings.ContainsAny(mention, ",;:()\"“”") {
		return false
	}
	if strings.Contains(mention, "'s ") || strings.Contains(mention, "’s ") || strings.HasSuffix(mention, "'s") || strings.HasSuffix(mention, "’s") {
		return false
	}
	words := strings.Fields(mention)
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		if !capitalised(w) {
			return false
		}
	}
	// The same last word: "President Assad" of "Bashar al-Assad", "The Post" of
	// "The Washington Post"; not "U.S. Senate" of "U.S.", nor "Washington" of it.
	last := lastToken(fold(name))
	return last != "" && lastToken(fold(mention)) == last
}

// capitalised reports whether a name word starts with a capital, or is a
// particle, or is a particle joined to a capitalised word ("al-Assad").
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if particles[fold(w)] {
		return true
	}
	if i := strings.IndexByte(w, '-'); i > 0 && particles[strings.ToLower(w[:i])] {
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

// Origin is where an article was read from, for naming its outlet.
type Origin struct {
	// Input is the command-line input the article was read from ("" when
	// unknown). A folder names the outlet of every file found under it, a
	// file the folder holding it, a JSON Lines or WARC file its own records.
	// An article with a URL is reported by the URL's host whatever its input.
	Input string
	// Outlet, when not "", is the article's outlet whatever its URL or
	// input: the user named it.
	Outlet string
}

// articleOutlet is where an article came from: the outlet the user named, else
// the URL's host without "www." (the key stores have always filed articles
// with a URL under), else the site's name the page or record states
// (og:site_name, a JSON Lines record's "source" name), else what outletName
// makes of its file. A folder of pages saved from many sites so gives each its
// own outlet.
func articleOutlet(a *article.Article, o Origin) string {
	if o.Outlet == "" && urlHost(a.URL) == "" {
		if name := article.CleanSiteName(a.SiteName); name != "" {
			return name
		}
	}
	return outletName(a.URL, a.Source, o)
}

// urlHost is the host of rawURL in lower case without "www.", "" when it has none.
func urlHost(rawURL *string) string {
	if rawURL == nil || *rawURL == "" {
		return ""
	}
	u, err := url.Parse(*rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// outletName is where an article came from when its page or record states no
// site name (and where earlier versions filed every article without a URL,
// whatever name it stated): the outlet the user named, else the URL's host
// without "www.", else for a local input the folder named on the command line
// (its base name, for every file under it), else the file of a JSON Lines or
// WARC record ("dump.jsonl:3" → "dump.jsonl"), else the folder holding the
// file, else the file itself.
func outletName(rawURL *string, source string, o Origin) string {
	if o.Outlet != "" {
		return o.Outlet
	}
	if host := urlHost(rawURL); host != "" {
		return host
	}
	if source == "" || source == "-" {
		return "stdin"
	}
	if name := inputOutlet(o.Input, source); name != "" {
		return name
	}
	if i := strings.LastIndexAny(source, ":#"); i > 0 {
		if _, err := strconv.Atoi(source[i+1:]); err == nil {
			return filepath.Base(source[:i])
		}
	}
	if dir := filepath.Dir(source); dir != "." && dir != string(filepath.Separator) {
		return filepath.Base(dir)
	}
	return filepath.Base(source)
}

// filedUnderFolder reports whether the stored article pk, whose text a without
// a URL has, is filed under the outlet a would have had were its site name not
// read (its folder's name: where earlier versions filed it, and where a plain
// text of it in the same folder is filed). That is a again, not a copy at the
// site it names: ingesting the same folder again into an older store changes
// nothing, from whatever path it is named.
func (sv *saver) filedUnderFolder(pk int64, a *article.Article, o Origin, outlet string) (bool, error) {
	folder := outletName(a.URL, a.Source, o)
	if folder == outlet {
		return false, nil
	}
	return sv.one(`SELECT 1 FROM outlets ol WHERE ol.name = ?2
		AND (EXISTS (SELECT 1 FROM articles WHERE pk = ?1 AND outlet_id = ol.id)
			OR EXISTS (SELECT 1 FROM article_copies WHERE article_pk = ?1 AND outlet_id = ol.id))`,
		[]any{pk, folder}, new(int))
}

// inputOutlet names the outlet of a document read from source, found under
// input as given on the command line: the folder input names, or the folder
// holding the file input names; "" when input says nothing (unknown,
// standard input, a URL, a JSON Lines or WARC file, the root folder).
func inputOutlet(input, source string) string {
	if input == "" || input == "-" || strings.Contains(input, "://") {
		return ""
	}
	if strings.HasPrefix(source, input) && len(source) > len(input) && (source[len(input)] == ':' || source[len(input)] == '#') {
		return "" // a record of a file: the file's name, below
	}
	dir := input // a folder: every file under it, whatever its depth
	if source == input {
		dir = filepath.Dir(input) // a file named alone: its own folder
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	name := filepath.Base(abs)
	if name == string(filepath.Separator) || name == "." || name == filepath.VolumeName(abs) {
		return ""
	}
	return name
}
