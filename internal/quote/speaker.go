package quote

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/text"
)

// Words that stand before a name without being part of it. Their values give the
// gender they imply (m, f, or "" for none).
var personTitles = map[string]string{
	"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m", "lady": "f",
	"lord": "m", "king": "m", "queen": "f", "prince": "m", "princess": "f", "dame": "f",
	"dr": "", "dr.": "", "prof": "", "prof.": "", "professor": "", "president": "", "vice": "", "prime": "",
	"minister": "", "secretary": "", "general": "", "gen.": "", "gen": "", "sen.": "", "sen": "", "senator": "",
	"rep.": "", "rep": "", "representative": "", "gov.": "", "gov": "", "governor": "", "mayor": "", "chancellor": "",
	"judge": "", "justice": "", "chief": "", "sheikh": "m", "pope": "m", "rev.": "", "reverend": "", "father": "m",
	"pastor": "",
	"sister": "f", "brother": "m", "ambassador": "", "commissioner": "", "chairman": "m", "chairwoman": "f",
	"speaker": "", "leader": "", "foreign": "", "defense": "", "defence": "", "interior": "", "finance": "",
	"deputy": "", "colonel": "", "col.": "", "capt.": "", "captain": "", "lt.": "", "sgt.": "", "officer": "",
	"detective": "", "inspector": "", "coach": "", "manager": "", "candidate": "", "nominee": "", "former": "",
	"acting": "", "attorney": "", "councillor": "", "councilor": "", "cllr": "", "cllr.": "", "councilwoman": "f", "councilman": "m",
	"congressman": "m", "congresswoman": "f", "assemblyman": "m", "assemblywoman": "f", "spokesman": "m",
	"spokeswoman": "f", "spokesperson": "", "director": "", "ceo": "", "head": "", "emir": "m", "crown": "",
	"sultan": "m", "ayatollah": "m", "imam": "m", "rabbi": "", "bishop": "", "cardinal": "", "archbishop": "",
	"counsel": "", "adviser": "", "advisor": "", "aide": "", "strategist": "", "pollster": "", "editor": "",
	"columnist": "", "correspondent": "", "reporter": "", "anchor": "", "economist": "", "analyst": "", "lawyer": "",
	"constable": "", "superintendent": "", "sheriff": "", "marshal": "",
	"striker": "", "midfielder": "", "defender": "", "goalkeeper": "", "substitute": "",
	"engineer": "", "administrator": "", "supervisor": "", "coordinator": "", "harbourmaster": "", "harbormaster": "",
	"taoiseach": "", "tánaiste": "", "tanaiste": "", "treasurer": "", "premier": "", "td": "", "mp": "", "mla": "",
	// Honorifics and ranks of South Asia and West Africa.
	"shri": "m", "smt": "f", "smt.": "f", "shrimati": "f", "alhaji": "m", "alhaja": "f", "comrade": "",
	"brigadier": "", "brig.": "", "hon": "", "hon.": "", "engr": "", "engr.": "", "mallam": "m",
	// Canada's provincial members, and the titles of First Nations' leaders
	// and knowledge keepers ("Vice-Chief", "Grand Chief", "Elder").
	"mpp": "", "mna": "", "vice-chief": "", "elder": "",
}

// weakTitles are titles that are ordinary words too, and open bodies' names
// ("Elder Care Alliance", "Justice Department", "General Mills").
var weakTitles = map[string]bool{"elder": true, "brother": true, "sister": true, "father": true, "general": true,
	"justice": true, "head": true, "leader": true, "crown": true, "coach": true, "anchor": true, "counsel": true,
	"substitute": true, "cardinal": true}

// ranks are police ranks written in capitals before a name of two words at
// least: "SP Funmilayo Adeoye" (not "CP Joshi", initials, nor "DSP Group").
var ranks = map[string]bool{"sp": true, "asp": true, "dsp": true, "csp": true, "acp": true, "dcp": true, "cp": true,
	"aig": true, "dig": true, "igp": true}

// Person-role nouns that a definite description ("the Syrian leader", "the mayor")
// may use for someone named before.
var roleNouns = map[string]bool{
	"taoiseach": true, "tánaiste": true, "tanaiste": true, "treasurer": true,
	"president": true, "leader": true, "minister": true, "premier": true, "chancellor": true, "senator": true,
	"governor": true, "mayor": true, "candidate": true, "nominee": true, "secretary": true, "king": true,
	"queen": true, "prince": true, "chairman": true, "chairwoman": true, "chief": true, "general": true,
	"ambassador": true, "congressman": true, "congresswoman": true, "lawmaker": true, "legislator": true,
	"judge": true, "justice": true, "coach": true, "manager": true, "striker": true, "player": true, "midfielder": true, "defender": true, "goalkeeper": true, "forward": true,
	"captain": true, "star": true, "singer": true, "actor": true, "actress": true, "author": true,
	"writer": true, "director": true, "executive": true, "founder": true, "billionaire": true,
	"businessman": true, "businesswoman": true, "politician": true, "commissioner": true, "ceo": true,
	"pope": true, "emir": true, "sheikh": true, "dictator": true, "democrat": true, "republican": true,
	"frontrunner": true, "front-runner": true, "mogul": true, "host": true, "pastor": true, "rabbi": true,
	"imam": true, "professor": true, "scientist": true, "economist": true, "analyst": true, "envoy": true,
	"diplomat": true, "speaker": true, "incumbent": true, "challenger": true, "veteran": true, "woman": true,
	"man": true, "boss": true, "head": true, "spokesman": true, "spokeswoman": true, "owner": true,
	"father": true, "mother": true, "son": true, "daughter": true, "husband": true, "wife": true,
}

// Words whose presence in a name makes it an organisation.
// ampersandJoins reports whether the "&" at toks[j] joins the capitalised words
// around it into one body's name ("Pell & Marsh Securities"): written apart
// from them, between words of three letters or more ("AT&T", "Q & A" are no
// run), nor between two first names ("Jim & Sarah") or before a person's
// name ("Anna Reyes & Tom Hale").
func ampersandJoins(toks []text.Token, j int) bool {
	if toks[j].Text != "&" || j == 0 || j+1 >= len(toks) || !toks[j].SpaceBefore || !toks[j+1].SpaceBefore {
		return false
	}
	a, b := stripPossessive(toks[j-1].Text), toks[j+1].Text
	if utf8.RuneCountInString(strings.TrimRight(a, ".")) < 3 || utf8.RuneCountInString(strings.TrimRight(b, ".")) < 3 {
		return false
	}
	if firstNameGender(foldName(b)) == "" {
		return true
	}
	if firstNameGender(foldName(a)) != "" {
		return false // "Jim & Sarah"
	}
	// A first name after it, then a capitalised word, opens a person's name
	// ("Anna Reyes & Tom Hale"), unless a body's word follows ("Pell & Marsh
	// Securities"); alone it is a firm's ("Marks & Spencer said").
	if j+2 >= len(toks) || toks[j+2].Kind != text.Word || !capitalised(toks[j+2].Text) {
		return true
	}
	for k := j + 2; k < len(toks) && k-j <= 5 && toks[k].Kind == text.Word && capitalised(toks[k].Text); k++ {
		if inSetF(orgWords, orgWordsF, toks[k].Text) {
			return true
		}
	}
	return false
}

// titleAbbreviations are the titles written short, with their full words.
var titleAbbreviations = map[string]string{"sen.": "senator", "sen": "senator", "rep.": "representative", "gov.": "governor",
	"gen.": "general", "supt.": "superintendent", "pres.": "president", "lt.": "lieutenant", "sgt.": "sergeant",
	"capt.": "captain", "col.": "colonel", "prof.": "professor", "insp.": "inspector", "det.": "detective", "cmdr.": "commander"}

// participial reports whether the words from toks[b] on go on a phrase that a
// comma closes within the sentence, with no cue right after the name: "Using
// Clinton | as a foil, she said".
func participial(toks []text.Token, b int, cue func(string) bool) bool {
	if b >= len(toks) || toks[b].Kind != text.Word || capitalised(toks[b].Text) || cue != nil && cue(toks[b].Text) {
		return false
	}
	for k := b + 1; k < len(toks) && k-b <= 12; k++ {
		switch toks[k].Text {
		case ",":
			return true
		case ".", "!", "?", ";", ":":
			return false
		}
	}
	return false
}

// offices are titles that are never names alone (unlike "King", "Judge"):
// a run of one of them names nobody.
var offices = map[string]bool{"taoiseach": true, "tánaiste": true, "tanaiste": true, "president": true, "premier": true,
	"treasurer": true, "minister": true, "senator": true, "governor": true, "mayor": true, "secretary": true,
	"superintendent": true, "commissioner": true, "chairman": true, "chairwoman": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "officer": true}

// officeBefore returns the office that ends right before the comma at
// toks[c], lower-cased: "The Taoiseach," or "The Minister for Health," (its
// portfolio after "for" or "of"); "" when there is none.
func officeBefore(toks []text.Token, c int) string {
	for k := c - 1; k >= 0 && c-k <= 6; k-- {
		t := toks[k]
		if inSet(offices, t.Text) {
			// The office opens its phrase ("DUBLIN: The Taoiseach,", "Reacting,
			// the Lagos State Governor,"), or its words open the sentence
			// ("NLC President,"); not "a meeting with the Governor, Jane Smith,
			// a teacher".
			s := k
			for s > 0 && k-s < 3 && toks[s-1].Kind == text.Word && capitalised(toks[s-1].Text) && !inSet(determiners, toks[s-1].Text) {
				s--
			}
			switch {
			case s > 0 && inSet(determiners, toks[s-1].Text):
				if s >= 2 && toks[s-2].Kind != text.Punct {
					return ""
				}
			case s == k || s > 0 && toks[s-1].Kind != text.Punct:
				return ""
			}
			return lower(t.Text)
		}
		if t.Kind != text.Word || !capitalised(t.Text) && !lowerIs(t.Text, "for") && !lowerIs(t.Text, "of") && !lowerIs(t.Text, "and") && !lowerIs(t.Text, "in") {
			return ""
		}
	}
	return ""
}

// forJoins reports whether the "for" at toks[j] goes on with a body's name
// whose word (or its plural) is before it: "Centers for Disease Control",
// "Institute for Fiscal Studies".
func forJoins(toks []text.Token, j int) bool {
	if !lowerIs(toks[j].Text, "for") || j == 0 ||
		j+2 < len(toks) && firstNameGender(foldName(toks[j+1].Text)) != "" && toks[j+2].Kind == text.Word && capitalised(toks[j+2].Text) {
		return false // (not "the Committee for Jane Roe")
	}
	w := toks[j-1].Text
	return inSetF(orgWords, orgWordsF, w) || strings.HasSuffix(w, "s") && inSetF(orgWords, orgWordsF, w[:len(w)-1])
}

// irishPatronyms open an Irish surname ("Ó Briain", "Nic an tSaoi").
var irishPatronyms = map[string]bool{"ó": true, "ní": true, "nic": true, "mac": true, "mhic": true, "uí": true, "ua": true, "bean": true}

// irishMutated reports whether toks[j] is a word of an Irish surname that
// begins with a mutation before its capital ("tSaoi", "hAodha",
// "bhFlaithearta"), after a patronym or its "an".
func irishMutated(toks []text.Token, j int) bool {
	if j == 0 || toks[j].Kind != text.Word || !(inSet(irishPatronyms, toks[j-1].Text) || lowerIs(toks[j-1].Text, "an")) {
		return false
	}
	w := toks[j].Text
	k := 1
	if strings.HasPrefix(w, "bh") {
		k = 2
	}
	if len(w) <= k+1 || !strings.ContainsRune("tnhgdmb", rune(w[0])) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[k:])
	return unicode.IsUpper(r)
}

// irishAn reports whether the "an" at toks[j] is part of an Irish surname:
// after a patronym ("Nic an tSaoi", "Mac an tSaoir").
func irishAn(toks []text.Token, j int) bool {
	return j > 0 && toks[j].Text == "an" && inSet(irishPatronyms, toks[j-1].Text)
}

// unionName reports whether the one word toks[a] after "the" names a union,
// "union" after it: "The Unite union said", not "the European union".
func unionName(toks []text.Token, a, j int) bool {
	return j == a+1 && a > 0 && j < len(toks) && lowerIs(toks[a-1].Text, "the") && lowerIs(toks[j].Text, "union") &&
		!demonymWord(toks[a].Text) && placeOf(toks[a].Text) == 0
}

// corporate reports whether a name's last word is a business's suffix
// ("Corp.", "Inc", "Ltd", "plc", "Group", "Holdings") or trade ("Mining",
// "Motors", "Airlines").
func corporate(words []string) bool {
	if len(words) < 2 {
		return false
	}
	for _, w := range words[:len(words)-1] {
		if w == "of" || w == "for" || inSet(publicBodies, w) {
			return false // "Ministry of Energy", "Department for Transport"
		}
	}
	switch w := strings.TrimSuffix(words[len(words)-1], "."); w {
	case "corp", "inc", "ltd", "llc", "plc", "co", "group", "holdings", "corporation", "incorporated", "limited", "gmbh":
		return true
	default:
		return firmTrades[w]
	}
}

// publicBodies open a government's bodies' names, which may end on a trade:
// "Ministry of Railways", "State Energy Agency".
var publicBodies = map[string]bool{"ministry": true, "department": true, "agency": true, "office": true, "state": true,
	"national": true, "federal": true, "city": true, "county": true, "council": true, "bureau": true, "authority": true}

// tradeOf reports whether a business's word for itself (firmNouns: "the
// company", "the carmaker") fits its name: any name for "company", "firm" or
// "group"; a name ending on that trade for the others ("the carmaker",
// "Vellmark Automotive"; "the airline", "Orvell Airways").
func tradeOf(noun string, words []string) bool {
	switch noun {
	case "company", "firm", "group", "business", "corporation":
		return true
	}
	last := strings.TrimSuffix(words[len(words)-1], ".")
	for _, t := range nounTrades[noun] {
		if last == t {
			return true
		}
	}
	return false
}

var nounTrades = map[string][]string{"carmaker": {"automotive", "motors"}, "automaker": {"automotive", "motors"},
	"airline": {"airlines", "airways", "air"}, "miner": {"mining", "minerals"}, "insurer": {"insurance"},
	"retailer": {"stores", "brands"}, "broadcaster": {"media", "broadcasting"}, "utility": {"energy", "power", "utilities", "electric"},
	"manufacturer": {"industries", "manufacturing"}, "developer": {"properties", "homes"}, "housebuilder": {"homes", "properties"}}

// firmNamed reports whether the name toks[a:j] follows a business's noun in
// lower case and opens on no first name: "the café chain Brûlerie Maison",
// "the carmaker Vellmark Automotive" (not "developer Tom Hale").
func firmNamed(toks []text.Token, a, j int) bool {
	return a > 1 && j-a >= 2 && toks[a-1].Kind == text.Word && !capitalised(toks[a-1].Text) && inSet(firmNouns, toks[a-1].Text) &&
		firstNameGender(foldName(toks[a].Text)) == ""
}

// demonymWord reports whether w is shaped as a people's adjective or noun ("the
// Serbian said", "the Spaniard told"), which a verb after it makes no name;
// a body's word is no demonym ("the Guardian reported").
func demonymWord(w string) bool {
	lw := lower(stripPossessive(w))
	if inSetF(orgWords, orgWordsF, lw) {
		return false
	}
	return demonyms[lw] || strings.HasSuffix(lw, "an") || strings.HasSuffix(lw, "ese") || strings.HasSuffix(lw, "ish") ||
		strings.HasSuffix(lw, "ic") || strings.HasSuffix(lw, "i")
}

var demonyms = map[string]bool{"spaniard": true, "briton": true, "swede": true, "dane": true, "finn": true, "pole": true,
	"scot": true, "turk": true, "greek": true, "thai": true, "czech": true, "swiss": true, "dutchman": true,
	"frenchman": true, "englishman": true, "irishman": true, "welshman": true, "scotsman": true, "kiwi": true, "aussie": true}

// verbsAfterName are verbs that make the single word before them, after "the",
// a name and not an adjective.
var verbsAfterName = map[string]bool{"said": true, "says": true, "told": true, "added": true, "announced": true,
	"reported": true, "claimed": true, "denied": true, "insisted": true, "warned": true, "argued": true,
	"stated": true, "confirmed": true, "alleged": true, "accused": true, "called": true, "has": true, "had": true,
	"is": true, "was": true, "will": true, "would": true}

