package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
)

// A name in a byline: capitalised words, initials, and the particles of
// Arabic, Dutch, Spanish and other names.
const (
	nameWord = `(?:\p{Lu}[\p{L}'’.-]*|al-\p{L}+|el-\p{L}+|(?:al|el|bin|ibn|abu|de|da|del|della|der|di|du|la|le|van|von|ten|ter|dos|das|y)\b)`
	name     = `\p{Lu}[\p{L}'’.-]*(?:\s+` + nameWord + `){0,4}`
	names    = name + `(?:\s*(?:,|\band\b|&)\s*` + name + `)*`
	// personName is a name of two to four capitalised words or initials
	// ("Jo Lane", "Ana M. Ruiz", "Jo L."), with the particles of nameWord.
	personName = `\p{Lu}[\p{L}'’-]*\.?(?:\s+` + nameWord + `){1,3}`
)

var (
	reByline = regexp.MustCompile(`^(?i:by|written by|words by|story by|text by|report by|reported by)\s+(` + names + `)` +
		`(?:\s*[,|\x{2013}\x{2014}-]\s*([^.!?]{1,60}))?$`)
	reNameRole = regexp.MustCompile(`^(` + name + `)\s*[|,\x{2013}\x{2014}-]\s*(?i:` + role + `)(?:\s*[,|]\s*[^.!?]{1,40})?$`)
	reRole     = regexp.MustCompile(`^(?i:` + role + `)$`)
	reReadTime = regexp.MustCompile(`(?i)^(?:timer\s+)?\d+\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+read)?$`)
	// reReadTimeTail is a reading time closing a time line, after the clock
	// icon's name some pages print ("timer 4 min. read").
	reReadTimeTail = regexp.MustCompile(`(?i)\s(?:timer\s+)?\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$`)
	// reNamesOnly is a line of people's names alone ("Jo Lane", "Jo Lane and
	// Ana Ruiz"), two to four words a name.
	reNamesOnly = regexp.MustCompile(`^` + personName + `(?:(?:\s*,\s*|\s+(?:and|&)\s+)` + personName + `){0,3}$`)
	// reNamesRole is a name and a role with no mark between ("Jo Lane Harbour
	// Reporter").
	reNamesRole = regexp.MustCompile(`^(\p{Lu}[\p{L}'’-]*\.?(?:\s+` + nameWord + `){1,3}?)\s+(?i:` + role + `)$`)
	// reByOutlet opens an outlet's credit: "By The Sentinel".
	reByOutlet = regexp.MustCompile(`^(?i:by)\s+The\s`)
	// Words that start a capitalised "By ..." line that is no byline.
	reNotName = regexp.MustCompile(`^(?:The|This|That|These|Those|Then|Now|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Contrast|Comparison|Law|Order|Night|Day|Noon|Midnight|Far|Some|Many|All|Most|Early|Late|Next|Last|Then|Using|Way)\b`)
)

const role = `(?:staff|senior|chief|political|foreign|special|contributing|associate|deputy|news|business|science|health|sports|diplomatic|defen[cs]e|security|economics|energy|legal|investigative|international|europe|middle east|us|u\.s\.|washington|white house|local|digital|[\p{L}]+ )?` +
	`(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|producer|analyst|photographer|staff|bureau)s?`

// reDeskByline is a byline that names a newsroom's desk or staff, not people
// ("By the Associated Staff", "By The Sentinel Editorial Board"): a line to
// drop, with no byline to keep.
var reDeskByline = regexp.MustCompile(`^(?i:by)\s+(?i:the)\s+(\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*){0,4}\s+(?i:staff|desk|board|editorial board|editors|newsroom|team|bureau|wire|news service|reporters))$`)

// byline returns the names of a byline line ("By Jane Doe and John Roe, Reuters",
// "Jane Doe | Staff writer").
func byline(line string) (string, bool) {
	if utf8.RuneCountInString(line) > 120 {
		return "", false
	}
	first, _, _ := strings.Cut(line, " ")
	switch strings.ToLower(first) {
	case "by", "written", "words", "story", "text", "report", "reported":
	default:
		first = ""
	}
	if m := reByline.FindStringSubmatch(line); first != "" && m != nil {
		if reNotName.MatchString(m[1]) {
			return "", false
		}
		got := strings.TrimRight(line[strings.Index(line, m[1]):], " |,")
		if r := reNamesRole.FindStringSubmatch(got); r != nil {
			return r[1], true // "By Jo Lane Harbour Reporter"
		}
		return got, true
	}
	if i := strings.IndexAny(line, "|,-\u2013\u2014"); i < 0 || i > 60 || strings.Count(line[:i], " ") > 5 {
		return "", false
	}
	if m := reNameRole.FindStringSubmatch(line); m != nil {
		if reNotName.MatchString(m[1]) {
			return "", false
		}
		return strings.TrimSpace(m[1]), true
	}
	return "", false
}

