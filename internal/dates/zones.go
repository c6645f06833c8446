package dates

import (
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zone rules must not depend on the machine's zoneinfo
)

// abbrev is a zone abbreviation as news sites print it. A generic label (ET, PT)
// names a zone whose rules give the offset; a specific one (EST, EDT, BST) also
// states the offset it stands for.
type abbrev struct {
	zone     string
	offset   int // seconds east of UTC
	specific bool
}

// abbrevs maps lower-cased abbreviations and region words to zones. Where an
// abbreviation is ambiguous the reading common in English-language news wins:
// CST is US Central, IST is India, AST is Arabia (Gulf sites), EET is Athens.
var abbrevs = map[string]abbrev{
	"utc": {"UTC", 0, true}, "z": {"UTC", 0, true}, "gmt": {"Europe/London", 0, true},
	"bst": {"Europe/London", 3600, true}, "wet": {"Europe/Lisbon", 0, true}, "west": {"Europe/Lisbon", 3600, true},
	"cet": {"Europe/Paris", 3600, true}, "cest": {"Europe/Paris", 7200, true},
	"eet": {"Europe/Athens", 7200, true}, "eest": {"Europe/Athens", 10800, true},
	"msk": {"Europe/Moscow", 10800, true}, "trt": {"Europe/Istanbul", 10800, true},
	"idt": {"Asia/Jerusalem", 10800, true},
	"ast": {"Asia/Riyadh", 10800, true}, "gst": {"Asia/Dubai", 14400, true},
	"irst": {"Asia/Tehran", 12600, true}, "aft": {"Asia/Kabul", 16200, true},
	"pkt": {"Asia/Karachi", 18000, true}, "ist": {"Asia/Kolkata", 19800, true},
	"npt": {"Asia/Kathmandu", 20700, true}, "ict": {"Asia/Bangkok", 25200, true},
	"wib": {"Asia/Jakarta", 25200, true}, "sgt": {"Asia/Singapore", 28800, true},
	"hkt": {"Asia/Hong_Kong", 28800, true}, "pht": {"Asia/Manila", 28800, true},
	"awst": {"Australia/Perth", 28800, true}, "jst": {"Asia/Tokyo", 32400, true},
	"kst": {"Asia/Seoul", 32400, true}, "acst": {"Australia/Adelaide", 34200, true},
	"acdt": {"Australia/Adelaide", 37800, true}, "aest": {"Australia/Sydney", 36000, true},
	"aedt": {"Australia/Sydney", 39600, true}, "nzst": {"Pacific/Auckland", 43200, true},
	"nzdt": {"Pacific/Auckland", 46800, true},
	"wat":  {"Africa/Lagos", 3600, true}, "cat": {"Africa/Maputo", 7200, true},
	"sast": {"Africa/Johannesburg", 7200, true}, "eat": {"Africa/Nairobi", 10800, true},
	"est": {"America/New_York", -18000, true}, "edt": {"America/New_York", -14400, true},
	"cst": {"America/Chicago", -21600, true}, "cdt": {"America/Chicago", -18000, true},
	"mst": {"America/Denver", -25200, true}, "mdt": {"America/Denver", -21600, true},
	"pst": {"America/Los_Angeles", -28800, true}, "pdt": {"America/Los_Angeles", -25200, true},
	"akst": {"America/Anchorage", -32400, true}, "akdt": {"America/Anchorage", -28800, true},
	"hst": {"Pacific/Honolulu", -36000, true}, "adt": {"America/Halifax", -10800, true},
	"nst": {"America/St_Johns", -12600, true}, "ndt": {"America/St_Johns", -9000, true},
	"brt": {"America/Sao_Paulo", -10800, true}, "art": {"America/Argentina/Buenos_Aires", -10800, true},
	"irish": {zone: "Europe/Dublin"}, "ireland": {zone: "Europe/Dublin"}, "irish standard": {zone: "Europe/Dublin"},
	"et": {zone: "America/New_York"}, "eastern": {zone: "America/New_York"},
	"ct": {zone: "America/Chicago"}, "central": {zone: "America/Chicago"},
	"mt": {zone: "America/Denver"}, "mountain": {zone: "America/Denver"},
	"pt": {zone: "America/Los_Angeles"}, "pacific": {zone: "America/Los_Angeles"},
	// Canada's eastern zones: "Newfoundland time" is NST or NDT by the date,
	// "Atlantic time" AST or ADT ("NT", "AT" after a clock: see atlanticAT).
	"newfoundland": {zone: "America/St_Johns"},
	"atlantic":     {zone: "America/Halifax"},
}

