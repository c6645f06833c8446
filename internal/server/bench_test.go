package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/pipeline"
	"github.com/whosaid/whosaid/internal/source"
)

// benchCorpus is how many invented articles BenchmarkQuotes stores.
const benchCorpus = 300

var (
	benchFirst = []string{"Elena", "Marco", "Ines", "Tomas", "Ada", "Piet", "Nora", "Lena", "Oskar", "Mira"}
	benchLast  = []string{"Voss", "Lindqvist", "Dorn", "Brink", "Winter", "Aldous", "Quill", "Ostrova", "Falk", "Sand"}
	benchTopic = []string{"ferry", "library", "bridge", "budget", "school", "harbour", "tram", "market", "park", "clinic"}
)

// benchArticles invents articles with a few quotes each, spread over two years.
func benchArticles(b *testing.B) []*article.Article {
	b.Helper()
	eng := engine()
	var arts []*article.Article
	for i := range benchCorpus {
		a := fmt.Sprintf("%s %s", benchFirst[i%10], benchLast[(i/10)%10])
		c := fmt.Sprintf("%s %s", benchFirst[(i+3)%10], benchLast[(i/7)%10])
		topic := benchTopic[i%len(benchTopic)]
		day := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, i*2)
		text := fmt.Sprintf("Council debates the %s plan, part %d\n\n%s\n\n"+
			"Mayor %s said on Tuesday that the %s plan would \"change the town for good\" and cost %d thousand.\n\n"+
			"\"We have waited %d years for this %s,\" %s told reporters.\n\n"+
			"Councillor %s said the %s money was not there yet.\n\n"+
			"\"The %s will not be ready before winter,\" %s said.",
			topic, i, day.Format("January 2, 2006 15:04 MST"), a, topic, 100+i, 2+i%9, topic, benchLast[(i/10)%10],
			c, topic, topic, benchLast[(i/7)%10])
		r := pipeline.Process(source.Document{Source: fmt.Sprintf("bench/%d.txt", i), Format: source.Text, Body: []byte(text)}, eng)
		if r.Err != nil {
			b.Fatal(r.Err)
		}
		arts = append(arts, r.Article)
	}
	return arts
}

// BenchmarkQuotes measures GET /api/v1/quotes over loopback with 8 concurrent
// clients (on 2 cores), rotating through unfiltered, word, speaker and kind
// searches, and reports the p50 and p99 latency.
func BenchmarkQuotes(b *testing.B) {
	e := newEnv(b, Options{})
	if _, err := e.st.SaveBatch(context.Background(), benchArticles(b)); err != nil {
		b.Fatal(err)
	}
	paths := []string{
		"/api/v1/quotes",
		"/api/v1/quotes?q=budget",
		"/api/v1/quotes?q=%22change+the+town%22&limit=20",
		"/api/v1/quotes?speaker=voss",
		"/api/v1/quotes?kind=direct&since=2024-06-01&until=2024-12-31",
		"/api/v1/quotes?q=winter&offset=50",
	}
	client := e.ts.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism(4) // 4 × GOMAXPROCS clients
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		i := 0
		for pb.Next() {
			start := time.Now()
			resp, err := client.Get(e.ts.URL + paths[i%len(paths)])
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("%s: %d", paths[i%len(paths)], resp.StatusCode)
				return
			}
			mine = append(mine, time.Since(start))
			i++
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "req/s")
}