// particleBefore reports whether toks[k] is a particle before a capitalised
// word, the second of two: "Pieter van der Merwe", "Maria de la Cruz".
func particleBefore(toks []text.Token, k int) bool {
	return inSetF(particles, particlesF, toks[k].Text) && k+1 < len(toks) && toks[k+1].Kind == text.Word && capitalised(toks[k+1].Text)
}

// members are the post-nominals of a parliament's members, which alone name
// nobody: "the new MP", "a Fine Gael TD".
var members = map[string]bool{"td": true, "mp": true, "mla": true, "msp": true, "mep": true, "mna": true, "mhk": true, "mpp": true}

// postNominals follow a name and are no part of it: a parliament's members',
// counsel's, honours.
var postNominals = func() map[string]bool {
	m := map[string]bool{"qc": true, "kc": true, "obe": true, "mbe": true, "cbe": true, "kbe": true}
	for w := range members {
		m[w] = true
	}
	return m
}()

// mediaNouns, after a name, make it a programme's or a publication's.
var mediaNouns = map[string]bool{"programme": true, "newspaper": true, "magazine": true, "website": true,
	"broadcaster": true, "tabloid": true, "podcast": true}

// numberedBodies are the words that, capitalised before a number, name a body:
// a union's local, a lodge, a fire company, a precinct.
var numberedBodies = map[string]bool{
	"local": true, "lodge": true, "precinct": true, "post": true, "branch": true,
	"company": true, "battalion": true, "brigade": true, "regiment": true, "squadron": true,
}

var orgWords = map[string]bool{
	"ministry": true, "department": true, "party": true, "committee": true, "council": true, "agency": true,
	"inc": true, "inc.": true, "corp": true, "corp.": true, "corporation": true, "company": true, "co.": true,
	"ltd": true, "ltd.": true, "llc": true, "group": true, "university": true, "college": true, "institute": true,
	"foundation": true, "association": true, "union": true, "commission": true, "court": true, "congress": true,
	"senate": true, "parliament": true, "assembly": true, "bank": true, "times": true, "post": true, "news": true,
	"journal": true, "press": true, "network": true, "television": true, "radio": true, "campaign": true,
	"administration": true, "government": true, "office": true, "bureau": true, "service": true, "army": true,
	"police": true, "front": true, "organization": true, "organisation": true, "federation": true,
	"board": true, "authority": true, "club": true, "fc": true, "team": true, "league": true, "church": true,
	"center": true, "centre": true, "house": true, "tribune": true, "herald": true, "guardian": true,
	"telegraph": true, "coalition": true, "alliance": true, "movement": true,
	"brigade": true, "forces": true, "airlines": true, "motors": true, "industries": true, "holdings": true, "technologies": true, "systems": true, "poll": true, "survey": true, "magazine": true,
	"zoo": true, "museum": true, "aquarium": true, "hospital": true, "library": true, "school": true, "academy": true,
	"theatre": true, "theater": true, "orchestra": true, "society": true, "trust": true, "fund": true, "clinic": true,
	"energy": true, "ventures": true, "partners": true, "securities": true, "markets": true, "media": true,
	"studios": true, "records": true, "foods": true, "labs": true, "insurance": true, "airways": true,
	"treasury": true, "chamber": true, "polymers": true, "chemicals": true, "pharmaceuticals": true, "plastics": true,
	"metals": true, "minerals": true, "petroleum": true, "logistics": true, "engineering": true,
	"railways": true, "lines": true, "hotels": true, "brands": true, "stores": true, "bakery": true,
	"exchange": true, "homes": true, "rovers": true, "wanderers": true, "cross": true, "prize": true, "award": true,
	// Trades a firm's name ends on that are nobody's surname ("Vellmark
	// Automotive", "Tarrow Mining"); not "Steel" or "Power", which are.
	"automotive": true, "mining": true, "telecom": true, "telecoms": true, "communications": true,
	"construction": true, "properties": true, "shipping": true, "steelworks": true,
}

// firmTrades are the last words of businesses' names (orgWords among them).
var firmTrades = map[string]bool{"airlines": true, "motors": true, "industries": true, "technologies": true, "systems": true,
	"energy": true, "ventures": true, "partners": true, "securities": true, "media": true, "studios": true, "records": true,
	"foods": true, "labs": true, "insurance": true, "airways": true, "polymers": true, "chemicals": true,
	"pharmaceuticals": true, "plastics": true, "metals": true, "minerals": true, "petroleum": true, "logistics": true,
	"engineering": true, "railways": true, "hotels": true, "brands": true, "stores": true, "automotive": true,
	"mining": true, "telecom": true, "telecoms": true, "communications": true, "construction": true,
	"properties": true, "shipping": true, "steelworks": true, "airline": true}

// Capitalised words that start sentences or phrases without naming anyone.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "but": true, "and": true, "or": true,
	"nobody": true, "everybody": true, "somebody": true, "anybody": true, "everyone": true, "someone": true, "anyone": true,
	"however": true, "meanwhile": true, "yet": true, "so": true, "if": true, "when": true, "while": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "it": true, "his": true, "her": true,
	"their": true, "our": true, "my": true, "this": true, "that": true, "these": true, "those": true,
	"there": true, "here": true, "after": true, "before": true, "as": true, "for": true, "with": true,
	"from": true, "by": true, "to": true, "of": true, "no": true, "not": true, "yes": true, "even": true,
	"also": true, "still": true, "then": true, "now": true, "today": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true, "january": true,
	"february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "what": true, "who": true,
	"why": true, "how": true, "where": true, "which": true, "sometimes": true, "last": true, "next": true,
	"according": true, "said": true, "says": true, "one": true, "two": true, "some": true, "many": true,
	"all": true, "both": true, "every": true, "each": true, "other": true, "another": true, "despite": true,
	"although": true, "because": true, "since": true, "until": true, "unless": true, "instead": true,
	"mr": true, "mrs": true, "ms": true, "dr": true,
	// Sentence adverbs and connectives that a capital glues to a name ("Certainly
	// Donald Trump has …", "Neither Jane Roe nor …").
	"certainly": true, "clearly": true, "obviously": true, "surely": true, "maybe": true, "perhaps": true,
	"apparently": true, "actually": true, "basically": true, "finally": true, "fortunately": true,
	"unfortunately": true, "honestly": true, "frankly": true, "indeed": true, "neither": true, "either": true,
	"nor": true, "only": true, "just": true, "thus": true, "therefore": true, "hence": true, "ultimately": true,
	"later": true, "earlier": true, "again": true, "yesterday": true, "tonight": true, "tomorrow": true,
}

// Affiliations written capitalised before a name ("Republican Donald Trump",
// "Democrat Jane Roe"): not part of it, and not a name alone ("Democratic
// presidential nominee …", "a Republican said").
var affiliations = map[string]bool{
	"republican": true, "republicans": true, "democrat": true, "democrats": true, "democratic": true,
	"gop": true, "conservative": true, "conservatives": true, "liberal": true, "liberals": true,
	"libertarian": true, "independent": true, "progressive": true, "socialist": true, "labour": true,
	"tory": true, "tories": true,
}

var particles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "de": true, "da": true, "di": true,
	"du": true, "van": true, "von": true, "der": true, "le": true, "la": true, "del": true, "dos": true, "abu": true}

func lower(s string) string { return strings.ToLower(strings.ReplaceAll(s, "’", "'")) }

// wordFilter is a bitset of the (length, first byte, last byte) of the ASCII keys
// of a fixed set of lower-case words: a lower-cased ASCII word whose bit is clear is
// not in the set, which spares most lookups the map. (Other words are looked up in
// the map: lookupF.)
type wordFilter [16]uint64

func filterBit(w string) uint {
	return (uint(len(w))*131 + uint(w[0])*31 + uint(w[len(w)-1])) & 1023
}

func newWordFilter[V any](m map[string]V) *wordFilter {
	var f wordFilter
	for k := range m {
		if k == "" || lower(k) != k {
			panic("quote: a filtered set holds a key that is not a lower-case word")
		}
		if !ascii(k) {
			continue
		}
		b := filterBit(k)
		f[b/64] |= 1 << (b % 64)
	}
	return &f
}

var (
	particlesF    = newWordFilter(particles)
	notNamesF     = newWordFilter(notNames)
	orgWordsF     = newWordFilter(orgWords)
	personTitlesF = newWordFilter(personTitles)
)

// lookupF is lookup(m, s) for a set m of lower-case words filtered by f (nil: no
// filter).
func lookupF[V any](m map[string]V, f *wordFilter, s string) (V, bool) {
	var buf [32]byte
	if len(s) <= len(buf) {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= utf8.RuneSelf {
				v, ok := m[lower(s)]
				return v, ok
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if f != nil && len(s) > 0 {
			if b := filterBit(string(buf[:len(s)])); f[b/64]&(1<<(b%64)) == 0 {
				var zero V
				return zero, false
			}
		}
		v, ok := m[string(buf[:len(s)])]
		return v, ok
	}
	v, ok := m[lower(s)]
	return v, ok
}

// inSetF is inSet(m, s) for a set m filtered by f.
func inSetF(m map[string]bool, f *wordFilter, s string) bool {
	v, _ := lookupF(m, f, s)
	return v
}

// lookup returns m[lower(s)] without allocating for short ASCII words, which is
// what nearly every lookup is.
func lookup[V any](m map[string]V, s string) (V, bool) { return lookupF(m, nil, s) }

// lowerIs reports whether lower(s) == want, for a lower-case ASCII want.
func lowerIs(s, want string) bool {
	if len(s) != len(want) {
		// Only a non-ASCII s can change length when lower-cased.
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return lower(s) == want
			}
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return lower(s) == want
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[i] {
			return false
		}
	}
	return true
}

// inSet reports m[lower(s)].
func inSet(m map[string]bool, s string) bool {
	v, _ := lookup(m, s)
	return v
}

// capitalised reports whether a word token begins with a capital letter, or is a
// particle-prefixed name part ("al-Assad").
func capitalised(w string) bool {
	if w != "" && w[0] < utf8.RuneSelf {
		if c := w[0]; 'A' <= c && c <= 'Z' {
			return true
		}
	} else if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		return true
	}
	// A particle has at least two bytes, then comes a hyphen and a capital.
	if len(w) < 4 {
		return false
	}
	// A particle has at most three letters, and lower-casing keeps the number of runes:
	// a word that starts with four ASCII bytes none a hyphen has none, and else the
	// hyphen is within the first 3*UTFMax bytes.
	if len(w) > 4 && w[0]|w[1]|w[2]|w[3] < utf8.RuneSelf && w[1] != '-' && w[2] != '-' && w[3] != '-' {
		return false
	}
	if i := indexHyphen(w[:min(len(w), 3*utf8.UTFMax+len("‐"))]); i > 0 && inSetF(particles, particlesF, w[:i]) {
		r2, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r2)
	}
	return false
}

// indexHyphen is strings.IndexAny(w, "-‐"), faster for words.
func indexHyphen(w string) int {
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == '-':
			return i
		case w[i] == "‐"[0] && strings.HasPrefix(w[i:], "‐"):
			return i
		}
	}
	return -1
}

// lastHyphen is strings.LastIndexAny(w, "-‐"), faster for words.
func lastHyphen(w string) int {
	for i := len(w) - 1; i >= 0; i-- {
		switch {
		case w[i] == '-':
			return i
		case w[i] == "‐"[2] && i >= 2 && w[i-2:i+1] == "‐":
			return i - 2
		}
	}
	return -1
}

func stripPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// nameRun is one occurrence of a proper name in the article.
type nameRun struct {
	para       int
	a, b       int    // tokens [a, b) of the name itself
	ta         int    // first token including the titles before it
	name       string // the name's words joined by one space, possessive stripped
	raw        string // the name as written in the text
	gender     string
	org        bool
	titleWords []string
	start, end int // code points in the article text (title runs: -1)
	// weak runs come from the headline or sub-headings, where every word is
	// capitalised: they may name an entity found in the body but make none.
	weak bool
	// dateline: the run names the place a report is filed from ("ATLANTA —"),
	// never a person or body named like it.
	dateline bool
	// opener: the run's first word opens a sentence and is capitalised nowhere else.
	opener bool
	// initial: the run's first word opens a sentence (or a bracket or quotation
	// that does).
	initial bool
	// quoted: quotation marks open before the run enclose it.
	quoted bool
}