// cities maps news datelines that are not the last element of an IANA name
// (capitals, big cities, old spellings) to their zone. Everything else is
// looked up over the tz database's own city names.
var cities = map[string]string{
	"washington": "America/New_York", "new york": "America/New_York", "boston": "America/New_York",
	"miami": "America/New_York", "atlanta": "America/New_York", "philadelphia": "America/New_York",
	"houston": "America/Chicago", "dallas": "America/Chicago", "san francisco": "America/Los_Angeles",
	"seattle": "America/Los_Angeles", "ottawa": "America/Toronto", "montreal": "America/Toronto",
	"brasilia": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo",
	"buenos aires": "America/Argentina/Buenos_Aires", "quito": "America/Guayaquil",
	"jerusalem": "Asia/Jerusalem", "al-quds": "Asia/Jerusalem", "al quds": "Asia/Jerusalem",
	"tel aviv": "Asia/Jerusalem", "ramallah": "Asia/Hebron", "gaza": "Asia/Gaza",
	"mecca": "Asia/Riyadh", "makkah": "Asia/Riyadh", "jeddah": "Asia/Riyadh", "medina": "Asia/Riyadh",
	"sanaa": "Asia/Aden", "sana'a": "Asia/Aden", "abu dhabi": "Asia/Dubai", "doha": "Asia/Qatar",
	"manama": "Asia/Bahrain", "muscat": "Asia/Muscat", "kuwait city": "Asia/Kuwait",
	"ankara": "Europe/Istanbul", "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv",
	"geneva": "Europe/Zurich", "bern": "Europe/Zurich", "the hague": "Europe/Amsterdam",
	"frankfurt": "Europe/Berlin", "munich": "Europe/Berlin", "milan": "Europe/Rome",
	"barcelona": "Europe/Madrid", "edinburgh": "Europe/London", "st petersburg": "Europe/Moscow",
	"rabat": "Africa/Casablanca", "abuja": "Africa/Lagos", "cape town": "Africa/Johannesburg",
	"pretoria": "Africa/Johannesburg", "islamabad": "Asia/Karachi", "lahore": "Asia/Karachi",
	"new delhi": "Asia/Kolkata", "delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
	"bombay": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "chennai": "Asia/Kolkata",
	"beijing": "Asia/Shanghai", "peking": "Asia/Shanghai", "hanoi": "Asia/Bangkok",
	"saigon": "Asia/Ho_Chi_Minh", "rangoon": "Asia/Yangon", "canberra": "Australia/Sydney",
	"wellington": "Pacific/Auckland", "kathmandu": "Asia/Kathmandu", "valletta": "Europe/Malta",
	"baku": "Asia/Baku", "yerevan": "Asia/Yerevan", "tbilisi": "Asia/Tbilisi", "taipei": "Asia/Taipei",
}

var tzByCity = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 500)
	for name := range strings.SplitSeq(strings.TrimSpace(tzNames), "\n") {
		city := name[strings.LastIndexByte(name, '/')+1:]
		key := strings.ToLower(strings.ReplaceAll(city, "_", " "))
		if _, dup := m[key]; !dup {
			m[key] = name
		}
	}
	return m
})