// boilerplate is a general list of the lines that news pages wrap around an
// article: navigation and sharing, advertising, newsletters and follow-us calls,
// related-links teasers, wire-service credits, copyright, and stray CSS.
var boilerplate = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content)?|promoted(?: content)?|paid content|` +
		`(?:the )?(?:story|article) continues (?:below|after)(?: (?:this )?advertisement)?|continue reading(?: (?:below|the main story|the article))?|` +
		`scroll (?:down )?to continue(?: reading)?|skip (?:to (?:main )?content|advertisement|ad)|loading\.*|back to top|top of page|` +
		`print(?: this)?(?: article| page)?|e-?mail(?: this)?(?: article)?|comments?|\d+ comments?|view comments|show comments|leave a comment|` +
		`share(?: this)?(?: article| story| page| post| on (?:facebook|twitter|x|linkedin|whatsapp|email))?|social sharing|tweet|whatsapp|facebook|twitter|linkedin|` +
		`listen to (?:this )?(?:article|story)|` +
		`\d+\s*min(?:ute)?s? read|reading time:? \d+ min(?:ute)?s?|image|photo|video|audio|gallery|enlarge(?: this)? image|toggle caption|hide caption|` +
		`(?:image|photo|picture|slide) \d+ (?:of|/) \d+|` +
		`(?:read|see) more|read also|also read|see also|related|related (?:articles?|stories|coverage|content|links|news|topics|posts)|` +
		`more on this(?: story| topic)?|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed)|trending(?: now)?|` +
		`don'?t miss|must read|watch(?: now| live)?|listen(?: now)?|top stories|latest news|more stories|you may also like|` +
		`you might also like|more from [\p{L} ]{1,30})[.:!]?$`),
	regexp.MustCompile(`(?i)^(?:read more|read also|also read|see also|related|related (?:articles?|stories|coverage|content|links|news)|` +
		`more on this(?: story| topic)?|recommended|watch|video|listen|more|also on [\p{L} ]{1,30}|don'?t miss|must read|read next|` +
		`read the full (?:story|article|report)|tags?|topics?|filed under|categories|keywords)\s*[:\x{2013}\x{2014}|»>]\s*\S.{0,200}$`),
	regexp.MustCompile(`(?i)^(?:(?:sign up|subscribe|register|join|get)\b.{0,120}\b(?:newsletters?|alerts?|briefings?|digest|inbox|our (?:whatsapp|telegram) channel|free updates)\b.{0,120}|` +
		`subscribe(?: now| today| here)?[.!]?|sign up(?: now| here)?[.!]?)$`),
	regexp.MustCompile(`(?i)^(?:follow|like|find) (?:us|[\p{Lu}][\p{L}'’-]*(?: [\p{Lu}][\p{L}'’-]*){0,3}) on (?:twitter|x|facebook|instagram|linkedin|telegram|threads|bluesky|tiktok|youtube|whatsapp|mastodon|google news)\b.{0,80}$`),
	regexp.MustCompile(`(?i)^(?:click|tap|press) here\b.{0,160}$`),
	regexp.MustCompile(`(?i)^(?:read|see) the (?:rest|full (?:story|article|report|statement|interview|text)|original (?:article|story)|whole (?:story|thing)).{0,100}$`),
	regexp.MustCompile(`(?i)^(?:continue|keep) reading\b.{0,80}$`),
	regexp.MustCompile(`(?i)^\(?(?:reporting|additional reporting|writing|editing|compiled|translated|research|graphics) by\b[^()]{0,280}\)?\.?$`),
	regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b|all rights reserved).{0,200}$`),
	regexp.MustCompile(`(?i)^(?:(?:get|download) (?:the|our) .{0,40}\bapp\b|we use cookies\b|this (?:site|website) uses cookies\b|accept (?:all )?cookies).{0,200}$`),
	// Stray CSS from embeds: "padding-top:20px;", ".box {".
	regexp.MustCompile(`^(?:-?[a-z]+-[a-z-]+|color|width|height|margin|padding|border|display|position|float|background|font|top|left|right|bottom|overflow|content|opacity|clear)\s*:\s*[#\w.%(),'" -]{1,60};?$`),
	regexp.MustCompile(`^[.#@]?[a-z][\w-]*(?:\s*[,>]\s*[.#]?[\w-]+)*\s*\{\s*$`),
}