// findNames finds the proper names of a paragraph: runs of capitalised words, with
// the titles before them set apart ("Syrian President Bashar al-Assad" → the name
// "Bashar al-Assad" with titles "syrian", "president").
//
// A single capitalised word that starts a sentence ("Officials said …") is a name only
// when the article also capitalises it inside a sentence (midCap), or is a
// transcript's label in capitals ending at turn, the index of the label's colon
// in this paragraph (-1 when it opens no turn). dl is datelineEnd of the
// paragraph's tokens.
// The names are appended to out.
func findNames(out []nameRun, pi int, p Paragraph, sentStart func(int) bool, midCap map[string]bool, common func(string) bool, turn, dl int) []nameRun {
	toks := p.Toks
	depth, qk := 0, 0 // quotation marks open before token qk
	marks := newQuoteDepth(toks)
	dateline := dl - 1 // the dash, -1 when there is none
	for i := 0; i < len(toks); {
		if t := &toks[i]; t.Kind != text.Word || !capitalised(t.Text) || i < dateline && toks[0].Kind == text.Number {
			// (A live report's time stamp, "18.42 BST —", names nobody.)
			i++
			continue
		}
		j := i
		// (A body's name goes on over "of": "Institute of Oceanography",
		// "University of Miami"; not "Secretary of State".)
		// (A day's name ends a name: "the White House Saturday".)
		// (So does a body's over "&": "Pell & Marsh Securities", and over
		// "for" after its word: "Centers for Disease Control".)
		// (And an Irish surname's mutated word and its "an": "Nic an tSaoi".)
		for j < len(toks) && (toks[j].Kind == text.Word || j > i && toks[j].Text == "&") && !(j > i && weekday(toks[j].Text)) && (capitalised(toks[j].Text) || j > i && irishMutated(toks, j) || (inSetF(particles, particlesF, toks[j].Text) ||
			j > i && (lowerIs(toks[j].Text, "of") && inSetF(orgWords, orgWordsF, toks[j-1].Text) || forJoins(toks, j) || ampersandJoins(toks, j) || irishAn(toks, j))) && j+1 < len(toks) && toks[j+1].Kind == text.Word && (capitalised(toks[j+1].Text) || irishMutated(toks, j+1) || particleBefore(toks, j+1))) {
			j++
			if strings.HasSuffix(toks[j-1].Text, "'s") || strings.HasSuffix(toks[j-1].Text, "’s") {
				break
			}
		}
		// A post-nominal closes no name: "Aoife Nic Giolla Rua TD", "Jane
		// Roe MP" are the people.
		past := j // where the next run may start
		for j-i >= 3 && inSet(postNominals, toks[j-1].Text) {
			j--
		}
		// A numbered body: "Local 218", "Engine Company 7".
		numbered := j < len(toks) && toks[j].Kind == text.Number && toks[j].SpaceBefore && capitalised(toks[j-1].Text) && inSet(numberedBodies, toks[j-1].Text)
		if numbered {
			j++
		}
		// Peel titles and sentence-initial function words off the front: first
		// everything up to the last title that a name of two words or more
		// follows ("White House Press Secretary Josh Earnest").
		a := i
		var titles []string
		gender := ""
		for k := j - 3; k > i; k-- {
			// ("Chief Executive Laura Brandt": a title of two words.)
			if _, ok := lookupF(personTitles, personTitlesF, toks[k].Text); !ok && !(lowerIs(toks[k].Text, "executive") && isTitle(toks[k-1].Text)) ||
				weakTitles[lower(toks[k].Text)] && orgRun(toks[k+1:j]) {
				continue // (not a body's first word: "Cardinal Health Partners")
			}
			for ; a <= k; a++ {
				w := stripPossessive(toks[a].Text)
				titles = append(titles, lower(w))
				if g, _ := lookupF(personTitles, personTitlesF, w); g != "" {
					gender = g
				}
			}
			break
		}
		for a < j && !(a+1 < j && toks[a+1].Text == "&") {
			w := stripPossessive(toks[a].Text)
			if inSet(ranks, w) && inCapitals(w) && a+2 < j && !orgRun(toks[a+1:j]) {
				titles = append(titles, lower(w))
				a++
				continue
			}
			if g, ok := lookupF(personTitles, personTitlesF, w); ok && a+1 < j &&
				// (A title that is an ordinary word too titles a person's
				// name only, not a body's: "Elder Care Alliance".)
				(!weakTitles[lower(w)] || firstNameGender(foldName(toks[a+1].Text)) != "" || !orgRun(toks[a+1:j])) {
				titles = append(titles, lower(w))
				if g != "" {
					gender = g
				}
				a++
				continue
			}
			if inSetF(notNames, notNamesF, w) {
				a++
				continue
			}
			// An affiliation before a person's name of two words or more, or
			// alone; not the first word of an organisation's ("Democratic
			// National Committee").
			if inSet(affiliations, w) && (a+1 == j || a+2 < j && !orgRun(toks[a+1:j])) {
				titles = append(titles, lower(w))
				a++
				continue
			}
			// The office's object after a title and "of" or "for", before a
			// name of two words: "Secretary of State John Kerry", "Minister
			// for Health Simon Harris".
			if a == i && a+2 < j && i >= 2 && (lowerIs(toks[i-1].Text, "of") || lowerIs(toks[i-1].Text, "for")) && isTitle(toks[i-2].Text) {
				titles = append(titles, lower(w))
				a++
				continue
			}
			// A capitalised modifier before a title ("Syrian President").
			if a+1 < j {
				if _, ok := lookupF(personTitles, personTitlesF, toks[a+1].Text); ok {
					titles = append(titles, lower(w))
					a++
					continue
				}
			}
			break
		}
		// A party's adjective before a word in lower case ends no name: "Iowa
		// Republican caucuses" names Iowa.
		next := past
		if j-a >= 2 && inSet(affiliations, toks[j-1].Text) && !strings.HasSuffix(lower(toks[j-1].Text), "s") &&
			j < len(toks) && toks[j].Kind == text.Word && !capitalised(toks[j].Text) {
			j--
		}
		// An adjective, not a name: "the Syrian leader", "US-led", "Arab-backed".
		// (Not one a verb follows: "the PDP said", "the Guardian reported".)
		adjective := a == j-1 && a > 0 && lowerIs(toks[a-1].Text, "the") && j < len(toks) && toks[j].Kind == text.Word && !capitalised(toks[j].Text) &&
			!(inSet(verbsAfterName, toks[j].Text) && !demonymWord(toks[a].Text)) &&
			!unionName(toks, a, j)
		// Nor a party and a place before a role: "the Independent Vermont
		// senator".
		adjective = adjective || partyPlaceRole(toks, a, j)
		if k := lastHyphen(toks[j-1].Text); k > 0 && k+1 < len(toks[j-1].Text) {
			r, _ := utf8.DecodeRuneInString(toks[j-1].Text[k+1:])
			adjective = adjective || unicode.IsLower(r)
		}
		// (A transcript's label in capitals, "DELGADO:", is its speaker,
		// sentence-initial as it is; a dateline, "OSLO:", is no name.)
		label := j == turn && inCapitals(toks[a].Text)
		// (An acronym is a name wherever it stands: "NATO said".)
		lone := a == j-1 && sentStart(a) && !label && j > dateline && (inSetF(notNames, notNamesF, toks[a].Text) ||
			!inSet(midCap, stripPossessive(toks[a].Text)) && !nameAcronym(stripPossessive(toks[a].Text)))
		// An office alone is no name: "The Taoiseach, Mícheál Ó Briain"; the
		// name after its comma takes it as a title.
		// Nor is a member's post-nominal: "the new MP".
		if a == j-1 && (inSet(offices, toks[a].Text) && a > 0 && inSet(determiners, toks[a-1].Text) || inSet(members, toks[a].Text)) {
			i = next // ("Mayor said" may be Federico Mayor)
			continue
		}
		// (After the titles written with the name: "the Lagos State Governor,
		// Mr Olumide Adebanjo".)
		if a < j && !adjective && !lone && i >= 2 && toks[i-1].Text == "," {
			if o := officeBefore(toks, i-1); o != "" {
				titles = append(titles, o)
			}
		}
		// An office a place or a body opens names nobody: "the Lagos State
		// Governor", "NLC President" (the name after its comma takes it).
		// (Not "Federico Mayor": a first name opens a person's name.)
		if a < j && j-i >= 2 && inSet(offices, toks[j-1].Text) && capitalised(toks[j-1].Text) && !numbered &&
			firstNameGender(foldName(toks[i].Text)) == "" {
			i = next
			continue
		}
		if a < j && !adjective && !lone {
			org := numbered || unionName(toks, a, j) || firmNamed(toks, a, j) || orgRun(toks[a:j]) || agencyOfPlace(toks[a:j], common) || slices.ContainsFunc(toks[a:j], func(t text.Token) bool { return t.Text == "&" }) ||
				// "the BBC's Newsnight programme", "the Clarion newspaper".
				// (Not "the Portuguese newspaper".)
				j < len(toks) && inSet(mediaNouns, toks[j].Text) && firstNameGender(foldName(toks[a].Text)) == "" &&
					!(j-a == 1 && (strings.HasSuffix(toks[a].Text, "ese") || strings.HasSuffix(toks[a].Text, "ish")))
			// Six capitalised words or more that name no organisation are a
			// headline or a slogan ("The Crowd Does Not Like Jane Roe"), not a name.
			if j-a > 5 && !org || shouted(toks[a:j], common) {
				i = next
				continue
			}
			for ; qk < a; qk++ {
				depth = marks.step(qk, &toks[qk])
			}
			// A role in lower case right before a name of two words or more is
			// its title too: "union president Dana Street" is a person, not a
			// street.
			if a == i && i > 0 && j-a >= 2 && !org && toks[i-1].Kind == text.Word && !capitalised(toks[i-1].Text) && lowerRole(toks[i-1].Text) {
				w := lower(toks[i-1].Text)
				titles = append(titles, w)
				if g := personTitles[w]; g != "" && gender == "" {
					gender = g
				}
			}
			if len(titles) > 0 && !org {
				titles = placeTitles(toks, i, j, titles)
			}
			nr := nameRun{para: pi, b: j, ta: i, gender: gender, org: org, titleWords: titles, quoted: depth > 0, dateline: j <= dateline}
			nr.setStart(p, a)
			// A sentence's first word, capitalised only there, may be no part of
			// the name (dropOpeners decides, knowing the article's other names).
			w := stripPossessive(toks[a].Text)
			atStart := sentStart(a) || a > 0 && toks[a-1].IsQuote() && sentStart(a-1)
			nr.initial = atStart || a > 0 && toks[a-1].Text == "(" && sentStart(a-1)
			nr.opener = a == i && j-a >= 3 && atStart && !inSet(midCap, w)
			// A lone sentence-initial word that is not otherwise a name is skipped by
			// the caller when it never recurs.
			out = append(out, nr)
		}
		if next == i {
			next++
		}
		i = next
	}
	return out
}

// nameAcronym reports an acronym of two to six letters that may name a body
// ("NATO", "UNICEF"), not one of the common words written so ("OK", "TV").
func nameAcronym(w string) bool {
	return acronym(w) && len(w) <= 6 && !commonAcronyms[w]
}

var commonAcronyms = map[string]bool{"OK": true, "TV": true, "AI": true, "GDP": true, "CEO": true, "DNA": true,
	"ID": true, "PM": true, "AM": true, "IT": true, "UFO": true, "PC": true, "HIV": true, "AIDS": true, "COVID": true,
	"ATM": true, "VIP": true, "USB": true, "FAQ": true, "ASAP": true, "RIP": true, "DIY": true, "IQ": true}

// weekday reports whether w names a day of the week.
func weekday(w string) bool {
	if len(w) < 6 || len(w) > 9 || !strings.HasSuffix(w, "day") && !strings.HasSuffix(w, "DAY") {
		return false
	}
	for _, d := range [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		if lowerIs(w, d) {
			return true
		}
	}
	return false
}

// shouted reports whether a run of words in capitals is a heading or a label
// rather than a name: all its words are common ones ("SIGN UP"), or half of
// three or more ("EXPERTS DOWNPLAY PLANNED LAUNCH"), particles aside. "NEW
// YORK", "JAKE TAPPER" and "GUY DE MAUPASSANT" stay names.
func shouted(ts []text.Token, common func(string) bool) bool {
	if len(ts) < 2 || common == nil {
		return false
	}
	n, words := 0, 0 // particles ("DE", "AL") count for neither
	for i := range ts {
		w := ts[i].Text
		if !inCapitals(w) {
			return false
		}
		if inSetF(particles, particlesF, w) {
			continue
		}
		words++
		if common(w) {
			n++
		}
	}
	return words >= 2 && (n == words || words >= 3 && 2*n >= words)
}

// groupOf reports whether a source is a group that a name only modifies:
// "Trump supporters", "Clinton campaign aides", "Obama's advisers", "Senate
// leaders". Such people cannot be named; the name is not theirs. A name with
// others ("Trump and his lawyers") is still a speaker, and so is the owner of
// records ("FBI statistics", "FEC filings").
//
// A head that is often a cue is taken for a verb the source span took in
// ("Trump says"), not for a group.
func groupOf(ts []text.Token, cue func(string) bool) bool {
	n := len(ts)
	if n < 2 {
		return false
	}
	last := ts[n-1].Text
	if ts[n-1].Kind != text.Word || len(last) < 4 || !(plural(last) || inSet(groups, last)) || inSet(records, last) || cue != nil && cue(last) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(last); !unicode.IsLower(r) {
		return false
	}
	// Determiners, a name, then at most two lower-case words before the head.
	named, between := false, 0
	for i := range ts[:n-1] {
		w := ts[i].Text
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case inSet(conjunctions, w):
			return false
		case ts[i].Kind != text.Word:
			if named && w != "’s" && w != "'s" {
				return false
			}
		case unicode.IsUpper(r):
			if between > 0 {
				return false
			}
			named = true
		case !named:
			if !inSetF(notNames, notNamesF, w) {
				return false
			}
		default:
			if between++; between > 2 || inSetF(notNames, notNamesF, w) {
				return false
			}
		}
	}
	return named
}

// demonym reports whether w, the last word of a source's name, is a people's plural
// ("Americans", "Turkish Americans", "Many Muslims"): capitalised, in "-s", and
// the article writes its singular as an adjective inside a sentence, alone and
// before a word in lower case that is no cue ("American voters"; not "Adam said",
// "Bank regulators" opening a sentence, "Prince William and …"), or counts the
// plural as people are counted ("many Americans say", "60 percent of Americans";
// not "many Sanders supporters", where the plural is itself an adjective). (The
// training text's peoples, Model.isPeople, are known without it.) Such a group is
// nobody the article can name, and no surname to join a person's name by. sents
// holds each paragraph's sentence of each token.
func demonym(ps []Paragraph, sents [][]int32, w string, cue func(string) bool) bool {
	if !peopleShape(w) {
		return false
	}
	one := w[:len(w)-1]
	// lowerAfter: token k is a word in lower case that is no cue.
	lowerAfter := func(toks []text.Token, k int) bool {
		if k >= len(toks) || toks[k].Kind != text.Word {
			return false
		}
		r, _ := utf8.DecodeRuneInString(toks[k].Text)
		return unicode.IsLower(r) && (cue == nil || !cue(toks[k].Text))
	}
	for pi, p := range ps {
		toks := p.Toks
		for i := range toks {
			switch toks[i].Text {
			case one:
				// Inside a sentence, and no part of a longer name.
				prev := toks[max(i-1, 0)]
				inside := i > 0 && sents[pi][i-1] == sents[pi][i] && !prev.IsQuote() && prev.Text != "(" &&
					!(prev.Kind == text.Word && capitalised(prev.Text))
				if inside && lowerAfter(toks, i+1) {
					return true
				}
			case w:
				counted := i > 0 && inSet(quantifiers, toks[i-1].Text) ||
					i > 1 && lowerIs(toks[i-1].Text, "of") && inSet(quantities, toks[i-2].Text) ||
					// "one in five Canadians", "2 in 3 Britons".
					i > 2 && lowerIs(toks[i-2].Text, "in") && cardinal(toks[i-1]) && cardinal(toks[i-3])
				if counted && !lowerAfter(toks, i+1) {
					return true
				}
			}
		}
	}
	return false
}

// cardinal reports whether t is a number, in figures or in words up to ten.
func cardinal(t text.Token) bool {
	return t.Kind == text.Number || inSet(cardinals, t.Text)
}

var cardinals = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true}

// peopleShape reports whether w may be a people's plural: five letters or more,
// capitalised (not in capitals), in "-s" but not "-ss" nor "'s".
func peopleShape(w string) bool {
	return len(w) >= 5 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && w[len(w)-2] != '\'' && capitalised(w) && !inCapitals(w)
}

// quantifiers count people before their plural ("many Americans"); quantities
// before "of" ("millions of Americans").
var (
	quantifiers = map[string]bool{"many": true, "most": true, "some": true, "few": true, "several": true,
		"all": true, "other": true, "fellow": true, "million": true, "thousand": true}
	quantities = map[string]bool{"percent": true, "majority": true, "millions": true, "thousands": true,
		"hundreds": true, "most": true, "many": true, "some": true, "all": true, "number": true, "cent": true, "%": true}
)

// groups are heads of groups that are no plural in "-s" ("Delgado's staff").
var groups = map[string]bool{"people": true, "staff": true, "spokesmen": true, "spokeswomen": true,
	"police": true, "personnel": true}

// conjunctions join a name to others in a source ("Trump and his lawyers").
var conjunctions = map[string]bool{"and": true, "or": true, "nor": true, "&": true}

// records are plural nouns of what a source says or keeps, whose owner is the
// source ("FBI statistics", "Delgado's remarks").
var records = map[string]bool{"statistics": true, "filings": true, "figures": true, "records": true,
	"documents": true, "reports": true, "results": true, "numbers": true, "estimates": true,
	"papers": true, "emails": true, "data": true, "files": true, "accounts": true, "statements": true,
	"remarks": true, "comments": true, "tweets": true, "posts": true, "words": true, "letters": true,
	"messages": true, "notes": true, "texts": true, "memos": true, "transcripts": true, "minutes": true,
	"interviews": true, "speeches": true, "writings": true, "testimonies": true, "quotes": true}

// plural reports whether a lower-case word looks like a plural noun: ending in
// "s" but not in "ss", "us", "is" or a possessive.
func plural(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "’s")
}

// inCapitals reports whether w has a letter and no lower-case one.
func inCapitals(w string) bool {
	upper := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		upper = upper || unicode.IsUpper(r)
	}
	return upper
}

// hasInitial reports whether a name's words hold an initial ("w", "w.").
func hasInitial(ws []string) bool {
	for _, w := range ws {
		if utf8.RuneCountInString(strings.TrimSuffix(w, ".")) == 1 {
			return true
		}
	}
	return false
}

// contiguous reports whether ws stands in words as one run.
func contiguous(ws, words []string) bool {
	for i := 0; i+len(ws) <= len(words); i++ {
		if slices.Equal(words[i:i+len(ws)], ws) {
			return true
		}
	}
	return false
}

// orgRun reports whether a run of name words holds a word of organisations or an acronym.
func orgRun(toks []text.Token) bool {
	for k, t := range toks {
		// (A body's word in the plural before more of its name: "Centers
		// for Disease Control"; not a surname, "Jim Banks".)
		if w := stripPossessive(t.Text); inSetF(orgWords, orgWordsF, w) || acronym(w) ||
			k+2 < len(toks) && len(w) > 4 && w[len(w)-1] == 's' && inSetF(orgWords, orgWordsF, w[:len(w)-1]) {
			return true
		}
	}
	n := len(toks)
	if n < 2 {
		return false
	}
	if partyPlural(toks) {
		return true
	}
	last := stripPossessive(toks[n-1].Text)
	return (inSet(orgLastWords, last) || lowerIs(last, "hall") && inSet(civicWords, toks[n-2].Text)) &&
		firstNameGender(foldName(toks[0].Text)) == ""
}