// Location resolves a local-time label to a zone: an IANA name ("Asia/Jerusalem"),
// a city with or without "time"/"timing" ("Jerusalem Timing", "Beirut time",
// "Abu Dhabi"), or an abbreviation ("CET", "ET", "AEST"). It returns the
// location and its IANA name.
func Location(label string) (*time.Location, string, bool) {
	key := strings.ToLower(strings.Join(strings.Fields(label), " "))
	key = strings.Trim(key, "()[] ")
	key = strings.TrimSuffix(strings.TrimSuffix(key, " timing"), " time")
	if strings.Contains(label, "/") {
		if loc, err := time.LoadLocation(strings.TrimSpace(label)); err == nil {
			return loc, loc.String(), true
		}
	}
	name := ""
	if a, ok := abbrevs[key]; ok {
		name = a.zone
	} else if z, ok := cities[key]; ok {
		name = z
	} else if z, ok := tzByCity()[key]; ok {
		name = z
	}
	if name == "" {
		return nil, "", false
	}
	loc, err := load(name)
	if err != nil {
		return nil, "", false
	}
	return loc, name, true
}

// known holds the zones of the tables, loaded once: loading a zone reads the
// embedded database, which costs more than parsing a timestamp.
var known = sync.OnceValue(func() map[string]*time.Location {
	m := map[string]*time.Location{}
	add := func(name string) {
		if _, ok := m[name]; !ok {
			if loc, err := time.LoadLocation(name); err == nil {
				m[name] = loc
			}
		}
	}
	for _, a := range abbrevs {
		add(a.zone)
	}
	for _, z := range cities {
		add(z)
	}
	return m
})

// load returns a zone, from the tables' zones when it is one of them.
func load(name string) (*time.Location, error) {
	if loc, ok := known()[name]; ok {
		return loc, nil
	}
	return time.LoadLocation(name)
}

// cityZone resolves a city label only (no abbreviations), for "X time" phrases.
func cityZone(city string) (string, bool) {
	key := strings.Join(strings.Fields(city), " ")
	if z, ok := cities[key]; ok {
		return z, true
	}
	if z, ok := tzByCity()[key]; ok {
		return z, true
	}
	if a, ok := abbrevs[key]; ok && !a.specific {
		return a.zone, true // "Eastern time"
	}
	return "", false
}

// wallIn returns the instant at which loc's clocks show the given wall time.
// A wall time that occurs twice (clocks going back) resolves to the earlier
// instant (the daylight-saving one). A wall time that does not exist
// (clocks going forward) is read with the offset in force before the change,
// so 02:30 on a spring-forward night becomes 03:30 daylight time.
func wallIn(y int, mo time.Month, d, h, mi, s, ns int, loc *time.Location) time.Time {
	naive := time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	var found []time.Time
	seen := map[int]bool{}
	for _, probe := range []time.Duration{-36 * time.Hour, 36 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if _, o := t.Zone(); o == off {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 0:
		_, off := naive.Add(-36 * time.Hour).In(loc).Zone()
		return naive.Add(-time.Duration(off) * time.Second).In(loc)
	case 1:
		return found[0]
	}
	if found[1].Before(found[0]) {
		return found[1]
	}
	return found[0]
}

// InZone reads the wall clock st printed again in the zone named name: for a
// label the article's own context reads otherwise than the tables do ("IST"
// in a Dublin paper is Irish, not India's, time). An Ambiguous stamp's day-first
// reading moves to that zone too.
func (st Stamp) InZone(name string) (Stamp, bool) {
	loc, err := load(name)
	if err != nil || !st.HasOffset {
		return st, false
	}
	w := st.Time
	st.Time = wallIn(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc)
	st.Zone = name
	if st.dayFirst != nil {
		alt := *st.dayFirst
		alt.zone, alt.literal, alt.hasZone = name, false, true
		st.dayFirst = &alt
	}
	return st, true
}
