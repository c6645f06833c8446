package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/whosaid/whosaid/internal/extract"
	"github.com/whosaid/whosaid/internal/gold"
	"github.com/whosaid/whosaid/internal/quote"
	"github.com/whosaid/whosaid/internal/source"
)

// runTrain rebuilds the quotation model from gold-annotated articles (PolNeAR train).
func runTrain(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	data := fs.String("data", "../shared/data/polnear/train", "folder of NAME.txt + NAME.gold.json to learn from")
	dev := fs.String("dev", "", "folder of held-out gold articles to report tag accuracy on (optional)")
	out := fs.String("out", "internal/quote/model.bin", "where to write the model")
	epochs := fs.Int("epochs", 12, "passes over the data")
	bits := fs.Uint("bits", 17, "log2 of the number of hashed feature buckets")
	seed := fs.Uint64("seed", 1, "seed of the shuffles (the same data and seed give the same model)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid train [flags]\n\nLearns the quotation tagger from gold articles and writes the model that\n`go build` embeds (internal/quote/model.bin).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	docs, err := trainDocs(*data)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid train:", err)
		return ExitFailed
	}
	fmt.Fprintf(env.Stderr, "whosaid train: %d articles from %s\n", len(docs), *data)
	m, st := quote.Train(docs, quote.TrainOptions{Epochs: *epochs, Bits: *bits, Seed: *seed, Progress: func(ep int, acc float64) {
		fmt.Fprintf(env.Stderr, "  epoch %d: %.3f of paragraphs tagged right\n", ep, acc)
	}})
	fmt.Fprintf(env.Stderr, "whosaid train: %d reports, %d not found in the text, %d paragraphs, %d tokens\n", st.Reports, st.Lost, st.Paragraphs, st.Tokens)
	b, err := m.MarshalBinary()
	if err == nil {
		err = writeOut(*out, b) // a failed write leaves the model as it was
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid train:", err)
		return ExitFailed
	}
	if ca, cb := m.Calibration(); ca != 0 || cb != 0 {
		fmt.Fprintf(env.Stderr, "whosaid train: confidence = 1 / (1 + exp(-(%.3f × margin %+.3f))), fitted on held-out halves\n", ca, cb)
	}
	fmt.Fprintf(env.Stderr, "whosaid train: wrote %s (%d bytes)\n", *out, len(b))
	if *dev != "" {
		ddocs, err := trainDocs(*dev)
		if err != nil {
			fmt.Fprintln(env.Stderr, "whosaid train:", err)
			return ExitFailed
		}
		fmt.Fprint(env.Stdout, quote.TagReport(m, ddocs))
	}
	return ExitOK
}

// trainDocs reads gold articles through the same extraction as `whosaid extract`,
// so the model learns on the text it will see.
func trainDocs(dir string) ([]quote.TrainDoc, error) {
	pairs, err := gold.Dir(dir)
	if err != nil {
		return nil, err
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("no gold articles (NAME.gold.json beside NAME.txt) under %s", dir)
	}
	golds := make(map[string]gold.File, len(pairs))
	for _, p := range pairs {
		golds[p.Article] = p.Gold
	}
	var docs []quote.TrainDoc
	err = source.Read(context.Background(), articlesOf(pairs), source.Options{}, func(d source.Document, rerr error) error {
		if rerr != nil {
			return nil
		}
		a, err := extract.Article(d)
		if err != nil {
			return nil
		}
		td := quote.TrainDoc{Title: a.Title, Text: a.Text}
		for _, b := range a.Blocks {
			td.Blocks = append(td.Blocks, [2]int{b.Start, b.End})
		}
		for _, q := range golds[d.Source].Quotes {
			td.Gold = append(td.Gold, quote.GoldQuote{Content: q.Content, Mention: gold.Str(q.Mention), Cue: gold.Str(q.Cue)})
		}
		docs = append(docs, td)
		return nil
	})
	return docs, err
}

func articlesOf(ps []gold.Pair) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Article
	}
	return out
}