// agencyOfPlace reports whether a run of two to four words is a body named
// by what it does and the country or city it serves: "Health Canada",
// "Tennis Norway", "Statistics Canada". The last word is a sure place, the
// others common nouns (agencyNouns, or words the model's text writes in lower
// case, common) and no first name, place, title nor word shaped as an
// adjective, and the whole no place itself ("Northern Ireland", "Greater
// Toronto", "Mainland China", "South Africa" are places). A name before a
// place is a person's or an age's: "Thandeka Ireland", "Tudor England".
func agencyOfPlace(toks []text.Token, common func(string) bool) bool {
	n := len(toks)
	if n < 2 || n > 4 {
		return false
	}
	last := stripPossessive(toks[n-1].Text)
	if inCapitals(last) || placeOf(last) != placeSure || strings.ContainsAny(last, ".-") {
		return false
	}
	var buf [64]byte
	name := buf[:0]
	for k, t := range toks[:n-1] {
		w := t.Text
		lw := lower(w)
		noun := agencyNouns[lw] || common != nil && common(w) && firstNameGender(foldName(w)) == ""
		if t.Kind != text.Word || !capitalised(w) || inCapitals(w) || strings.ContainsAny(w, ".-'’") || len(w) < 4 ||
			placeOf(w) != 0 || !noun || placeAdjectives[lw] || notAgency[lw] || inSetF(notNames, notNamesF, w) || isTitle(w) ||
			inSetF(particles, particlesF, w) || k == n-2 && inSet(conjunctions, w) {
			return false
		}
		for _, suf := range [...]string{"al", "ic", "ern", "ish", "an", "ese", "ist", "ed", "i", "ly"} {
			if strings.HasSuffix(lw, suf) {
				return false
			}
		}
		name = append(name, w...)
		name = append(name, ' ')
	}
	name = append(name, last...)
	return placeOf(string(name)) == 0
}

// agencyNouns are common nouns for the work of a body named for the country
// or city it serves ("Parks Canada", "Hockey Sweden"), first names as some are
// too, that the model's text may seldom write in lower case.
var agencyNouns = map[string]bool{"health": true, "statistics": true, "environment": true, "parks": true,
	"sport": true, "sports": true, "team": true, "transport": true, "fisheries": true, "oceans": true, "finance": true,
	"revenue": true, "elections": true, "tourism": true, "trade": true, "energy": true, "housing": true, "justice": true,
	"youth": true, "water": true, "heritage": true, "culture": true, "arts": true, "nature": true, "wildlife": true,
	"agriculture": true, "immigration": true, "employment": true, "infrastructure": true, "innovation": true,
	"science": true, "export": true, "development": true, "veterans": true, "engineers": true, "farmers": true,
	"universities": true, "colleges": true, "museums": true, "libraries": true, "volunteer": true, "destination": true,
	"invest": true, "enterprise": true, "business": true, "labour": true, "labor": true, "safety": true,
	"hockey": true, "tennis": true, "rugby": true, "football": true, "soccer": true, "golf": true, "cycling": true,
	"athletics": true, "swimming": true, "diving": true, "volleyball": true, "basketball": true, "baseball": true,
	"softball": true, "cricket": true, "netball": true, "curling": true, "rowing": true, "sailing": true, "canoe": true,
	"kayak": true, "skate": true, "skating": true, "skiing": true, "gymnastics": true, "boxing": true, "wrestling": true,
	"judo": true, "triathlon": true, "badminton": true, "lacrosse": true, "archery": true}

// placeAdjectives open the name of a part or a kind of a place: "Downtown
// Toronto", "Greater Vancouver", "Mainland China".
var placeAdjectives = map[string]bool{"north": true, "south": true, "east": true, "west": true, "new": true, "old": true,
	"great": true, "greater": true, "upper": true, "lower": true, "little": true, "inner": true, "outer": true,
	"downtown": true, "midtown": true, "uptown": true, "metro": true, "rural": true, "urban": true, "french": true,
	"english": true, "whole": true, "modern": true, "mainland": true, "coastal": true, "mother": true, "middle": true,
	"southwest": true, "southeast": true, "northwest": true, "northeast": true, "free": true, "occupied": true,
	"greek": true, "dutch": true, "swiss": true, "scots": true, "welsh": true, "irish": true, "thai": true, "fortress": true,
	"poor": true, "rich": true, "proud": true, "dear": true, "beautiful": true, "wartime": true, "postwar": true}

// notAgency are words that open a sentence before a place without naming a
// body with it: verbs ("Say Norway …", "Imagine Chile …") and prepositions.
var notAgency = map[string]bool{"say": true, "suppose": true, "imagine": true, "let": true, "make": true, "take": true,
	"give": true, "tell": true, "ask": true, "thank": true, "blame": true, "unlike": true, "beyond": true, "across": true,
	"throughout": true, "inside": true, "outside": true, "within": true, "without": true, "against": true,
	"toward": true, "towards": true, "into": true, "including": true, "like": true, "about": true, "above": true,
	"below": true, "behind": true, "besides": true, "between": true, "during": true, "except": true, "under": true,
	"upon": true, "amid": true, "among": true, "leave": true, "keep": true, "visiting": true, "leaving": true}

// lowerRole reports whether w, in lower case before a name, is a role that
// titles the person it names: "union president", "party leader".
func lowerRole(w string) bool {
	return inSet(offices, w) || inSet(lowerRoles, w)
}

var lowerRoles = map[string]bool{"leader": true, "chief": true, "critic": true, "director": true, "chair": true,
	"chairperson": true, "councillor": true, "councilor": true, "mayor": true, "coordinator": true, "organizer": true,
	"organiser": true, "elder": true, "manager": true, "economist": true, "analyst": true, "ceo": true}

// civicWords name the seat of a place's government before "Hall": "City
// Hall", "Town Hall" (a surname Hall is no body).
var civicWords = map[string]bool{"city": true, "town": true, "county": true, "village": true}

// orgLastWords end the names of bodies, and only there: a club's "Carrow
// United", "Brighton and Hove Albion" ("United States" is no body, nor a
// person's "Tom United").
var orgLastWords = map[string]bool{"united": true, "athletic": true, "albion": true, "rangers": true, "elementary": true,
	// A utility's ("City Power", "Vukani Electric"; not "Samantha Power").
	"power": true, "resources": true, "utilities": true, "electric": true,
	// A First Nation's ("Lac Brochet First Nation", "Sandy Creek Cree
	// Nation"), a firm's ("Crossbay Transit Solutions", "Northway Pharma").
	"nation": true, "nations": true, "solutions": true, "pharma": true, "building": true,
	// A newspaper's ("Millbrook Ledger", "Eastmere Gazette").
	"ledger": true, "gazette": true, "courier": true, "chronicle": true, "examiner": true, "sentinel": true,
	"dispatch": true, "inquirer": true, "bulletin": true, "register": true, "observer": true, "globe": true}

// partyPlural reports whether toks name a party by its members: "Liberal
// Democrats", "Young Republicans" (not a group: "Oklahoma Democrats",
// "Mainstream Republicans").
func partyPlural(toks []text.Token) bool {
	return len(toks) == 2 && inSet(partyOpeners, toks[0].Text) && inSet(partyMembers, stripPossessive(toks[1].Text))
}

var (
	partyOpeners = map[string]bool{"liberal": true, "social": true, "christian": true, "free": true, "young": true,
		"college": true, "green": true}
	partyMembers = map[string]bool{"democrats": true, "republicans": true, "conservatives": true, "liberals": true,
		"socialists": true, "unionists": true, "nationalists": true}
)

// setStart makes token a of paragraph p the first of the name run (its name, text
// and offsets follow).
func (nr *nameRun) setStart(p Paragraph, a int) {
	toks := p.Toks
	j := nr.b
	nr.a = a
	nr.name = runName(p.Text, toks[a:j])
	last := stripPossessive(toks[j-1].Text)
	nr.raw = p.Text[toks[a].BStart : toks[j-1].BStart+len(last)]
	if !p.Title {
		nr.start = p.Offset + toks[a].Start
		nr.end = p.Offset + toks[j-1].Start + utf8.RuneCountInString(last)
	} else {
		nr.start, nr.end = -1, -1
	}
}

// dropOpeners drops the first word of a name run that opens a sentence and is
// capitalised nowhere else, before a name the article gives elsewhere, when the
// article also writes that word in lower case ("Billionaire Donald Trump" beside
// "the billionaire"), or when it is a common word (one the training text writes in
// lower case and seldom capitalises inside a sentence: "Rival Jane Roe" beside
// "Jane Roe"). Words in capitals are left as they are (a line in capitals names
// nobody either way), and so is a name that would start with a particle ("Guy
// de Maupassant"). Of a name of two words opening a sentence, a common first
// word that can be no first name (after a bracket, before a possessive, or a cue)
// goes when a person's name in the article, not opened by one, ends in the second.
// The opening word also goes before a first name when it is none itself
// ("Owner Renée Dubois").
func dropOpeners(runs []nameRun, ps []Paragraph, common, cue func(string) bool) {
	var names map[string]bool    // made only when a run may need it
	var surnames map[string]byte // 1: a surname of a name of two words or more; 2: of one opening with a first name
	for i := range runs {
		r := &runs[i]
		if !r.opener && r.b-r.a == 2 && r.initial && !r.org && common != nil {
			// A common word opening a sentence before a surname that a person's
			// name in the article ends in, whose first word is no common word:
			// "(See Sexton's timeline …)" beside "Jared Sexton". Only where the
			// word can be no first name: after a bracket, before a possessive, or
			// a cue ("Continued Stone"); "Will Smith" beside "Jada Pinkett Smith"
			// stays.
			p := ps[r.para]
			w := p.Toks[r.a].Text
			// (Or a verb in -ing before the surname of someone named in full
			// with a first name, opening a phrase that a comma closes: "Using
			// Clinton as a foil, …"; "Sterling Brown said", "Morning Consult"
			// stay.)
			ing := len(w) >= 5 && strings.HasSuffix(w, "ing") && firstNameGender(foldName(w)) == "" && placeOf(w) == 0 &&
				participial(p.Toks, r.b, cue)
			shape := r.a > 0 && p.Toks[r.a-1].Text == "(" || p.Toks[r.a+1].Text != stripPossessive(p.Toks[r.a+1].Text) || cue != nil && cue(w)
			if (shape || ing) && !inCapitals(w) && (common(w) || ing) {
				if surnames == nil {
					surnames = make(map[string]byte, len(runs))
					for _, o := range runs {
						op := ps[o.para]
						if first := op.Toks[o.a].Text; o.b-o.a >= 2 && !o.org && !common(first) {
							k := stripPossessive(op.Toks[o.b-1].Text)
							surnames[k] |= 1
							if firstNameGender(foldName(first)) != "" {
								surnames[k] |= 2 // a person's, with a first name
							}
						}
					}
				}
				if k := surnames[stripPossessive(p.Toks[r.a+1].Text)]; shape && k != 0 || ing && k&2 != 0 {
					r.setStart(p, r.a+1)
				}
			}
			continue
		}
		if !r.opener {
			continue
		}
		if names == nil {
			names = make(map[string]bool, len(runs))
			for _, o := range runs {
				names[o.name] = true
			}
		}
		p := ps[r.para]
		w := p.Toks[r.a].Text
		// The rest is a name the article gives, or one that opens with a first
		// name when w is none ("Librarian Henrik Aas"; "Joy Ann Reid" stays).
		next := p.Toks[r.a+1].Text
		if roleOpeners[lower(w)] && !inCapitals(w) && firstNameGender(foldName(next)) != "" && r.b-r.a >= 3 {
			r.setStart(p, r.a+1) // "Rider Kezia Ames": a rider, though Rider is a first name too
			continue
		}
		if !inCapitals(w) && r.b-r.a >= 3 && occupation(w) && !inSetF(particles, particlesF, next) {
			// "Pharmacist Robin Vale", whatever the first name; every word of
			// the occupation: "Nurse Practitioner Maya Cho".
			for r.b-r.a >= 3 && !inCapitals(p.Toks[r.a].Text) && occupation(p.Toks[r.a].Text) && !inSetF(particles, particlesF, p.Toks[r.a+1].Text) {
				r.setStart(p, r.a+1)
			}
			continue
		}
		if inCapitals(w) || inSetF(particles, particlesF, next) ||
			!names[runName(p.Text, p.Toks[r.a+1:r.b])] && (firstNameGender(foldName(next)) == "" || firstNameGender(foldName(w)) != "") {
			continue
		}
		if writtenLower(ps, w) || common != nil && common(w) || occupation(w) && firstNameGender(foldName(next)) != "" {
			r.setStart(p, r.a+1)
		}
	}
}

// roleOpeners are the words for the public that a story prints before a
// name opening a sentence, first names as some of them also are ("Rider",
// "Driver", "Parent").
var roleOpeners = map[string]bool{"rider": true, "driver": true, "commuter": true, "passenger": true, "shopper": true,
	"voter": true, "parent": true, "patient": true, "resident": true, "tenant": true, "homeowner": true,
	"retiree": true, "harvester": true, "fisher": true, "pharmacist": true, "nurse": true, "farmer": true}

// placeNouns name a place by the name that follows them with "of": "the city of
// Portview".
var placeNouns = map[string]bool{"city": true, "town": true, "state": true, "county": true, "province": true,
	"village": true, "borough": true, "district": true, "region": true, "republic": true, "kingdom": true,
	"island": true, "islands": true, "port": true, "municipality": true, "commonwealth": true, "government": true}

// occupation reports whether w names a trade or role that opens a sentence
// before a name ("Librarian Henrik Aas", "Owner Renée Dubois"), and is no
// first name.
func occupation(w string) bool {
	lw := foldName(w)
	return (trades[lw] || tradeSuffix(lw)) && firstNameGender(lw) == ""
}

// tradeSuffix reports a word of six letters or more shaped as a trade or a
// science's practitioner: "hydrologist", "statistician", "choreographer".
func tradeSuffix(lw string) bool {
	return len(lw) >= 6 && (strings.HasSuffix(lw, "ist") && !notTrades[lw] && !strings.HasSuffix(lw, "wist") ||
		strings.HasSuffix(lw, "ician") || strings.HasSuffix(lw, "grapher"))
}

// notTrades are words in -ist that name no one ("checklist", "persist").
var notTrades = map[string]bool{"checklist": true, "playlist": true, "shortlist": true, "wishlist": true, "blacklist": true,
	"whitelist": true, "tracklist": true, "setlist": true, "waitlist": true, "assist": true, "insist": true, "persist": true,
	"resist": true, "consist": true, "subsist": true, "desist": true, "amidst": true, "checklists": true}

// trades are words for what people do that a text may print before their name.
var trades = map[string]bool{
	"librarian": true, "owner": true, "curator": true, "economist": true, "historian": true, "comedian": true,
	"actress": true, "actor": true, "singer": true, "musician": true, "novelist": true, "author": true, "writer": true,
	"poet": true, "artist": true, "photographer": true, "producer": true, "designer": true, "architect": true,
	"engineer": true, "scientist": true, "researcher": true, "teacher": true, "nurse": true, "surgeon": true,
	"practitioner": true, "therapist": true, "technologist": true, "assistant": true, "worker": true,
	"physician": true, "dentist": true, "farmer": true, "fisherman": true, "chef": true, "builder": true,
	"plumber": true, "carpenter": true, "mechanic": true, "pilot": true, "soldier": true, "veteran": true,
	"player": true, "striker": true, "goalkeeper": true, "midfielder": true, "defender": true, "founder": true, "investor": true, "billionaire": true,
	"entrepreneur": true, "businessman": true, "businesswoman": true, "activist": true, "campaigner": true,
	"organiser": true, "organizer": true, "volunteer": true, "resident": true, "student": true, "pastor": true,
	"priest": true, "journalist": true, "host": true, "presenter": true, "broadcaster": true, "commentator": true,
	"blogger": true, "filmmaker": true, "playwright": true, "composer": true, "dancer": true, "model": true,
	"shopkeeper": true, "landlord": true, "tenant": true, "developer": true, "contractor": true, "trader": true,
	"banker": true, "accountant": true, "consultant": true, "diplomat": true, "lobbyist": true, "midwife": true,
	"paramedic": true, "firefighter": true, "teenager": true, "grandmother": true, "grandfather": true,
	"prosecutor": true, "solicitor": true, "barrister": true, "defendant": true, "witness": true, "victim": true,
	"gardener": true, "harbourmaster": true, "harbormaster": true, "headteacher": true, "headmaster": true,
	"headmistress": true, "keeper": true, "ranger": true, "warden": true, "caretaker": true, "lifeguard": true,
}