// isBoilerplate reports whether a whole block is page furniture.
func isBoilerplate(s string) bool {
	if utf8.RuneCountInString(s) > 320 {
		return false
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return true // "***", "—-", "}"
	}
	if utf8.RuneCountInString(s) <= 100 && (shareRow(s) || navBar(s) || breadcrumb(s)) {
		return true
	}
	if !mayBeBoilerplate(s) {
		return false
	}
	for _, re := range boilerplate {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// reListHeading is a heading of links to other stories, which the lines after
// it list.
var reListHeading = regexp.MustCompile(`(?i)^(?:related(?: (?:articles?|stories|coverage|content|links|news|topics|posts))?|most (?:read|popular|viewed|shared)|` +
	`you (?:may|might) also like|recommended(?: for you| stories| reading)?|trending(?: now| stories)?|top stories|latest news|more (?:stories|news)|` +
	`read more|see also|also read|read also|read next|more on this(?: story| topic)?|more from [\p{L} ]{1,30}|don'?t miss|must read|popular now)\s*[.:!]?$`)

// listItem reports whether a line after such a heading is one of its links: a
// bulleted or numbered line, or, when more follow (more), a headline (short,
// with no sentence end and no quotation).
func listItem(s string, more bool) bool {
	if strings.ContainsAny(s, "\n“”\"") {
		return false
	}
	t := strings.TrimLeft(s, "-•*·–— ")
	bulleted := len(t) < len(s)
	if !bulleted {
		if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && i <= 2 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
			t, bulleted = strings.TrimSpace(s[i+1:]), true
		}
	}
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 16 {
		return false
	}
	if bulleted {
		return true
	}
	if !more {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	first, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(first) && last != '.' && last != '!' && last != '?' && last != ':' && len(words) <= 12
}

// shareRow reports a row of sharing buttons: "Share on Facebook Share on X
// Email Print", "Tweet Share Pin Email", "Facebook Twitter LinkedIn Email".
func shareRow(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == '\u2022' || r == '\u00b7' || r == '/'
	})
	if len(words) < 2 || len(words) > 16 {
		return false
	}
	buttons := 0
	for _, w := range words {
		switch w {
		case "facebook", "twitter", "x", "email", "e-mail", "print", "tweet", "pin", "pinterest", "linkedin", "whatsapp",
			"reddit", "messenger", "telegram", "flipboard", "sms", "bluesky", "threads", "mail", "share", "comment", "comments":
			buttons++
		case "on", "this", "article", "story", "copy", "link", "save", "via", "to":
		default:
			return false
		}
	}
	return buttons >= 2
}

// navBar reports a bar of a site's own links, parted by bars or bullets:
// "Subscribe | Log in", "Home · Sections · Search".
func navBar(s string) bool {
	if !strings.ContainsAny(s, "|\u2022\u00b7") {
		return false
	}
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '|' || r == '\u2022' || r == '\u00b7' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !navWords[strings.Join(strings.Fields(p), " ")] {
			return false
		}
	}
	return true
}

var navWords = map[string]bool{
	"subscribe": true, "log in": true, "login": true, "log out": true, "sign in": true, "sign up": true, "sign out": true,
	"register": true, "my account": true, "account": true, "menu": true, "search": true, "home": true, "e-edition": true,
	"newsletters": true, "newsletter": true, "donate": true, "sections": true, "contact us": true, "about us": true,
	"subscribe now": true, "manage subscription": true, "profile": true, "settings": true, "help": true, "jobs": true,
	"classifieds": true, "obituaries": true, "weather": true, "games": true, "podcasts": true, "video": true, "advertise": true,
}

