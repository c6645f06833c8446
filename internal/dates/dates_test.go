package dates

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string // RFC 3339
		zone    string
		hasTime bool
		offset  bool
		updated bool
	}{
		{"22-11-2024 02:01 PM Jerusalem Timing", "2024-11-22T14:01:00+02:00", "Asia/Jerusalem", true, true, false},
		{"22-07-2024 02:01 PM Jerusalem Timing", "2024-07-22T14:01:00+03:00", "Asia/Jerusalem", true, true, false},
		{"Published: Monday 3 March 2025 09:12 CET", "2025-03-03T09:12:00+01:00", "Europe/Paris", true, true, false},
		{"Updated 2025-06-02 14:05 GMT", "2025-06-02T14:05:00Z", "", true, true, true},
		{"Updated 2025-01-02 14:05 GMT", "2025-01-02T14:05:00Z", "Europe/London", true, true, true},
		{"Jan. 9, 2025 7:45 p.m. ET", "2025-01-09T19:45:00-05:00", "America/New_York", true, true, false},
		{"14-07-2025 09:30 AM Beirut Timing", "2025-07-14T09:30:00+03:00", "Asia/Beirut", true, true, false},
		{"14-01-2025 09:30 AM Beirut time", "2025-01-14T09:30:00+02:00", "Asia/Beirut", true, true, false},
		{"2025-03-04T10:00:00Z", "2025-03-04T10:00:00Z", "UTC", true, true, false},
		{"2025-03-04T10:00:00.250+02:00", "2025-03-04T10:00:00.25+02:00", "", true, true, false},
		{"March 5, 2025, 10:15 AM EST", "2025-03-05T10:15:00-05:00", "America/New_York", true, true, false},
		{"5 March 2025 | 10:15 BST", "2025-03-05T10:15:00+01:00", "", true, true, false},
		{"5 June 2025 | 10:15 BST", "2025-06-05T10:15:00+01:00", "Europe/London", true, true, false},
		{"Wed 14 May 2025 11.05 BST", "2025-05-14T11:05:00+01:00", "Europe/London", true, true, false},
		{"06/07/2026 14:05 BST", "2026-07-06T14:05:00+01:00", "Europe/London", true, true, false},
		{"06/07/2026 14:05 EDT", "2026-06-07T14:05:00-04:00", "America/New_York", true, true, false},
		{"09/12/2016 14:05 UTC", "2016-09-12T14:05:00Z", "UTC", true, true, false},
		{"14 May 2025 11.05 GMT+1", "2025-05-14T11:05:00+01:00", "", true, true, false},
		{"Posted 10:15am, 5 Mar 2025", "2025-03-05T10:15:00Z", "", true, false, false},
		{"5 March 2025 10:15 GMT+3", "2025-03-05T10:15:00+03:00", "", true, true, false},
		{"5 March 2025 10:15 UTC-05:00", "2025-03-05T10:15:00-05:00", "", true, true, false},
		{"5 March 2025 10:15 UTC+5:30", "2025-03-05T10:15:00+05:30", "", true, true, false},
		{"Mon, 03 Mar 2025 09:12:00 +0100", "2025-03-03T09:12:00+01:00", "", true, true, false},
		{"July 4, 2025 8:00 a.m. Eastern time", "2025-07-04T08:00:00-04:00", "America/New_York", true, true, false},
		{"Thursday, 22 November 2024 at 2:01 pm (Abu Dhabi time)", "2024-11-22T14:01:00+04:00", "Asia/Dubai", true, true, false},
		{"12 August 2025 18:40 Paris time", "2025-08-12T18:40:00+02:00", "Europe/Paris", true, true, false},
		{"12.08.2025 18:40 Kyiv time", "2025-08-12T18:40:00+03:00", "Europe/Kyiv", true, true, false},
		{"Sept. 30, 2025 11:05 a.m. PT", "2025-09-30T11:05:00-07:00", "America/Los_Angeles", true, true, false},
		{"2025-07-01 09:00 IST", "2025-07-01T09:00:00+05:30", "Asia/Kolkata", true, true, false},
		{"Tuesday 3 June 2025 18.40 Irish time", "2025-06-03T18:40:00+01:00", "Europe/Dublin", true, true, false},
		{"3 December 2025 18:40 Irish Standard Time", "2025-12-03T18:40:00Z", "Europe/Dublin", true, true, false},
		{"2025-07-01 09:00 JST", "2025-07-01T09:00:00+09:00", "Asia/Tokyo", true, true, false},
		{"2025-07-01 09:00 AEST", "2025-07-01T09:00:00+10:00", "Australia/Sydney", true, true, false},
		{"2025-07-01 09:00 CEST", "2025-07-01T09:00:00+02:00", "Europe/Paris", true, true, false},
		{"2025-07-01 09:00 local time", "2025-07-01T09:00:00Z", "", true, false, false},
		{"Published 3 March 2025 09:12 CET, updated 3 March 2025 11:00 CET", "2025-03-03T09:12:00+01:00", "Europe/Paris", true, true, false},
		{"First published on 7th of May 2025", "2025-05-07T00:00:00Z", "", false, false, false},
		// Day-first and month-first.
		{"22/11/2024", "2024-11-22T00:00:00Z", "", false, false, false},
		{"11/22/2024", "2024-11-22T00:00:00Z", "", false, false, false},
		{"04/03/2025", "2025-04-03T00:00:00Z", "", false, false, false},
		{"04-03-2025", "2025-03-04T00:00:00Z", "", false, false, false},
		{"04.03.2025", "2025-03-04T00:00:00Z", "", false, false, false},
		{"04-03-25 10:00", "2025-03-04T10:00:00Z", "", true, false, false},
		{"2025/06/02", "2025-06-02T00:00:00Z", "", false, false, false},
		// New York on the changeover days.
		{"March 9, 2025 1:30 AM ET", "2025-03-09T01:30:00-05:00", "America/New_York", true, true, false},
		{"March 9, 2025 3:30 AM ET", "2025-03-09T03:30:00-04:00", "America/New_York", true, true, false},
		{"March 9, 2025 2:30 AM ET", "2025-03-09T03:30:00-04:00", "America/New_York", true, true, false},     // does not exist: shifted forward
		{"November 2, 2025 1:30 AM ET", "2025-11-02T01:30:00-04:00", "America/New_York", true, true, false},  // repeated: the earlier
		{"November 2, 2025 1:30 AM EST", "2025-11-02T01:30:00-05:00", "America/New_York", true, true, false}, // repeated, label says which
		{"November 2, 2025 1:30 AM EDT", "2025-11-02T01:30:00-04:00", "America/New_York", true, true, false},
		{"November 2, 2025 3:00 AM ET", "2025-11-02T03:00:00-05:00", "America/New_York", true, true, false},
		{"July 9, 2025 10:00 AM EST", "2025-07-09T10:00:00-05:00", "", true, true, false}, // stated offset wins over the zone
		// Jerusalem around its changes (last Sunday of October, Friday before the last Sunday of March).
		{"26-10-2025 01:30 Jerusalem time", "2025-10-26T01:30:00+03:00", "Asia/Jerusalem", true, true, false},
		{"27-10-2025 01:30 Jerusalem time", "2025-10-27T01:30:00+02:00", "Asia/Jerusalem", true, true, false},
		{"28-03-2025 02:30 Jerusalem time", "2025-03-28T03:30:00+03:00", "Asia/Jerusalem", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, ok := Parse(tt.in)
			if !ok {
				t.Fatalf("Parse(%q) failed", tt.in)
			}
			if got := st.Time.Format(time.RFC3339Nano); got != tt.want {
				t.Errorf("time = %s, want %s", got, tt.want)
			}
			if st.Zone != tt.zone || st.HasTime != tt.hasTime || st.HasOffset != tt.offset || st.Updated != tt.updated {
				t.Errorf("got zone %q time %v offset %v updated %v, want %q %v %v %v",
					st.Zone, st.HasTime, st.HasOffset, st.Updated, tt.zone, tt.hasTime, tt.offset, tt.updated)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{
		"", "2016", "Sept. 11", "The council met on Tuesday", "31-04-2025", "29-02-2025", "13/13/2025",
		"March 5, 2025 was a good day", "10:15", "Posted by Jane Doe", "1.6 billion", "U.S. 2025",
		"5 March 2025 25:00", "2025-03-04 10:00 XYZ", "By Jane Doe | March 5, 2025", "14 May 2025 10.15", "10.15 BST",
		strings.Repeat("5 March 2025 ", 20),
	} {
		t.Run(in, func(t *testing.T) {
			if st, ok := Parse(in); ok {
				t.Errorf("Parse(%q) = %v, want failure", in, st.Time)
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct{ in, span, want string }{
		{"By Jane Doe | March 5, 2025, 10:15 AM EST | 4 min read", "March 5, 2025, 10:15 AM EST", "2025-03-05T10:15:00-05:00"},
		{"Harbour Desk - 14-07-2025 09:30 AM Beirut Timing", "14-07-2025 09:30 AM Beirut Timing", "2025-07-14T09:30:00+03:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, a, b, ok := Find(tt.in)
			if !ok {
				t.Fatal("not found")
			}
			if tt.in[a:b] != tt.span || st.Time.Format(time.RFC3339) != tt.want {
				t.Errorf("got %q %s, want %q %s", tt.in[a:b], st.Time.Format(time.RFC3339), tt.span, tt.want)
			}
		})
	}
	if _, _, _, ok := Find("Nothing to see here"); ok {
		t.Error("found a stamp in plain words")
	}
}

func TestLocation(t *testing.T) {
	tests := map[string]string{
		"Jerusalem Timing": "Asia/Jerusalem", "Beirut time": "Asia/Beirut", "Paris": "Europe/Paris",
		"ET": "America/New_York", "CET": "Europe/Paris", "Asia/Tokyo": "Asia/Tokyo", "New Delhi": "Asia/Kolkata",
		"Buenos Aires time": "America/Argentina/Buenos_Aires", "Ho Chi Minh": "Asia/Ho_Chi_Minh",
		"Newfoundland time": "America/St_Johns", "Atlantic time": "America/Halifax",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			_, name, ok := Location(in)
			if !ok || name != want {
				t.Errorf("Location(%q) = %q %v, want %q", in, name, ok, want)
			}
		})
	}
	if _, _, ok := Location("Atlantis"); ok {
		t.Error("Atlantis resolved")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"22-11-2024 02:01 PM Jerusalem Timing", "2025-03-04T10:00:00Z", "Jan. 9, 2025 7:45 p.m. ET",
		"5 March 2025 10:15 GMT+3", "Posted 10:15am, 5 Mar 2025", "March 9, 2025 2:30 AM ET", "03/06/2025 18:40 UTC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, ok := Parse(s)
		if !ok {
			return
		}
		if st.Time.IsZero() {
			t.Errorf("Parse(%q) ok with a zero time", s)
		}
		if st.Zone != "" && !st.HasOffset {
			t.Errorf("Parse(%q): zone %q without offset", s, st.Zone)
		}
		if alt, ok := st.DayFirst(); ok != st.Ambiguous || ok && (alt.Time.IsZero() || alt.Ambiguous) {
			t.Errorf("Parse(%q): Ambiguous %v, DayFirst %v %v", s, st.Ambiguous, alt.Time, ok)
		}
		Find(s)
	})
}

func BenchmarkParse(b *testing.B) {
	in := []string{"22-11-2024 02:01 PM Jerusalem Timing", "Published: Monday 3 March 2025 09:12 CET", "Jan. 9, 2025 7:45 p.m. ET", "The council met on Tuesday"}
	for b.Loop() {
		for _, s := range in {
			Parse(s)
		}
	}
}

// TestDayFirst: a slash date that could be either is read month-first and marked
// Ambiguous, and DayFirst gives the other reading with the same clock and zone;
// a date that can only be one, or that a day-first zone settled, has no other.
func TestDayFirst(t *testing.T) {
	tests := []struct {
		in, want, alt string // alt "" when there is no other reading
		altZone       string
	}{
		{"03/06/2025", "2025-03-06T00:00:00Z", "2025-06-03T00:00:00Z", ""},
		{"Published 03/06/2025 18:40", "2025-03-06T18:40:00Z", "2025-06-03T18:40:00Z", ""},
		{"Updated 3/6/25 6:40 pm", "2025-03-06T18:40:00Z", "2025-06-03T18:40:00Z", ""},
		{"03/06/2025 18:40 UTC", "2025-03-06T18:40:00Z", "2025-06-03T18:40:00Z", "UTC"},
		{"03/06/2025 18:40 GMT+1", "2025-03-06T18:40:00+01:00", "2025-06-03T18:40:00+01:00", ""},
		// A zone's rules give the offset of the day each reading names.
		{"02/03/2025 09:00 ET", "2025-02-03T09:00:00-05:00", "2025-03-02T09:00:00-05:00", "America/New_York"},
		{"03/11/2025 09:00 ET", "2025-03-11T09:00:00-04:00", "2025-11-03T09:00:00-05:00", "America/New_York"},
		{"03/06/2025 18:40 BST", "2025-06-03T18:40:00+01:00", "", ""},
		{"03/06/2025 18:40 NZST", "2025-06-03T18:40:00+12:00", "", ""},
		{"25/06/2025", "2025-06-25T00:00:00Z", "", ""},
		{"06/25/2025", "2025-06-25T00:00:00Z", "", ""},
		{"06/06/2025", "2025-06-06T00:00:00Z", "", ""},
		{"03-06-2025", "2025-06-03T00:00:00Z", "", ""},
		{"March 6, 2025", "2025-03-06T00:00:00Z", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, ok := Parse(tt.in)
			if !ok {
				t.Fatalf("Parse(%q) failed", tt.in)
			}
			if got := st.Time.Format(time.RFC3339); got != tt.want {
				t.Errorf("time = %s, want %s", got, tt.want)
			}
			alt, ok := st.DayFirst()
			if ok != (tt.alt != "") || st.Ambiguous != ok {
				t.Fatalf("DayFirst ok %v, Ambiguous %v, want %v", ok, st.Ambiguous, tt.alt != "")
			}
			if !ok {
				return
			}
			if got := alt.Time.Format(time.RFC3339); got != tt.alt || alt.Zone != tt.altZone {
				t.Errorf("day first = %s %q, want %s %q", got, alt.Zone, tt.alt, tt.altZone)
			}
			if alt.Ambiguous || alt.HasTime != st.HasTime || alt.HasOffset != st.HasOffset || alt.Updated != st.Updated {
				t.Errorf("day first %+v lost the labels of %+v", alt, st)
			}
		})
	}
	// InZone moves the other reading too ("IST" read as Irish time).
	st, _ := Parse("03/06/2025 18:40 UTC")
	st, _ = st.InZone("Europe/Dublin")
	alt, ok := st.DayFirst()
	if got := alt.Time.Format(time.RFC3339); !ok || got != "2025-06-03T18:40:00+01:00" || alt.Zone != "Europe/Dublin" {
		t.Errorf("InZone then DayFirst = %s %q %v", got, alt.Zone, ok)
	}
}

// TestCanadianZones: Newfoundland ("NT", "Newfoundland time") and Atlantic
// ("AT", "Atlantic time") labels take standard or daylight time by the date, as
// ET and PT do; the word "at" is no zone.
func TestCanadianZones(t *testing.T) {
	tests := []struct{ in, want, zone string }{
		{"Dec. 2, 2027 7:25 p.m. NT", "2027-12-02T19:25:00-03:30", "America/St_Johns"},
		{"July 14, 2027 7:25 p.m. NT", "2027-07-14T19:25:00-02:30", "America/St_Johns"},
		{"Posted: Jan 8, 2027 10:05 AM NT", "2027-01-08T10:05:00-03:30", "America/St_Johns"},
		{"Dec. 2, 2027 7:25 p.m. Newfoundland time", "2027-12-02T19:25:00-03:30", "America/St_Johns"},
		{"Aug. 30, 2027 7:25 p.m. Newfoundland Time", "2027-08-30T19:25:00-02:30", "America/St_Johns"},
		{"Dec. 2, 2027 8:40 a.m. AT", "2027-12-02T08:40:00-04:00", "America/Halifax"},
		{"June 3, 2027 8:40 a.m. AT", "2027-06-03T08:40:00-03:00", "America/Halifax"},
		{"June 3, 2027 20:40 AT | Updated June 4, 2027", "2027-06-03T20:40:00-03:00", "America/Halifax"},
		{"Dec. 2, 2027 8:40 a.m. Atlantic time", "2027-12-02T08:40:00-04:00", "America/Halifax"},
		{"June 3, 2027 8:40 a.m. Atlantic Time", "2027-06-03T08:40:00-03:00", "America/Halifax"},
		{"Dec. 2, 2027 8:40 a.m. NST", "2027-12-02T08:40:00-03:30", "America/St_Johns"},
		{"June 3, 2027 8:40 a.m. ADT", "2027-06-03T08:40:00-03:00", "America/Halifax"},
		// "at" as a word: a local time with no zone.
		{"Published June 3, 2027 at 8:40 a.m.", "2027-06-03T08:40:00Z", ""},
		{"June 3, 2027 8:40 a.m. at", "2027-06-03T08:40:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, ok := Parse(tt.in)
			if !ok {
				t.Fatalf("Parse(%q) failed", tt.in)
			}
			if got := st.Time.Format(time.RFC3339); got != tt.want || st.Zone != tt.zone || st.HasOffset != (tt.zone != "") {
				t.Errorf("got %s %q offset %v, want %s %q", got, st.Zone, st.HasOffset, tt.want, tt.zone)
			}
		})
	}
	for _, in := range []string{"June 3, 2027 8:40 a.m. AT the legislature", "Meet at 8:40 a.m. AT"} {
		if st, ok := Parse(in); ok && st.HasOffset {
			t.Errorf("Parse(%q) = %v, %q: want no zone", in, st.Time, st.Zone)
		}
	}
	// Words that are a zone only as one: "Atlantic" and "Newfoundland" need
	// "time" or the stamp's end; "NT" needs capitals.
	for _, in := range []string{"Nov. 5, 2027 10:00 Atlantic City casinos had closed", "Nov. 5, 2027 10:00 Newfoundland ferry",
		"Nov. 5, 2027 10:00 p.m. nt"} {
		if st, _, _, ok := Find(in); ok && st.HasOffset {
			t.Errorf("Find(%q) = %v, %q: want no zone", in, st.Time, st.Zone)
		}
	}
	for _, in := range []string{"June 3, 2027 8:40 a.m. AT the legislature", "Meet at 8:40 a.m. AT"} {
		if st, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %v, want failure", in, st.Time)
		}
	}
	// Inside other words, "AT" after a clock is no zone unless it ends the stamp.
	in := "Crews met on June 3, 2027 8:40 a.m. AT the wharf"
	if st, a, b, ok := Find(in); !ok || st.Zone != "" || in[a:b] != "on June 3, 2027 8:40 a.m." {
		t.Errorf("Find(%q) = %q %q %v", in, in[a:b], st.Zone, ok)
	}
}