// writtenLower reports whether the article also writes capitalised word w in lower
// case ("the billionaire"), as it never writes a first name.
func writtenLower(ps []Paragraph, w string) bool {
	lw := lower(w)
	for _, p := range ps {
		for i := range p.Toks {
			if t := p.Toks[i].Text; len(t) == len(lw) && t[0] == lw[0] && lower(t) == lw {
				return true
			}
		}
	}
	return false
}

// runName is the words of a name (tokens of txt), possessive stripped, joined by one
// space: a piece of txt when the name is written so, as it nearly always is.
func runName(txt string, toks []text.Token) string {
	n := len(toks)
	last := stripPossessive(toks[n-1].Text)
	asWritten := true
	for k := 0; k+1 < n && asWritten; k++ {
		t := toks[k]
		asWritten = len(stripPossessive(t.Text)) == len(t.Text) && toks[k+1].BStart == t.BEnd+1 && txt[t.BEnd] == ' '
	}
	if asWritten {
		return txt[toks[0].BStart : toks[n-1].BStart+len(last)]
	}
	var buf [8]string
	words := buf[:0]
	for _, t := range toks {
		words = append(words, stripPossessive(t.Text))
	}
	return strings.Join(words, " ")
}

// entityTable clusters names into entities: a shorter name that is part of a longer
// one and holds its last word ("Assad" in "Bashar al-Assad") is an alias of it.
type entityTable struct {
	ents []*ent
	// byWord lists, for each word, the entities whose names hold it, in the order
	// they were made: from the node heads[w][0], along next, to heads[w][1].
	byWord map[string][2]int32
	nodes  []wordNode
}

type wordNode struct {
	e    *ent
	next int32 // -1: the last
}

// add lists e under word w.
func (t *entityTable) add(w string, e *ent) {
	k := int32(len(t.nodes))
	t.nodes = append(t.nodes, wordNode{e, -1})
	if h, ok := t.byWord[w]; ok {
		t.nodes[h[1]].next = k
		t.byWord[w] = [2]int32{h[0], k}
		return
	}
	t.byWord[w] = [2]int32{k, k}
}

type ent struct {
	id       string
	name     string
	words    []string
	gender   string
	org      bool
	titles   map[string]bool
	mentions []article.Mention
	seen     map[[2]int]bool // mentions by offsets, so each is listed once
	nm       int             // how many runs name it in the text
	speaker  bool
	place    bool // a town, country or region (markPlaces)
	unnamed  bool // stands for someone the article does not name (resolver.sawUnnamed)
	para     int  // an unnamed one's paragraph
	first    int  // the first run (in text order) that names it in full, or made it
	marked   bool // markPlaces has decided place
	signs    placeSigns
	outside  bool // a run names it outside quotation marks
	// titled holds the genders ('m', 'f') of the titles its surname runs came with
	// ("Mrs. Clinton"): one of the other gender is someone else.
	titled string
}

