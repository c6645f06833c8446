package server

import (
	"fmt"
	"time"

	"github.com/whosaid/whosaid/internal/store"
)

// Geometry of the timeline chart, in SVG user units (it scales with the page).
const (
	chartW      = 720
	chartH      = 200
	chartLeft   = 36
	chartBottom = 24
	chartTop    = 12
	// maxMonths is how many months the chart shows at most: the latest ones.
	maxMonths = 120
)

// chart is a server-rendered bar chart of quotes per month.
type chart struct {
	W, H    int
	Bars    []bar
	Labels  []label
	Max     int
	MaxY    int // y of the top gridline
	BaseY   int
	Left    int
	Right   int
	Summary string
	Cut     bool // older months were left out
}

type bar struct {
	X, Y, W, H int
	Title      string
}

type label struct {
	X    int
	Text string
}

// timeline lays out one bar per month from the first to the last month with
// quotes (empty months included), at most maxMonths.
func timeline(months []store.MonthCount) *chart {
	if len(months) == 0 {
		return nil
	}
	counts := map[string]int{}
	for _, m := range months {
		counts[m.Month] = m.Quotes
	}
	first, err1 := time.Parse("2006-01", months[0].Month)
	last, err2 := time.Parse("2006-01", months[len(months)-1].Month)
	if err1 != nil || err2 != nil {
		return nil
	}
	var all []time.Time
	for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
		all = append(all, t)
	}
	c := &chart{W: chartW, H: chartH, Left: chartLeft, Right: chartW - 4, BaseY: chartH - chartBottom, MaxY: chartTop}
	if len(all) > maxMonths {
		all = all[len(all)-maxMonths:]
		c.Cut = true
	}
	total := 0
	for _, t := range all {
		n := counts[t.Format("2006-01")]
		c.Max = max(c.Max, n)
		total += n
	}
	if c.Max == 0 {
		return nil
	}
	slot := float64(c.Right-c.Left) / float64(len(all))
	bw := min(max(int(slot*0.8), 1), 48)
	span := c.BaseY - c.MaxY
	every := 1 + len(all)/12 // a label at most every few months
	for i, t := range all {
		n := counts[t.Format("2006-01")]
		x := c.Left + int(float64(i)*slot)
		h := n * span / c.Max
		if n > 0 && h == 0 {
			h = 1
		}
		c.Bars = append(c.Bars, bar{X: x, Y: c.BaseY - h, W: bw, H: h,
			Title: fmt.Sprintf("%s: %d quote(s)", t.Format("January 2006"), n)})
		if i%every == 0 {
			c.Labels = append(c.Labels, label{X: x, Text: t.Format("Jan 06")})
		}
	}
	c.Summary = fmt.Sprintf("%d quote(s) from %s to %s, at most %d in a month", total,
		all[0].Format("January 2006"), all[len(all)-1].Format("January 2006"), c.Max)
	return c
}