// sections are the sections a site's trail starts with.
var sections = map[string]bool{"news": true, "local": true, "sport": true, "sports": true, "opinion": true, "politics": true,
	"business": true, "world": true, "nation": true, "entertainment": true, "lifestyle": true, "health": true,
	"science": true, "tech": true, "technology": true, "education": true, "culture": true, "arts": true, "travel": true,
	"uk": true, "us": true, "ireland": true, "australia": true, "europe": true, "money": true, "weather": true}

// breadcrumb reports a trail of sections: "Home > Local > Education".
func breadcrumb(s string) bool {
	seps := strings.Count(s, ">") + strings.Count(s, "\u203a") + strings.Count(s, "\u00bb")
	if seps < 1 {
		return false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '>' || r == '\u203a' || r == '\u00bb' })
	if len(parts) < 2 || len(parts) != seps+1 {
		return false
	}
	if first := strings.ToLower(strings.TrimSpace(parts[0])); len(parts) == 2 && !navWords[first] && !sections[first] {
		return false // "Income > Expenses" may be a heading; "Home > News", "News > Local" are trails
	}
	for _, p := range parts {
		ws := strings.Fields(p)
		if len(ws) == 0 || len(ws) > 4 || strings.ContainsAny(p, ".!?,;:\"“”") {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(ws[0]); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// triggers are the first words of the boilerplate forms; a line starting with
// none of them is not tried against the patterns.
var triggers = map[string]bool{
	"advertisement": true, "advertising": true, "advert": true, "ad": true, "ads": true, "sponsored": true,
	"promoted": true, "paid": true, "the": true, "story": true, "article": true, "continue": true, "scroll": true,
	"skip": true, "loading": true, "back": true, "top": true, "print": true, "email": true, "e": true, "comment": true,
	"comments": true, "view": true, "show": true, "leave": true, "share": true, "tweet": true, "whatsapp": true,
	"facebook": true, "twitter": true, "linkedin": true, "listen": true, "reading": true, "image": true,
	"photo": true, "video": true, "audio": true, "gallery": true, "enlarge": true, "toggle": true, "hide": true,
	"picture": true, "slide": true, "read": true, "see": true, "also": true, "related": true, "more": true,
	"recommended": true, "most": true, "trending": true, "don": true, "dont": true, "must": true, "watch": true,
	"latest": true, "you": true, "tags": true, "tag": true, "topics": true, "topic": true, "filed": true,
	"categories": true, "keywords": true, "sign": true, "subscribe": true, "register": true, "join": true,
	"get": true, "follow": true, "like": true, "find": true, "click": true, "tap": true, "press": true,
	"keep": true, "reporting": true, "additional": true, "writing": true, "editing": true, "compiled": true,
	"translated": true, "research": true, "graphics": true, "copyright": true, "all": true, "c": true,
	"download": true, "we": true, "this": true, "accept": true, "social": true,
}

// mayBeBoilerplate is a cheap test that rules most body paragraphs out before
// the patterns run.
func mayBeBoilerplate(s string) bool {
	c := s[0]
	if c >= '0' && c <= '9' || c == '(' || c == '.' || c == '#' || c == '@' || c == '-' || strings.HasPrefix(s, "©") {
		return true
	}
	if strings.HasSuffix(s, ";") || strings.HasSuffix(s, "{") {
		return true // CSS
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	w := strings.ToLower(s[:end])
	if common[w] {
		return utf8.RuneCountInString(s) <= 80
	}
	return triggers[w]
}

// common are trigger words that also start many body paragraphs.
var common = map[string]bool{"the": true, "this": true, "we": true, "all": true, "you": true, "like": true,
	"get": true, "find": true, "see": true, "also": true, "keep": true, "join": true, "more": true, "most": true,
	"back": true, "top": true, "show": true, "leave": true, "view": true}

var reCaptionLine = regexp.MustCompile(`(?i)^(?:photo|image|picture|photograph|caption|photo caption|image caption|file photo|pictured|above|top|main image|credit|photo credit|image credit)\s*(?:[:|\x{2013}\x{2014}]|\(.{1,40}\)\s*:)\s*\S`)

// reCredit is a photo credit closing a caption: "(Photo: Tom Reyes/Millbrook
// Ledger)", "(Derek Santos / Carver Sentinel)", "Marcus Delgado / Harlan
// Courier", "AFP via Getty Images".
var reCredit = regexp.MustCompile(`(?:\((?i:photo|image|picture|credit|photo credit|file photo|file)\s*:\s*[^()]{2,80}\)|` +
	`\(\p{Lu}[\p{L}.'’ -]{1,40}\s?/\s?\p{Lu}[\p{L}&.'’ -]{1,50}\)|` +
	`[.!?)]\s+\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,3}\s?/\s?\p{Lu}[\p{L}&.'’-]+(?: \p{Lu}[\p{L}&.'’-]+){0,4}|` +
	`\s(?:via )?(?:Getty Images|AP Photo|Reuters|AFP)(?: [\p{L}/ ]{0,30})?\)?)$`)

// isCaptionLine reports whether a short block is an image caption or credit.
func isCaptionLine(s string) bool {
	if len(s) > 4*240 {
		return false
	}
	switch c := s[0] | 0x20; c {
	case 'p', 'i', 'c', 'f', 'a', 't', 'm':
	default:
		return false
	}
	return reCaptionLine.MatchString(s) && utf8.RuneCountInString(s) <= 240
}

// isCreditedCaption reports whether a short block ends on a photo's credit: a
// caption printed as a paragraph.
func isCreditedCaption(s string) bool {
	if n := utf8.RuneCountInString(s); n > 300 || n < 20 {
		return false
	}
	return strings.ContainsAny(s, "/:") && reCredit.MatchString(s) && !strings.ContainsAny(s, "“”\"")
}

// abbreviations end with a dot but end no sentence, so "Mr.Smith" is no glue.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "sen": true, "gov": true,
	"rep": true, "gen": true, "lt": true, "col": true, "sgt": true, "capt": true, "cpt": true, "prof": true, "rev": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "no": true, "vs": true, "etc": true, "ave": true, "blvd": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "dept": true, "est": true, "fig": true, "vol": true, "maj": true, "adm": true,
	"pres": true, "supt": true, "hon": true, "mt": true, "ft": true, "op": true, "ed": true, "approx": true,
}

// splitCaption splits an image caption glued to the end of a paragraph
// ("…international coalition.Assad in interview with BBC"). For precision the
// tail must follow a sentence end with no space, start with a capital, hold two
// to fifteen words with no sentence end inside, and end with no punctuation;
// the word before the dot must be a real word (not "U.S", "p.m", "Mr").
func splitCaption(s string) (head, tail string, ok bool) {
	if strings.ContainsAny(s, "\n") {
		return "", "", false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if !(unicode.IsLetter(last) || unicode.IsDigit(last) || last == ')') {
		return "", "", false
	}
	// The last glued sentence end: [.!?] then optional closers then a capital.
	cut := -1
	for i := len(s) - 1; i > 0; i-- {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if r != '"' && r != '\'' && r != '”' && r != '’' && r != ')' {
				break
			}
			j += n
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		if j < len(s) && unicode.IsUpper(r) {
			if !gluedAfter(s[:i], c) {
				return "", "", false
			}
			cut = j
			break
		}
		if j < len(s) && (r == ' ' || unicode.IsSpace(r)) {
			break // a sentence end with a space before any glue: the tail would hold a sentence end
		}
	}
	if cut < 0 {
		return "", "", false
	}
	head, tail = s[:cut], s[cut:]
	words := strings.Fields(tail)
	if len(words) < 2 || len(words) > 15 || utf8.RuneCountInString(tail) > 120 {
		return "", "", false
	}
	if strings.ContainsAny(tail, "/@“”\"") || strings.Contains(strings.ToLower(tail), "www") {
		return "", "", false
	}
	if len(strings.Fields(head)) < 5 {
		return "", "", false
	}
	return head, tail, true
}

// gluedAfter reports whether the text before a dot ends a sentence for real.
func gluedAfter(before string, dot byte) bool {
	before = strings.TrimRight(before, "\"'”’)")
	i := len(before)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i -= n
	}
	word := before[i:]
	if dot != '.' {
		return word != ""
	}
	if utf8.RuneCountInString(word) < 2 {
		return false // "U.S", "p.m", an initial
	}
	if i > 0 && before[i-1] == '.' {
		return false // "a.m.", "e.g."
	}
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(word)
	return unicode.IsLower(last) || unicode.IsDigit(last)
}

// key folds a block for duplicate detection: lower case, letters and digits,
// single spaces.
func key(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		var letter bool
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				r += 'a' - 'A'
			}
			letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letter = true
			r = unicode.ToLower(r)
		}
		if !letter {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// truncated reports whether s ends in an ellipsis, the mark of a teaser.
func truncated(s string) bool {
	return strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...")
}

// truncationOf reports whether s is a "…"-truncated start of the text whose key is full.
func truncationOf(s, full string) bool {
	if !truncated(s) {
		return false
	}
	k := key(s)
	return len(k) >= 20 && len(k) < len(full) && strings.HasPrefix(full, k)
}

// dedupe drops repeated blocks, keeping the first place. Repeats are compared
// by key (case, spacing and punctuation ignored); a teaser cut with "…" is a
// repeat of the paragraph it starts, and when the teaser comes first the full
// paragraph takes its place so no body text is lost. Short blocks ("No.")
// count as repeats only next to each other.
func dedupe(in []article.DraftBlock) []article.DraftBlock {
	const minKey = 25
	out := make([]article.DraftBlock, 0, len(in))
	keys := make([]string, 0, len(in))
	teaser := make([]bool, 0, len(in))
	seen := map[string]bool{}
outer:
	for _, b := range in {
		k := key(b.Text)
		cut := truncated(b.Text) && len(k) >= 20
		if k == "" {
			out, keys, teaser = append(out, b), append(keys, k), append(teaser, false)
			continue
		}
		if seen[k] && (len(k) >= minKey || keys[len(keys)-1] == k) {
			continue
		}
		for i := range out {
			switch {
			case cut && len(k) < len(keys[i]) && strings.HasPrefix(keys[i], k):
				continue outer
			case teaser[i] && len(keys[i]) < len(k) && strings.HasPrefix(k, keys[i]):
				out[i].Text, keys[i], teaser[i] = b.Text, k, cut
				seen[k] = true
				continue outer
			}
		}
		seen[k] = true
		out, keys, teaser = append(out, b), append(keys, k), append(teaser, cut)
	}
	return out
}

// markHeadings turns short title-like paragraphs that introduce a paragraph
// into headings; a heading printed in quotation marks loses them.
func markHeadings(bs []article.DraftBlock) {
	for i := range bs {
		if bs[i].Kind != article.Paragraph || i+1 >= len(bs) || bs[i+1].Kind != article.Paragraph {
			continue
		}
		next := utf8.RuneCountInString(bs[i+1].Text)
		if inner, ok := quotedHeading(bs[i].Text); ok && next > utf8.RuneCountInString(inner) {
			bs[i] = article.DraftBlock{Kind: article.Heading, Text: inner}
			continue
		}
		if plainHeading(bs[i].Text) && next >= 2*utf8.RuneCountInString(bs[i].Text) {
			bs[i].Kind = article.Heading
		}
	}
}

var quotePairs = map[rune]rune{'“': '”', '"': '"', '‘': '’', '«': '»', '„': '“'}

// quotedHeading returns the inside of a sub-heading printed in quotation marks.
func quotedHeading(s string) (string, bool) {
	open, n := utf8.DecodeRuneInString(s)
	closer, ok := quotePairs[open]
	if !ok {
		return "", false
	}
	last, m := utf8.DecodeLastRuneInString(s)
	if last != closer || len(s) <= n+m {
		return "", false
	}
	inner := trim(s[n : len(s)-m])
	if strings.ContainsAny(inner, "\"“”«»") || !headingShape(inner, 14, 120) {
		return "", false
	}
	return inner, true
}

// plainHeading reports whether a paragraph is a sub-heading: a few words in
// title case or capitals, with no sentence punctuation at the end.
func plainHeading(s string) bool {
	if !headingShape(s, 12, 100) || len(strings.Fields(s)) < 2 {
		return false
	}
	return true
}

func headingShape(s string, maxWords, maxRunes int) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > maxWords || utf8.RuneCountInString(s) > maxRunes || strings.Contains(s, "\n") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	if !(unicode.IsLetter(last) || unicode.IsDigit(last) || last == '?' || last == ')') {
		return false
	}
	if strings.Contains(s, ". ") || strings.Contains(s, ", ") && len(words) > 6 {
		return false
	}
	if s == strings.ToUpper(s) && len(words) >= 2 {
		return true
	}
	return titleCase(s) >= 0.75
}