// nameWords returns the lower-cased words of a name but its particles, lower-cased by lc.
func nameWords(n string, lc lowerCache) []string {
	isSep := func(r rune) bool { return r == ' ' || r == '-' || r == '‐' }
	// strings.FieldsFunc's fields, counted and then taken, in one allocation.
	var buf [8]string
	fields := buf[:0]
	start := -1
	for i, r := range n {
		switch {
		case isSep(r):
			if start >= 0 {
				fields = append(fields, n[start:i])
				start = -1
			}
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		fields = append(fields, n[start:])
	}
	var ws []string
	for _, w := range fields {
		lw := lc.of(w)
		if !particles[lw] {
			if ws == nil {
				ws = make([]string, 0, len(fields))
			}
			ws = append(ws, lw)
		}
	}
	return ws
}

// lowerCache holds lower(w) of the words of an article, each made once.
type lowerCache map[string]string

func (c lowerCache) of(w string) string {
	if l, ok := c[w]; ok {
		return l
	}
	l := lower(w)
	c[w] = l
	return l
}

// nameWordsOf is nameWords of each run's name, made once for each name: the words are
// only read.
func nameWordsOf(runs []nameRun, lc lowerCache) [][]string {
	words := make([][]string, len(runs))
	made := make(map[string][]string, len(runs)/2+1)
	for i, r := range runs {
		ws, ok := made[r.name]
		if !ok {
			ws = nameWords(r.name, lc)
			made[r.name] = ws
		}
		words[i] = ws
	}
	return words
}

func subset(a, b []string) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// build makes entities from all name runs, longest names first.
func (t *entityTable) build(runs []nameRun, ps []Paragraph, lc lowerCache, common func(string) bool) []*ent {
	order := make([]int, len(runs))
	for i := range order {
		order[i] = i
	}
	words := nameWordsOf(runs, lc)
	// The entities, at most one for each run, in one allocation; only pointers to them
	// are kept.
	slab := make([]ent, 0, len(runs))
	t.byWord = make(map[string][2]int32, len(runs))
	// Longest first; of names as long, those that may name someone new first,
	// so that a headline's name finds the body's person of the same name.
	sortBy(order, func(x, y int) bool {
		if len(words[x]) != len(words[y]) {
			return len(words[x]) > len(words[y])
		}
		return !runs[x].weak && runs[y].weak
	})
	of := make([]*ent, len(runs))
	t.ents = make([]*ent, 0, len(runs))
	for _, i := range order {
		r := &runs[i]
		ws := words[i]
		if len(ws) == 0 {
			continue
		}
		var cands [4]*ent
		fits := cands[:0] // the entities this name is a part of
		h, ok := t.byWord[ws[len(ws)-1]]
		for k := h[0]; ok && k >= 0; k = t.nodes[k].next {
			e := t.nodes[k].e
			if e.org != r.org && !(len(ws) == 1) {
				continue
			}
			// A sure place alone is no short name of a longer one ending in it:
			// "Canada" is not Health Canada, nor "Mexico" the run "Say Mexico"
			// a sentence opens, nor a place after a preposition or a
			// determiner ("from London", "the Vermont senator"); but it is a
			// person's surname ("Oksana Holland … Holland said", "Mr. Israel"
			// may be Steve Israel).
			if len(ws) == 1 && len(e.words) > 1 && r.gender == "" && len(r.titleWords) == 0 && placeOf(r.name) == placeSure && placeOf(e.name) == 0 &&
				(!personEnding(e, common) || placeUse(ps, r)) {
				continue
			}
			// A name with an initial is part of a longer one with other initials only
			// as it stands: "George W. Bush" is not "George H. W. Bush", though
			// "Robert Kennedy" is "Robert F. Kennedy".
			// "Sir Roland" is Sir Roland Pembury, as "Dame Ann" is Dame Ann
			// Hale: a knight's or a dame's title goes with the first name.
			// (Only a knight or dame the article titles so: "Lord Owen" is not
			// Owen Farrell, nor "Sir Alex" an Alex Morgan.)
			knight := len(ws) == 1 && len(e.words) >= 2 && !e.org && ws[0] == e.words[0] && slices.ContainsFunc(r.titleWords, func(tw string) bool {
				return (tw == "sir" || tw == "dame") && e.titles[tw]
			})
			if subset(ws, e.words) && (ws[len(ws)-1] == e.words[len(e.words)-1] || e.org || knight) && !slices.Contains(fits, e) &&
				(!hasInitial(ws) || contiguous(ws, e.words)) {
				fits = append(fits, e)
			}
		}
		if r.dateline {
			fits = fits[:0] // "ATLANTA —" is not Zoo Atlanta
		}
		match := pick(fits, ws, r.gender, r.org, i)
		if match == nil && r.weak {
			continue
		}
		if match == nil {
			// A person's gender is the one their titles say, else their first
			// name's ("Margaret Holloway", "Georgia Banks"), if it has one; not
			// a name of one word nor a known place: towns and states bear first
			// names too ("Virginia", "Virginia Beach", "North Carolina").
			g := r.gender
			if g == "" && !r.org && len(ws) >= 2 {
				if g = firstNameGender(foldName(ws[0])); g != "" && (placeOf(r.name) != 0 || townName(ws)) {
					g = ""
				}
			}
			slab = append(slab, ent{name: r.name, words: ws, org: r.org, gender: g, first: i})
			match = &slab[len(slab)-1]
			t.ents = append(t.ents, match)
			for _, w := range ws {
				t.add(w, match)
			}
		}
		// A surname's title tells the gender of the surname's own entity, not of
		// a fuller name it was given to ("Mr. Clinton" of Hillary Clinton, wrongly),
		// but no title of the other gender may follow it.
		if r.gender != "" && match.gender == "" && len(ws) == len(match.words) {
			match.gender = r.gender
		}
		if r.gender != "" && !strings.Contains(match.titled, r.gender) {
			match.titled += r.gender
		}
		for _, tw := range r.titleWords {
			if match.titles == nil {
				match.titles = map[string]bool{}
			}
			match.titles[tw] = true
			if full, ok := titleAbbreviations[tw]; ok {
				match.titles[full] = true // "Sen." is a senator
			}
		}
		if r.start >= 0 {
			match.nm++
		}
		if len(ws) >= 2 && !r.weak {
			match.first = min(match.first, i)
		}
		of[i] = match
	}
	// The mentions of the runs, in the same order, each entity's in a piece of one
	// allocation that holds them all.
	total := 0
	for _, e := range t.ents {
		total += e.nm
	}
	all := make([]article.Mention, total)
	for _, e := range t.ents {
		if e.nm > 0 {
			e.mentions, all = all[:0:e.nm], all[e.nm:]
		}
	}
	for _, i := range order {
		if r := &runs[i]; of[i] != nil && r.start >= 0 {
			e := of[i]
			e.mentions = append(e.mentions, article.Mention{Start: r.start, End: r.end, Text: r.raw})
		}
	}
	return of
}

// pick chooses the entity a name of words ws (with the gender its titles imply)
// is a part of, among fits; nil when there is none or no good reason to choose.
// When two people share the part ("Clinton" of Bill and Hillary Clinton), the name
// (if a person's, of the people) goes to an entity named by exactly these words,
// made by an earlier such name, else to the only one of a compatible gender, else
// to the only one named in full before it (run at, in text order: "Karen
// Okafor … Okafor said … Michael Okafor"), else to one named at least twice
// as often as each other, else to none.
func pick(fits []*ent, ws []string, gender string, org bool, at int) *ent {
	if len(fits) > 1 && !org {
		// A person's name, of several: people before organisations named after
		// one ("Clinton" of Hillary Clinton and of the Clinton Foundation).
		people := fits[:0:0]
		for _, e := range fits {
			if !e.org {
				people = append(people, e)
			}
		}
		if len(people) > 0 {
			fits = people
		}
	}
	agrees := func(e *ent) bool {
		return gender == "" || (e.gender == "" || e.gender == gender) && (e.titled == "" || strings.Contains(e.titled, gender))
	}
	for _, e := range fits {
		if slices.Equal(e.words, ws) && agrees(e) {
			return e
		}
	}
	// Those of a compatible gender ("Mr. Clinton" is not the Mrs. Clinton named
	// before): the only one, or the one named most.
	var buf [4]*ent
	ok := buf[:0]
	for _, e := range fits {
		if agrees(e) {
			ok = append(ok, e)
		}
	}
	if len(ok) == 1 {
		return ok[0]
	}
	var earlier *ent
	for _, e := range ok {
		if e.first < at {
			if earlier != nil {
				earlier = nil
				break
			}
			earlier = e
		}
	}
	if earlier != nil {
		return earlier
	}
	var best *ent
	top, second := 0, 0
	for _, e := range ok {
		switch {
		case e.nm > top:
			best, top, second = e, e.nm, top
		case e.nm > second:
			second = e.nm
		}
	}
	if top >= 2 && top >= 2*second {
		return best
	}
	return nil
}

var pronounGender = map[string]string{"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

// resolver resolves speaker mentions to entities, walking the article in order.
type resolver struct {
	runs []nameRun
	// first[p] is the index in runs of paragraph p's first name (runs are in text order).
	first  []int
	of     []*ent // the entity of each run, or nil
	recent []*ent // speakers and named subjects, most recent last
	cue    func(string) bool
	people func(string) bool // the plural of a people, as the training text writes them
	sents  [][]int32         // the sentence of each token, per paragraph
	// demonyms holds what demonym said of each word asked about.
	demonyms map[string]bool
	// quoted is quotedIn's answer for paragraph quotedPara, once it is set.
	quoted     []bool
	quotedPara int
	// beforePara is the paragraph of each entity namedBefore last gave.
	beforePara []int
	// most is mostNamed's answer, once named is set.
	most  *ent
	named bool
	// unnamedHeads holds the last words of the indefinite descriptions of
	// speakers left unnamed ("a senior diplomat"): "the diplomat" after one
	// is that one.
	unnamedHeads []unnamedHead
}

// words is what the training text says of a word — whether it is common (written
// in lower case, seldom capitalised), often a cue, or a people's plural — and
// where the article's transcript labels are (turns), which tell findNames what
// is a name.
type words struct {
	common, cue func(string) bool
	people      func(string) bool // the plural of a people ("Americans")
	// turns holds, for each paragraph, where a transcript's label ends (its
	// colon), or -1; nil when the article is no transcript (transcriptLabels).
	turns []int
}

// runAt returns the entity of the first name run inside token range [a, b) of paragraph pi.
//
// The first name is the head of the mention: "Carla Mendes, an economist at the
// Harbour Bank" is Carla Mendes.
//
// A first name that only modifies a person's fuller name later in the mention,
// with no comma between, gives way to that name: one word ("Texan voter Jane Roe",
// where "Texan" was taken for a name), or an organisation ("Harbour Bank economist
// Carla Mendes").
func (r *resolver) runAt(ps []Paragraph, pi, a, b int) *ent {
	lo, hi := r.first[pi], r.first[pi+1]
	i0 := lo + sort.Search(hi-lo, func(k int) bool { return r.runs[lo+k].a >= a })
	if e := r.closingName(ps, pi, a, b, i0, hi); e != nil {
		return e
	}
	if e := r.roleClosing(ps, pi, a, b, i0, hi); e != nil {
		return e
	}
	var found, inMarks, owner *ent
	skipped := 0       // where the last run ofPlace passed over ends
	foundAt := -1      // the token after the first name found
	var marked nameRun // inMarks's run
	var quoted []bool
	for i := i0; i < hi; i++ {
		nr := r.runs[i]
		if nr.a >= b {
			break
		}
		if nr.a < a || nr.b > b {
			continue
		}
		e := r.of[i]
		if e == nil {
			continue
		}
		// A place inside a longer mention only says where or of where the
		// speaker is: "the former Wales international", "Forecasters in
		// Nashville, Tennessee"; but not one that opens it as an owner or
		// the first of several ("Russia's foreign ministry", "China and
		// Russia").
		if last := e.words[len(e.words)-1]; e.place && len(e.words) > 1 && landLast[last] && last != "lake" {
			continue // a river or a valley says nothing ("Wall Street" may)
		}
		if e.place && !(nr.a <= a+1 && nr.b == b) {
			if nr.a <= a+1 && (placeLeads(ps[pi].Toks, nr.b) || spokesAfter(ps[pi].Toks, nr.b, b)) && owner == nil {
				owner = e // the speaker if the mention names no one else
				if h, ok := r.roleHolder(ps, pi, nr.b, b); ok && placeLeads(ps[pi].Toks, nr.b) {
					// "France's labour minister" is a person, whom the
					// article may name, not France.
					owner = h
				}
			}
			skipped = nr.b // (and the names listed with it: "in Bareilly and Shahjahanpur")
			continue
		}
		// A name after a preposition that follows a common noun belongs to
		// the noun: "the harbour council of Port Aldren", "a reporter for the
		// Eastmere Gazette", "residents in Kessock" are not the place, nor is
		// a name joined to one by "and"; but "a report by Politico" and "papers
		// from Jane Roe" are theirs, "the city of Portview" is Portview, and a
		// run that holds a first name holds a person ("Minister for Health
		// Simon Harris").
		if r.ofPlace(ps[pi].Toks, a, i, lo) {
			skipped = nr.b
			continue
		}
		if toks := ps[pi].Toks; skipped > 0 && nr.a == skipped+1 && (lowerIs(toks[skipped].Text, "and") || toks[skipped].Text == "&" ||
			toks[skipped].Text == "," && e.gender == "" && len(e.titles) == 0 && nr.b-nr.a == 1) {
			skipped = nr.b
			continue
		}
		// A name in quotation marks inside a mention that is not is a title
		// ("who has read “The Power Broker” twice"), not the speaker; or a
		// nickname ("the singer “Little Mo”"), the speaker when it closes a
		// short mention that names no one else.
		if quoted == nil {
			quoted = r.quotedIn(ps, pi)
		}
		if nr.quoted && !quoted[a] {
			if inMarks == nil {
				inMarks, marked = e, nr
			}
			continue
		}
		if found == nil {
			// "The White House press secretary, Dana Brooks": the person the
			// description ends on, not the body it names first.
			if p := r.appositive(ps, pi, i, b); p != nil {
				return p
			}
			if nr.b-nr.a > 1 && e.person() && r.personAfter(ps, pi, i, b) == nil {
				return e
			}
			found, foundAt = e, nr.b
			continue
		}
		// (Not one that "for" joins to a body of two words or more: "National
		// Nurses United for Patient Protection".)
		if between := ps[pi].Toks[foundAt:nr.a]; e.person() && len(e.words) > 1 && !hasComma(between) &&
			(found.person() || len(found.words) < 2 || !hasFor(between)) {
			return e
		}
		break
	}
	// The nickname closes a short mention: two words or fewer before its mark,
	// nothing after it but the closing one ("the singer “Little Mo”"; not "the
	// “No Comparison” ad", nor "presidents introduced the “War On Drugs”").
	if found == nil && inMarks != nil && marked.ta-a <= 3 && b-marked.b <= 1 {
		if w := ps[pi].Toks[a].Text; !lowerIs(w, "who") && !lowerIs(w, "which") && !lowerIs(w, "that") {
			return inMarks
		}
	}
	if found == nil {
		return owner
	}
	return found
}

// firmNouns are the words for a business that may stand before its name:
// "the carmaker Vellmark Automotive".
var firmNouns = map[string]bool{"company": true, "firm": true, "carmaker": true, "automaker": true, "airline": true,
	"retailer": true, "supermarket": true, "chain": true, "lender": true, "insurer": true, "manufacturer": true,
	"broadcaster": true, "operator": true, "utility": true, "supplier": true, "housebuilder": true, "developer": true}

// spokesAfter reports whether the mention that ends at b closes on a
// spokesperson's word at k, right after a place's name: "A Downing Street
// spokesperson" speaks for Downing Street.
func spokesAfter(toks []text.Token, k, b int) bool {
	if k != b-1 {
		return false
	}
	w := lower(toks[k].Text)
	return w == "spokesperson" || w == "spokesman" || w == "spokeswoman"
}

// roleHolder reports whether the words after a place's possessive, tokens
// [k, b) of paragraph pi, are a person's role in lower case ("France's labour
// minister"), and returns the one person the article titles so, if any: the
// role's word and, when there is one, the word before it ("Labour Minister
// Élodie Marchand").
func (r *resolver) roleHolder(ps []Paragraph, pi, k, b int) (*ent, bool) {
	toks := ps[pi].Toks
	if k < b && (toks[k].Text == "'s" || toks[k].Text == "’s" || toks[k].Text == "'" || toks[k].Text == "’") {
		k++
	}
	if b-k < 1 || b-k > 3 {
		return nil, false
	}
	for _, t := range toks[k:b] {
		if t.Kind != text.Word || capitalised(t.Text) {
			return nil, false
		}
	}
	last := toks[b-1].Text
	if !(inSet(roleNouns, last) || isTitle(last)) || inSet(orgWords, last) || plural(last) {
		return nil, false
	}
	lw, mod := lower(last), ""
	if b-k >= 2 {
		mod = lower(toks[b-2].Text)
	}
	// The one titled with the role's word; of several, the one titled with
	// the word before it too.
	var holder, modded *ent
	n, nm := 0, 0
	for i, e := range r.of {
		if e == nil || e == holder || e == modded || !e.person() || len(e.words) < 2 {
			continue
		}
		if !e.titles[lw] && !r.roleBefore(ps, i, toks[k:b]) {
			continue
		}
		if e != holder {
			n++
			holder = e
		}
		if mod != "" && e.titles[mod] && e != modded {
			nm++
			modded = e
		}
	}
	switch {
	case n == 1:
		return holder, true
	case nm == 1:
		return modded, true
	}
	return nil, true
}

// roleBefore reports whether run i's name comes right after the words of
// role ("Gatwick chief executive Morwenna Tresize").
func (r *resolver) roleBefore(ps []Paragraph, i int, role []text.Token) bool {
	nr := r.runs[i]
	toks := ps[nr.para].Toks
	k := nr.ta - len(role)
	if k < 0 || nr.ta > len(toks) {
		return false
	}
	for j, t := range role {
		if lower(toks[k+j].Text) != lower(t.Text) {
			return false
		}
	}
	return true
}

// personAfter returns the person named after run i, within the mention that
// ends at token b, when only a possessive or a role in lower case stands
// between: "Sinn Féin's Mary Lou Brennan", "Vukani Power chief executive
// Refilwe Maseko" are the people, of the body named first.
func (r *resolver) personAfter(ps []Paragraph, pi, i, b int) *ent {
	if i+1 >= r.first[pi+1] || r.runs[i+1].b > b {
		return nil
	}
	e := r.of[i+1]
	if e == nil || !e.person() || len(e.words) < 2 {
		return nil
	}
	switch roleBetween(ps[pi].Toks, r.runs[i].b, r.runs[i+1].ta) {
	case betweenRole:
		return e
	case betweenPossessive:
		if e.gender != "" { // (not "Dan Loeb's Third Point": a first name tells a person)
			return e
		}
	}
	return nil
}

// What roleBetween finds between two names.
const (
	betweenOther      = iota
	betweenPossessive // "’s" alone
	betweenRole       // words in lower case, one a role ("chief executive", "’s spokesman")
)

// roleBetween tells what toks[a:c], the words between two names, are.
func roleBetween(toks []text.Token, a, c int) int {
	if c <= a || c-a > 4 {
		return betweenOther
	}
	possessive, role := false, false
	for _, t := range toks[a:c] {
		switch {
		case t.Text == "'s" || t.Text == "’s":
			possessive = true
		case t.Kind != text.Word || capitalised(t.Text) || lowerIs(t.Text, "and") || lowerIs(t.Text, "or") ||
			lowerIs(t.Text, "with") || lowerIs(t.Text, "for") || lowerIs(t.Text, "of"):
			return betweenOther
		case isTitle(t.Text) || inSet(roleNouns, t.Text) || occupation(t.Text) || lowerIs(t.Text, "executive"):
			role = true
		}
	}
	switch {
	case role:
		return betweenRole
	case possessive && c-a == 1:
		return betweenPossessive
	}
	return betweenOther
}

// hasComma reports a comma, or a word that joins two names ("Obama and Hillary
// Clinton"), among toks.
func hasComma(toks []text.Token) bool {
	for _, t := range toks {
		switch {
		case t.Text == "," || t.Text == ";" || t.Text == "(" || t.Text == "&":
			return true
		case lowerIs(t.Text, "and") || lowerIs(t.Text, "or") || lowerIs(t.Text, "with"):
			return true
		}
	}
	return false
}

// hasFor reports a "for" among toks.
func hasFor(toks []text.Token) bool {
	for _, t := range toks {
		if lowerIs(t.Text, "for") {
			return true
		}
	}
	return false
}

// before returns the entities named before token t of paragraph pi, nearest first.
// r.beforePara then holds the paragraph each is named in.
func (r *resolver) namedBefore(pi, t int, out []*ent) []*ent {
	r.beforePara = r.beforePara[:0]
	lo, hi := r.first[pi], r.first[pi+1]
	start := lo + sort.Search(hi-lo, func(k int) bool { return r.runs[lo+k].a >= t })
	for i := start - 1; i >= 0 && start-i <= maxLookBack; i-- {
		nr := r.runs[i]
		if nr.para == pi && nr.a >= t {
			continue
		}
		// Not one named only inside quotation marks: "Don't shoot him," she says.
		if e := r.of[i]; e != nil && e.outside {
			out = append(out, e)
			r.beforePara = append(r.beforePara, nr.para)
		}
		if len(out) > 12 {
			break
		}
	}
	return out
}

// namedHere returns the person a pronoun at token t of paragraph pi stands for
// when its sentence, or the one before it in the paragraph, names one before
// it: of the last three speakers the latest named there, else the person whose
// name opens the later of the two sentences that has one ("Council member Tomas
// Reyes disagreed. He told reporters: …"). Nil when they name nobody of the
// pronoun's gender outside quotation marks.
func (r *resolver) namedHere(ps []Paragraph, pi, t int, gender string) *ent {
	lo, hi := r.first[pi], r.first[pi+1]
	toks, sents := ps[pi].Toks, r.sents[pi]
	from := sents[t] - 1
	// The window's first token, not too far back in a sentence without end.
	w := t
	for w > 0 && sents[w-1] >= from && t-w < maxLookBack {
		w--
	}
	var pick, spoke, only *ent
	var conflict *ent // a subject whose first name alone says another gender
	conflictEnd := -1 // the token after its run
	fits := false     // a person the pronoun may stand for is named
	others := false   // another person is named in the window
	sent, latest := int32(-1), -1
	several := false // more than one person of the pronoun's gender is named
	for i := lo + sort.Search(hi-lo, func(k int) bool { return r.runs[lo+k].a >= w }); i < hi && r.runs[i].a < t; i++ {
		e := r.of[i]
		// A person by a name of two words, a title or a gender; not a word that
		// only opens a sentence ("Nobody"); not a name the quotes give ("“Here
		// comes Big Daddy,” she said.").
		if e != nil && !r.runs[i].opener && !r.runs[i].quoted && !compatible(e, gender, false) && gender != "" && e.person() &&
			len(e.words) > 1 && genderByName(e) && sents[r.runs[i].a] >= sents[t]-1 && subject(toks, sents, r.runs[i]) {
			others = others || conflict != nil && conflict != e
			conflict, conflictEnd = e, r.runs[i].b
			continue
		}
		if e != nil && !r.runs[i].opener && e.person() && conflict != nil && e != conflict {
			others = true
		}
		if e == nil || r.runs[i].opener || r.runs[i].quoted || !compatible(e, gender, false) || len(e.words) < 2 && e.gender == "" && len(e.titles) == 0 {
			continue
		}
		fits = true
		for j := len(r.recent) - 1; j >= 0 && j >= len(r.recent)-3; j-- {
			if r.recent[j] == e && j > latest {
				spoke, latest = e, j
			}
		}
		if s := sents[r.runs[i].a]; s != sent && subject(toks, sents, r.runs[i]) {
			pick, sent = e, s
		}
		if gender != "" && e.sex() == gender && len(e.words) > 1 {
			several = several || only != nil && only != e
			only = e
		}
	}
	if spoke != nil {
		return spoke
	}
	chained := false // a pronoun of the gender stands before t in the window
	for k := w; k < t && !chained; k++ {
		g, ok := lookup(pronounGender, toks[k].Text)
		chained = ok && g == gender
	}
	if !fits && conflict != nil && !others && !personNounBetween(toks, conflictEnd, t) {
		// "Ola Berg said … . He added …": nobody else is there for the
		// pronoun, and a first name's gender is only a guess. (The pronoun
		// does not make the entity's gender: "Jane Porter met the new fire
		// chief. “…,” he said." is nobody's.)
		return conflict
	}
	if pick == nil && !several && only != nil && !chained {
		// The one person of the pronoun's gender the sentence or the one
		// before names, though not as a subject ("The letter was written by
		// Ana Roy, a nurse. « … », she said."), rather than someone quoted
		// further back; unless a pronoun of that gender before it carries
		// on someone else ("She met Ana Roy. She said …").
		return only
	}
	return pick
}

// ofPlace reports whether run i, inside a mention starting at token a (lo: the
// paragraph's first run), only says where or whose what the mention is about
// is (runAt's rule).
func (r *resolver) ofPlace(toks []text.Token, a, i, lo int) bool {
	nr := r.runs[i]
	p := nr.a - 1 // the preposition, before a determiner if there is one
	if p > a && inSet(determiners, toks[p].Text) {
		p--
	}
	if p < a+1 || !inSet(prepositions, toks[p].Text) || lowerIs(toks[p].Text, "by") || lowerIs(toks[p].Text, "from") {
		return false
	}
	noun := toks[p-1]
	if noun.Kind != text.Word || capitalised(noun.Text) && !(p-1 == a && !(i > lo && r.runs[i-1].b > a)) {
		return false // ("Teachers in England": a capital that only opens the sentence)
	}
	if lowerIs(toks[p].Text, "of") && (inSet(placeNouns, noun.Text) || capitalised(noun.Text) && isTitle(noun.Text)) {
		return false // "Secretary of State John Kerry" is a title and a name
	}
	// A run that swallowed a word before a person's name: a first name inside
	// it, after its first word, with a surname after ("Health Simon Harris").
	for k := nr.a + 1; k < nr.b-1; k++ {
		if toks[k].Kind == text.Word && firstNameGender(foldName(toks[k].Text)) != "" {
			return false
		}
	}
	return true
}

// placeTitles adds to the titles of a titled name, tokens [i, j), what tells
// its holder apart from another so titled: "former" before it ("former
// President Tom Hale" is "the former president"), and the place after "of"
// ("Sen. Ruth Okafor of Florida" is "the Florida senator", "of New York"
// "the New York senator" by its last word).
func placeTitles(toks []text.Token, i, j int, titles []string) []string {
	if i > 0 && lowerIs(toks[i-1].Text, "former") {
		titles = append(titles, "former")
	}
	if j+1 < len(toks) && lowerIs(toks[j].Text, "of") && capitalised(toks[j+1].Text) {
		k := j + 1
		for k+1 < len(toks) && k-j < 3 && toks[k+1].Kind == text.Word && capitalised(toks[k+1].Text) {
			k++
		}
		titles = append(titles, lower(toks[k].Text))
	}
	return titles
}

// isTitle reports whether w is a word of address or office ("Secretary", "mayor").
func isTitle(w string) bool {
	_, ok := lookupF(personTitles, personTitlesF, w)
	return ok
}

// appositive returns the person named after a comma that ends a description
// made of run i and a role in lower case, inside a mention ending before token
// b: "The Institute for Fiscal Studies director, Helen Barker"; nil when the
// mention is no such thing.
func (r *resolver) appositive(ps []Paragraph, pi, i, b int) *ent {
	toks := ps[pi].Toks
	k, role := r.runs[i].b, false
	for ; k < b && toks[k].Kind == text.Word && !capitalised(toks[k].Text); k++ {
		role = role || isTitle(toks[k].Text) || inSet(roleNouns, toks[k].Text)
	}
	if !role || k+1 >= b || toks[k].Text != "," {
		return nil
	}
	for j := i + 1; j < len(r.runs) && r.runs[j].para == pi && r.runs[j].ta <= k+1; j++ {
		if nr := r.runs[j]; nr.ta == k+1 && nr.b <= b && nr.b-nr.a > 1 {
			if e := r.of[j]; e != nil && e.person() {
				return e
			}
		}
	}
	return nil
}

// calledSo returns the one person the article names with the description
// desc after a comma ("Edwina Lockhart, the prime minister,"), and whether
// someone is; nil and true when two people are.
func (r *resolver) calledSo(ps []Paragraph, desc []text.Token) (*ent, bool) {
	var found *ent
	for i, nr := range r.runs {
		e := r.of[i]
		if e == nil || !e.person() || e == found {
			continue
		}
		toks := ps[nr.para].Toks
		k := nr.b
		if k+1+len(desc) > len(toks) || toks[k].Text != "," || !lowerIs(toks[k+1].Text, "the") {
			continue
		}
		same := true
		for j, t := range desc {
			if lower(toks[k+2+j].Text) != lower(t.Text) {
				same = false
				break
			}
		}
		if !same {
			continue
		}
		if e2 := k + 2 + len(desc); e2 < len(toks) && toks[e2].Kind == text.Word {
			continue // "Ann Wu, the prime minister's adviser"
		}
		if found != nil {
			return nil, true
		}
		found = e
	}
	return found, found != nil
}

// otherRole reports whether e holds a role of a person's other than the
// role word last: "Opposition leader Harriet Caldwell" is no minister.
func otherRole(e *ent, last string) bool {
	if e.titles[last] {
		return false
	}
	for t := range e.titles {
		if inSet(roleNouns, t) && t != "former" {
			return true
		}
	}
	return false
}

// roleClosing returns the person whose name ends the mention [a, b) after a
// role in lower case that follows another name: "Harbour and Dock Workers
// union president Dana Reyes" is Dana Reyes, not the union's first word.
func (r *resolver) roleClosing(ps []Paragraph, pi, a, b, i0, hi int) *ent {
	toks := ps[pi].Toks
	end := b
	for end > a && toks[end-1].Kind == text.Punct && toks[end-1].Text != ")" {
		end--
	}
	prev := -1 // the end of the run before, in the mention
	for i := i0; i < hi && r.runs[i].a < end; i++ {
		nr := r.runs[i]
		if nr.a < a {
			continue
		}
		if nr.b == end && prev >= 0 && roleBetween(toks, prev, nr.ta) == betweenRole {
			if e := r.of[i]; e != nil && e.person() && len(e.words) > 1 {
				return e
			}
		}
		prev = nr.b
	}
	return nil
}

// closingName returns the person a description opening on a determiner
// names after its comma, at the mention's end: "The Labour MP for Bristol
// North, Gemma Okonkwo" is Gemma Okonkwo, not Bristol North. Runs [i0, hi)
// are the paragraph's from the mention on.
func (r *resolver) closingName(ps []Paragraph, pi, a, b, i0, hi int) *ent {
	toks := ps[pi].Toks
	if b-a < 5 || !lowerIs(toks[a].Text, "the") && !lowerIs(toks[a].Text, "a") && !lowerIs(toks[a].Text, "an") {
		return nil
	}
	end := b
	for end > a && toks[end-1].Kind == text.Punct && toks[end-1].Text != ")" {
		end--
	}
	for i := i0; i < hi && r.runs[i].a < end; i++ {
		nr := r.runs[i]
		if nr.b != end || nr.ta < 1 || toks[nr.ta-1].Text != "," || len(nr.name) > 2 && nr.name[1] == '-' {
			continue // (not a party and state: "R-Mich")
		}
		if e := r.of[i]; e != nil && e.person() && len(e.words) > 1 {
			return e
		}
	}
	return nil
}

// mostNamed returns the person (a name of two words or more) the article
// names most often outside quotation marks, the first of them on a tie.
// People introduced as the one asking are not the one answering ("Our reporter
// Tom Reyes spoke to …"); on a tie nobody is.
func (r *resolver) mostNamed(ps []Paragraph) *ent {
	if r.named {
		return r.most
	}
	r.named = true
	n, tie := 0, false
	count := map[*ent]int{}
	for i, e := range r.of {
		if e == nil || !e.person() || len(e.words) < 2 || r.runs[i].quoted || asks(ps[r.runs[i].para].Toks, r.runs[i].a) {
			continue
		}
		count[e]++
		switch c := count[e]; {
		case c > n:
			r.most, n, tie = e, c, false
		case c == n && e != r.most:
			tie = true
		}
	}
	if tie {
		r.most = nil
	}
	return r.most
}

// asks reports whether the words just before token a present someone as the
// one who asks: "Our reporter Tom Reyes", "interviewed by Jane Roe".
func asks(toks []text.Token, a int) bool {
	for k := a - 1; k >= 0 && k >= a-2; k-- {
		switch lower(toks[k].Text) {
		case "reporter", "interviewer", "correspondent", "editor", "by", "host", "presenter":
			return true
		}
	}
	return false
}

// unnamedClause reports whether a relative clause says its person is not
// named: "who spoke on condition of anonymity", "who asked not to be
// identified", "who did not want to be quoted by name".
func unnamedClause(ts []text.Token) bool {
	not := -10
	for k, t := range ts {
		switch lw := lower(t.Text); {
		case lw == "anonymity" || lw == "anonymously":
			return true
		case lw == "not" || lw == "n't":
			not = k
		case k-not <= 6 && (lw == "named" || lw == "identified" || lw == "authorized" || lw == "authorised" ||
			lw == "name" && k > 0 && lowerIs(ts[k-1].Text, "by")):
			return true // ("who did not name the buyer" says nothing of who)
		}
	}
	return false
}

// whoOf returns the person a relative "who" at token t of paragraph pi stands
// for: the one named just before it ("Jane Roe, who chairs the board"), or
// before a short description of them in lower case ("Jane Roe, a lawyer
// who…"), or whom "the" and a role stand for ("The mayor, who …"); nil when
// the words before it describe someone unnamed ("a council official, who
// asked not to be named").
func (r *resolver) whoOf(ps []Paragraph, pi, t int) *ent {
	// "The mayor, who …", "the former president, who …": whom the
	// description stands for.
	if toks := ps[pi].Toks; t >= 3 && toks[t-1].Text == "," && inSet(roleNouns, toks[t-2].Text) {
		for d := t - 3; d >= 0 && d >= t-5; d-- {
			if lowerIs(toks[d].Text, "the") {
				return r.resolve(ps, pi, d, t-1)
			}
			if toks[d].Kind != text.Word || capitalised(toks[d].Text) {
				break // "the Senate majority leader" names a body's office, not whom
			}
		}
	}
	lo, hi := r.first[pi], r.first[pi+1]
	// before is the run ending last at or before token end.
	before := func(end int) int {
		i := lo + sort.Search(hi-lo, func(k int) bool { return r.runs[lo+k].a >= end }) - 1
		for ; i >= lo && r.runs[i].b > end; i-- {
		}
		return i
	}
	toks := ps[pi].Toks
	// An apposition set off by commas, which may hold names ("Donald Trump,
	// the presumptive Republican nominee, who …"): whom it is set after.
	if t >= 4 && toks[t-1].Text == "," {
		for c := t - 2; c > 0 && c >= t-9; c-- {
			if toks[c].Text != "," {
				continue
			}
			if inSet(determiners, toks[c+1].Text) {
				if i := before(c); i >= lo && r.runs[i].b == c && r.of[i] != nil && r.of[i].outside && r.of[i].person() {
					return r.of[i]
				}
			}
			break
		}
	}
	// An age or a home set off by commas ("Donna Reyes, 59, of Ashton, Md.,
	// who …"): the person before them.
	if c := ageHome(toks, t); c > 0 {
		if i := before(c); i >= lo && r.runs[i].b == c && r.of[i] != nil && r.of[i].person() {
			return r.of[i]
		}
	}
	i := before(t)
	if i < lo || r.of[i] == nil || !r.of[i].outside {
		return nil
	}
	gap := toks[r.runs[i].b:t]
	if len(gap) > 8 {
		return nil
	}
	for k, g := range gap {
		switch {
		case g.Text == "," || g.Text == "—" || g.Text == "–" || g.Text == "--":
		case g.Kind == text.Word && !capitalised(g.Text) && k > 0 && !r.cue(g.Text):
		default:
			return nil
		}
	}
	return r.of[i]
}

// ageHome returns the comma that opens the ages and homes set off by commas
// before token t ("…, 59, of Ashton, Md., who"), 0 when there are none: a
// number alone, "of" and a place's capitalised words, and the capitalised
// words of its state or country after them.
func ageHome(toks []text.Token, t int) int {
	if t < 4 || toks[t-1].Text != "," {
		return 0
	}
	c, found, capOnly, capC := t-1, 0, false, 0
	for {
		p := c - 1
		for p > 0 && c-p <= 5 && toks[p].Text != "," {
			p--
		}
		if p <= 0 || toks[p].Text != "," {
			break
		}
		seg := toks[p+1 : c]
		allCap := len(seg) > 0
		for _, g := range seg {
			allCap = allCap && (g.Kind == text.Word && capitalised(g.Text) || g.Text == ".")
		}
		switch {
		case len(seg) == 1 && seg[0].Kind == text.Number:
		case len(seg) >= 2 && lowerIs(seg[0].Text, "of") && func() bool {
			for _, g := range seg[1:] {
				if g.Kind != text.Word || !capitalised(g.Text) {
					return false
				}
			}
			return true
		}():
		case allCap && !capOnly:
			// The state after the town (an "of" must come before it), or the
			// person's name itself ("the mayor, Jane Roe, 59, who").
			capOnly, capC = true, c
			c = p
			continue
		default:
			if found == 0 {
				return 0
			}
			if capOnly {
				return capC
			}
			return c
		}
		capOnly = false
		found++
		c = p
	}
	switch {
	case found == 0:
		return 0
	case capOnly:
		return capC
	}
	return c
}

// markDepth is the depth of quotation (0 or 1) after token t at depth d, for the
// tagger's features and the names alike: single marks are left out, for they are
// apostrophes as often as quotation marks ("the ‘90s", "workers’").
func markDepth(d int, t text.Token) int {
	switch {
	case t.Kind == text.OpenQuote && t.Text != "‘" && t.Text != "'":
		return 1
	case t.Kind == text.CloseQuote && t.Text != "’" && t.Text != "'":
		return 0
	}
	return d
}

// maxLookBack bounds how far back namedHere looks for a name (in tokens) and
// namedBefore (in names), so that a paragraph of one endless sentence, or of
// names only quoted, costs linear time.
const maxLookBack = 160

// quotedIn returns, for each token of paragraph pi, whether quotation marks
// open before it enclose it; valid until it is asked of another paragraph.
func (r *resolver) quotedIn(ps []Paragraph, pi int) []bool {
	if r.quotedPara == pi && r.quoted != nil {
		return r.quoted
	}
	toks := ps[pi].Toks
	q := slices.Grow(r.quoted[:0], len(toks))[:len(toks)]
	depth, marks := 0, newQuoteDepth(toks)
	for k := range toks {
		q[k] = depth > 0
		depth = marks.step(k, &toks[k])
	}
	r.quoted, r.quotedPara = q, pi
	return q
}

// subject reports whether a name run opens its sentence, but for three words at
// most before it: capitalised ones, or a lower-case one after one ("But Mrs.
// Clinton", "Council member Tomas Reyes"; not "In a statement, Hillary Clinton",
// "She says Trump", "Campaigning against Mitt Romney"); and is no possessive
// ("Holt's colleague …").
func subject(toks []text.Token, sents []int32, nr nameRun) bool {
	if strings.HasSuffix(nr.raw, "'s") || strings.HasSuffix(nr.raw, "’s") {
		return false
	}
	if appositionSubject(toks, sents, nr) {
		return true
	}
	words := 0
	for k := nr.ta - 1; k >= 0 && sents[k] == sents[nr.ta]; k-- {
		if nr.ta-k > 6 {
			return false // marks and words enough: no sentence opener
		}
		t := toks[k]
		if t.IsQuote() {
			continue
		}
		if t.Kind == text.Punct && datelineEnd(toks) == k+1 {
			return true // "12:30 — Greaves spoke again", "OSLO — Lund said"
		}
		if t.Kind != text.Word || words == 3 || isPronoun(t.Text) || strings.HasSuffix(t.Text, "ing") {
			return false
		}
		if !capitalised(t.Text) && (k == 0 || toks[k-1].Kind != text.Word || !capitalised(toks[k-1].Text)) {
			return false
		}
		words++
	}
	return true
}

// appositionSubject reports whether the name stands between commas after a
// short description that opens its sentence: "Her neighbour, Arthur Vance,
// agreed."
func appositionSubject(toks []text.Token, sents []int32, nr nameRun) bool {
	c := nr.ta - 1
	if c < 2 || toks[c].Text != "," || nr.b >= len(toks) || toks[nr.b].Text != "," {
		return false
	}
	k := c
	for k > 0 && sents[k-1] == sents[c] && c-k < 5 {
		if toks[k-1].Kind != text.Word {
			return false
		}
		k--
	}
	if k > 0 && sents[k-1] == sents[c] {
		return false // more than a short description before the comma
	}
	return k < c && inSet(determiners, toks[k].Text)
}

// demonym is demonym for the resolver's article, each word decided once.
func (r *resolver) demonym(ps []Paragraph, w string) bool {
	if !peopleShape(w) {
		return false // before the cache: most names are no plural at all
	}
	if v, ok := r.demonyms[w]; ok {
		return v
	}
	v := demonym(ps, r.sents, w, r.cue)
	if r.demonyms == nil {
		r.demonyms = map[string]bool{}
	}
	r.demonyms[w] = v
	return v
}

// compatible reports whether a pronoun of the gender and number given may
// stand for e: a plural for an organisation, a singular for a person of that
// gender or of none known.
func compatible(e *ent, gender string, plural bool) bool {
	if plural {
		return e.org
	}
	if !e.person() {
		return false
	}
	g := e.sex()
	return gender == "" || g == "" || g == gender
}

// partyPlaceRole reports whether the run toks[a:j] after "the" is a party's
// word and a place's before a role in lower case: "the Independent Vermont
// senator", "the Republican Ohio governor".
func partyPlaceRole(toks []text.Token, a, j int) bool {
	if j-a != 2 || a == 0 || !lowerIs(toks[a-1].Text, "the") || j >= len(toks) || toks[j].Kind != text.Word ||
		capitalised(toks[j].Text) || !inSet(affiliations, toks[a].Text) || placeOf(stripPossessive(toks[a+1].Text)) == 0 {
		return false
	}
	lw := lower(toks[j].Text)
	_, title := personTitles[lw]
	return title || roleNouns[lw] || lowerRoles[lw]
}

// placeUse reports whether run r stands where a place does: after a
// preposition or a determiner ("from London", "the Vermont senator").
func placeUse(ps []Paragraph, r *nameRun) bool {
	if r.para < 0 || r.para >= len(ps) || r.a < 1 || r.a > len(ps[r.para].Toks) {
		return false
	}
	w := ps[r.para].Toks[r.a-1].Text
	return inSet(prepositions, w) || inSet(determiners, w)
}

// personNounBetween reports whether a word in lower case for a person
// ("the new fire chief", "a nurse") stands in toks[a:b].
func personNounBetween(toks []text.Token, a, b int) bool {
	for k := max(a, 0); k < b && k < len(toks); k++ {
		w := toks[k].Text
		if toks[k].Kind != text.Word || capitalised(w) {
			continue
		}
		lw := lower(w)
		if roleNouns[lw] || lowerRoles[lw] || occupation(lw) || unnamedGender[lw] != "" {
			return true
		}
		if _, ok := personTitles[lw]; ok && lw != "former" && lw != "acting" && lw != "foreign" && lw != "interior" && lw != "finance" {
			return true
		}
	}
	return false
}

// personEnding reports whether e is a person's name its last word may stand
// for: no body's, nor one a verb, a point of the compass or a party opens
// ("Say Mexico", "North Florida", "Independent Vermont"), and one with a gender, a title or a first name
// that is no common word ("Thandeka Ireland").
func personEnding(e *ent, common func(string) bool) bool {
	w := e.words[0]
	if e.org || len(e.titles) == 0 && (notAgency[w] || placeAdjectives[w] || inSet(affiliations, w)) { // "North Florida", "Independent Vermont"
		return false
	}
	if e.gender != "" || len(e.titles) > 0 || firstNameGender(foldName(w)) != "" {
		return true
	}
	return common == nil || !common(w)
}

// singularThey returns the person a "they" at token a of paragraph pi stands
// for when it follows a quotation ("“…,” they said") and the sentence before
// opens on that person's name as its subject, with no plural named there
// outside the quotation: "Pharmacist Alex Renwick said sales were down. “…,”
// they said." Nil otherwise.
func (r *resolver) singularThey(ps []Paragraph, pi, a int) *ent {
	toks, sents := ps[pi].Toks, r.sents[pi]
	if a < 2 || !toks[a-1].IsQuote() {
		return nil
	}
	lo, hi := r.first[pi], r.first[pi+1]
	prev := sents[a] - 1
	var subj *ent
	subjRun := -1
	for i := lo; i < hi && r.runs[i].a < a; i++ {
		nr := r.runs[i]
		if sents[nr.a] != prev || nr.quoted {
			continue
		}
		if e := r.of[i]; e != nil && subj == nil && e.person() && len(e.words) > 1 && subject(toks, sents, nr) {
			subj, subjRun = e, i
		}
	}
	if subj == nil || !onePerson(toks, sents, r.runs[subjRun], subj) {
		return nil
	}
	// No plural there for "they" to stand for: a person's, not a group's
	// words ("Residents and Alex Renwick said …", "Both …").
	for k := 0; k < a; k++ {
		if sents[k] != prev {
			continue
		}
		w := toks[k].Text
		joins := lowerIs(w, "and") && (k+1 < a && toks[k+1].Kind == text.Word && capitalised(toks[k+1].Text) ||
			k > 0 && toks[k-1].Kind == text.Word && capitalised(toks[k-1].Text))
		if joins || lowerIs(w, "both") || inSet(groups, w) {
			return nil
		}
	}
	return subj
}

// onePerson reports whether run nr, a subject naming e, is one person alone
// as its sentence's subject: no determiner before the name ("The Blue
// Jays"), no plural shape to a name without a first name, gender or title
// ("Yankees"), and no plural noun, "their" or conjunction in the words
// before it ("The residents and their councillor, Omar Sayed, …") nor a
// conjunction right after it ("Omar Sayed and …").
func onePerson(toks []text.Token, sents []int32, nr nameRun, e *ent) bool {
	last := e.words[len(e.words)-1]
	if e.gender == "" && len(e.titles) == 0 && firstNameGender(foldName(e.words[0])) == "" && pluralShape(last) {
		return false
	}
	if nr.b < len(toks) && inSet(conjunctions, toks[nr.b].Text) {
		return false
	}
	for k := nr.ta - 1; k >= 0 && sents[k] == sents[nr.ta]; k-- {
		w := toks[k].Text
		if toks[k].Kind != text.Word {
			continue
		}
		if inSet(conjunctions, w) || lowerIs(w, "their") || lowerIs(w, "both") || inSet(groups, w) ||
			k == nr.ta-1 && inSet(determiners, w) || pluralShape(lower(w)) {
			return false
		}
	}
	return true
}

// pluralShape reports whether the lower-cased word w is shaped as a plural
// noun: four letters or more in "-s", not "-ss", "-us", "-is" nor "'s".
func pluralShape(w string) bool {
	return len(w) >= 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "’s")
}

// genderByName reports whether e's gender comes from its first name alone,
// no title nor surname's title saying it.
func genderByName(e *ent) bool {
	if e.gender == "" || e.titled != "" || firstNameGender(foldName(e.words[0])) != e.gender {
		return false
	}
	for t := range e.titles {
		if g := personTitles[t]; g != "" {
			return false
		}
	}
	return true
}

// sex is the gender e is known by: its own (from titles before the whole name,
// or the first name), else the one its surname's titles all say ("Ms. Okafor").
func (e *ent) sex() string {
	if e.gender != "" || len(e.titled) != 1 {
		return e.gender
	}
	return e.titled
}

// resolve finds the entity behind a mention (tokens [a, b) of paragraph pi).
func (r *resolver) resolve(ps []Paragraph, pi, a, b int) *ent {
	toks := ps[pi].Toks
	var buf [16]*ent // for namedBefore, which gives at most 13
	if b-a == 1 && b < len(toks) && qaLabel(toks, b) {
		// An interview's turns: the questions are the interviewer's, unnamed;
		// the answers the person the article names most.
		if toks[a].Text == "A" {
			return r.mostNamed(ps)
		}
		return nil
	}
	for k := a + 1; k+1 < b; k++ {
		if toks[k].Text == "," && (lowerIs(toks[k+1].Text, "who") || lowerIs(toks[k+1].Text, "whose")) {
			named := capitalised(toks[a].Text) && !inSet(determiners, toks[a].Text)
			if !named {
				// A description's clause, also where the tagger cut it short
				// ("the woman, who spoke on | condition of anonymity"), up to
				// the cue.
				e := k + 2
				for e < len(toks) && e-k <= 25 && toks[e].Text != "." && toks[e].Text != ";" && !toks[e].IsQuote() &&
					!inSet(speechVerbs, toks[e].Text) && !inSet(reportVerbs, toks[e].Text) && !inSet(tellVerbs, toks[e].Text) {
					e++ // (up to the cue: not into what was said, "said the donor, who asked not to be named")
				}
				if unnamedClause(toks[k+1 : e]) {
					return nil // "the woman, who spoke on condition of anonymity"
				}
			}
			b = k // "The 45-year-old coach, who joined Rovers in 2022": the clause's names are not who
			if named {
				for j := a + 1; j < b; j++ {
					if toks[j].Text == "," {
						if j+1 < b && !capitalised(toks[j+1].Text) {
							b = j // "Ari Vance, a former aide to Governor Reyes, who …"
						}
						break
					}
				}
			}
			break
		}
	}
	if groupOf(toks[a:b], r.cue) {
		return nil
	}
	if lowerIs(toks[a].Text, "who") {
		// "who grew up in Lincoln, Neb.": the clause's names are not who.
		return r.whoOf(ps, pi, a)
	}
	if e := r.runAt(ps, pi, a, b); e != nil {
		if last := e.name[strings.LastIndexByte(e.name, ' ')+1:]; !e.org && (r.people != nil && capitalised(last) && r.people(last) || r.demonym(ps, last)) {
			return nil // "Turkish Americans in Lodi said"
		}
		return e
	}
	first := toks[a].Text
	if lowerIs(first, "who") || b-a == 1 {
		switch {
		case lowerIs(first, "he"), lowerIs(first, "she"), lowerIs(first, "him"), lowerIs(first, "her"):
			g, _ := lookup(pronounGender, first)
			if e := r.namedHere(ps, pi, a, g); e != nil {
				return e
			}
		recent:
			for k := len(r.recent) - 1; k >= 0 && k >= len(r.recent)-3; k-- {
				if compatible(r.recent[k], g, false) {
					if r.recent[k].unnamed {
						// "A Downing Street spokeswoman said … she said",
						// unless someone fitting was named since.
						for j, e := range r.namedBefore(pi, a, buf[:0]) {
							if r.beforePara[j] > r.recent[k].para && compatible(e, g, false) {
								break recent
							}
						}
						return nil
					}
					return r.recent[k]
				}
			}
			// Of the people named before, the nearest known to be of the
			// pronoun's gender in this paragraph or the one before, else the
			// nearest of a gender unknown: a known gender passes over the names
			// of places ("N.C.") but not a paragraph's worth of text.
			var unknown *ent
			for k, e := range r.namedBefore(pi, a, buf[:0]) {
				switch {
				case !compatible(e, g, false):
				case e.sex() == g && (unknown == nil || r.beforePara[k] >= pi-1):
					return e
				case unknown == nil:
					unknown = e
				}
			}
			return unknown
		case lowerIs(first, "they"), lowerIs(first, "it"), lowerIs(first, "we"):
			for k := len(r.recent) - 1; k >= 0 && k >= len(r.recent)-2; k-- {
				if r.recent[k].org {
					return r.recent[k]
				}
			}
			if lowerIs(first, "they") {
				return r.singularThey(ps, pi, a)
			}
			return nil
		case lowerIs(first, "who"):
			return r.whoOf(ps, pi, a)
		}
	}
	// A title alone, as a headline names its speaker ("Senator: …"): the
	// first person the article names with that title.
	if b-a == 1 && capitalised(first) && isTitle(first) {
		key := lower(first)
		if full, ok := titleAbbreviations[key]; ok {
			key = full
		}
		var titled *ent
		for _, e := range r.of {
			if e != nil && e.titles[key] && e.person() && (titled == nil || e.first < titled.first) {
				titled = e
			}
		}
		if titled != nil {
			return titled
		}
	}
	// A definite description: "the Syrian leader", "the ministry".
	if lowerIs(first, "the") || lowerIs(first, "this") || lowerIs(first, "that") {
		lastTok := toks[b-1].Text
		if inSet(orgWords, lastTok) || b-a == 2 && inSet(firmNouns, lastTok) {
			last := lower(lastTok)
			before := r.namedBefore(pi, a, buf[:0])
			for _, e := range before {
				if e.org {
					for _, w := range e.words {
						if w == last {
							return e
						}
					}
				}
			}
			if b-a == 2 && inSet(firmNouns, lastTok) {
				// "Velmont Corp. cut its outlook. The company said": the
				// business named last, when its name says it is one (and its
				// trade, for "the carmaker"), no other body is named after it
				// and no other business before it ("Velmont Corp. agreed to
				// buy Harlow Mining. The company said" may be either).
				var firm *ent
				for _, e := range before {
					switch {
					case !e.org || e == firm:
					case firm == nil:
						if !corporate(e.words) || !tradeOf(last, e.words) {
							return nil
						}
						firm = e
					case corporate(e.words):
						return nil // two businesses: which is meant is a guess
					}
				}
				return firm
			}
			return nil
		}
		// "the 54-year-old", "the 29-year-old striker"; not "the girl's
		// 45-year-old mother", "the 100-year-old charity".
		aged := b > a+1 && strings.HasSuffix(toks[a+1].Text, "-year-old") &&
			(b == a+2 || b == a+3 && (inSet(roleNouns, toks[b-1].Text) || occupation(toks[b-1].Text)))
		if aged {
			// "The 54-year-old": the person the sentence or the one before
			// names, else the one last named (not the last quoted: the
			// prosecutor quoted last is not the defendant).
			// A pronoun later in the sentence tells the gender ("The 54-year-old
			// told the judge he was sorry").
			g := ""
			for k := b; k < len(toks) && r.sents[pi][k] == r.sents[pi][a] && g == ""; k++ {
				g, _ = lookup(pronounGender, toks[k].Text)
			}
			if e := r.namedHere(ps, pi, a, g); e != nil {
				return e
			}
			for _, e := range r.namedBefore(pi, a, buf[:0]) {
				if e.person() && len(e.words) > 1 && compatible(e, g, false) {
					return e
				}
			}
			return nil
		}
		// The one named before with that title: "Superintendent Karen
		// Okafor … the superintendent".
		// (Not "the new superintendent", "the interim superintendent": a
		// word between may tell someone else.)
		if last := lower(lastTok); b-a == 2 && !capitalised(lastTok) && isTitle(lastTok) && !inSet(roleNouns, lastTok) {
			// (Only the one so titled: two, and the description is not told
			// apart here.)
			var titled *ent
			for _, e := range r.namedBefore(pi, a, buf[:0]) {
				if e.titles[last] && e.person() && e != titled {
					if titled != nil {
						titled = nil
						break
					}
					titled = e
				}
			}
			if titled != nil {
				return titled
			}
		}
		if inSet(roleNouns, lastTok) || occupation(lastTok) && r.describedUnnamed(lower(lastTok), pi) {
			last := lower(lastTok)
			before := r.namedBefore(pi, a, buf[:0])
			if b-a == 2 && r.describedUnnamed(last, pi) {
				// "According to a senior diplomat, … The diplomat said": that
				// one, unless someone named is titled so.
				for _, e := range before {
					if e.titles[last] {
						return e
					}
				}
				return nil
			}
			// "the Florida senator": first one titled so with that word too
			// ("Florida Sen. Marco Rubio", "Sen. Ruth Okafor of Florida");
			// "the former president" one titled "former" too.
			if b-a >= 3 && (capitalised(toks[b-2].Text) || lowerIs(toks[b-2].Text, "former")) {
				mod := lower(toks[b-2].Text)
				for _, e := range before {
					if e.titles[last] && e.titles[mod] {
						return e
					}
				}
			}
			// "The president" is the sitting one, when another is former.
			for _, e := range before {
				if e.titles[last] && !e.titles["former"] {
					return e
				}
			}
			for _, e := range before {
				if e.titles[last] {
					return e
				}
			}
			// "Sir Roland Pembury, the prime minister, … the prime
			// minister said": the one the article calls so.
			if e, ok := r.calledSo(ps, toks[a+1:b]); ok {
				return e
			}
			for k := len(r.recent) - 1; k >= 0; k-- {
				if e := r.recent[k]; e.person() && !e.unnamed {
					if b-a == 3 && !capitalised(toks[a+1].Text) && toks[a+1].Kind == text.Word && otherRole(e, last) {
						return nil // "Opposition leader Harriet Caldwell" is not the prime minister
					}
					return e
				}
			}
		}
	}
	return nil
}

// sawUnnamed records that a quote's speaker was described and not named ("A
// Downing Street spokeswoman", "A nurse who asked not to be named"), so that
// a pronoun after it, of the gender its head says, or of any for a role said
// to be anonymous, goes to nobody rather than to someone named before.
func (r *resolver) sawUnnamed(pi int, toks []text.Token, a, b int) {
	// (An indefinite one: "the woman" may be someone named before.)
	anonymous := false
	if b > a && lowerIs(toks[a].Text, "who") {
		// "A nurse who asked not to be named": the description before it.
		anonymous = unnamedClause(toks[a+1 : min(len(toks), a+12)])
		d := a - 1
		for d >= 0 && a-d <= 5 && toks[d].Kind == text.Word && !capitalised(toks[d].Text) {
			d--
		}
		if d < 0 || !(lowerIs(toks[d].Text, "a") || lowerIs(toks[d].Text, "an")) {
			return
		}
		a, b = d, a
	}
	if b <= a || !(lowerIs(toks[a].Text, "a") || lowerIs(toks[a].Text, "an")) {
		return
	}
	// The head: the word before a preposition or a comma ("A spokesman for
	// the governor", "a senior diplomat, who …").
	h := a + 1
	for h < b && toks[h].Kind == text.Word && !inSet(prepositions, toks[h].Text) && !lowerIs(toks[h].Text, "of") &&
		!lowerIs(toks[h].Text, "who") && !lowerIs(toks[h].Text, "that") && !lowerIs(toks[h].Text, "which") && !clauseVerb(toks[h].Text) {
		h++
	}
	if h == a+1 {
		return
	}
	head := lower(toks[h-1].Text)
	if len(r.unnamedHeads) < 64 {
		r.unnamedHeads = append(r.unnamedHeads, unnamedHead{head, pi})
	}
	g, ok := unnamedGender[head]
	if !ok && !(anonymous && (occupation(head) || inSet(roleNouns, head) || inSet(unnamedRoles, head))) {
		return // (a role of no gender holds a pronoun only when said to be anonymous)
	}
	r.recent = append(r.recent, &ent{unnamed: true, gender: g, para: pi})
}

// describedUnnamed reports whether a speaker left unnamed was described
// with the head word w in paragraph pi or the one before ("a senior diplomat"
// before "the diplomat").
func (r *resolver) describedUnnamed(w string, pi int) bool {
	for _, h := range r.unnamedHeads {
		if h.word == w && h.para >= pi-1 {
			return true
		}
	}
	return false
}

// unnamedHead is the last word of an unnamed speaker's description, and its
// paragraph.
type unnamedHead struct {
	word string
	para int
}

// unnamedRoles are the words for a person whose name a report withholds.
var unnamedRoles = map[string]bool{"source": true, "official": true, "employee": true, "staffer": true, "aide": true,
	"insider": true, "person": true, "member": true, "resident": true, "witness": true, "neighbour": true, "neighbor": true}

var unnamedGender = map[string]string{"spokeswoman": "f", "spokesman": "m", "woman": "f", "man": "m", "chairwoman": "f",
	"chairman": "m", "mother": "f", "father": "m", "wife": "f", "husband": "m", "daughter": "f", "son": "m",
	"girl": "f", "boy": "m", "businesswoman": "f", "businessman": "m", "councilwoman": "f", "councilman": "m"}

func (r *resolver) saw(e *ent) {
	if e == nil {
		return
	}
	r.recent = append(r.recent, e)
}

func itoa(i int) string { return strconv.Itoa(i) }

// acronym reports whether a word is written in capitals, as organisations' short
// names are ("NATO"); single letters and initials are not.
func acronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}
