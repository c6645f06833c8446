package quote_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/whosaid/whosaid/internal/quote"
)

// trainDoc makes an invented annotated document from paragraphs and gold reports.
func trainDoc(title string, paras []string, gold ...quote.GoldQuote) quote.TrainDoc {
	a := build(title, paras...)
	d := quote.TrainDoc{Title: a.Title, Text: a.Text, Gold: gold}
	for _, b := range a.Blocks {
		d.Blocks = append(d.Blocks, [2]int{b.Start, b.End})
	}
	return d
}

func tinyDocs() []quote.TrainDoc {
	return []quote.TrainDoc{
		trainDoc("Library hours cut", []string{
			`"We have no choice this year," librarian Ada Moss said on Monday.`,
			`Moss said that the branch would close on Sundays from March.`,
			`Readers signed a letter against the change.`,
		},
			quote.GoldQuote{Content: "We have no choice this year", Mention: "librarian Ada Moss", Cue: "said"},
			quote.GoldQuote{Content: "the branch would close on Sundays from March", Mention: "Moss", Cue: "said"},
		),
		trainDoc("Bus fares rise", []string{
			`Transit chief Omar Field announced that fares would rise by ten cents.`,
			`"Fuel costs have doubled," Field told the board.`,
		},
			quote.GoldQuote{Content: "fares would rise by ten cents", Mention: "Transit chief Omar Field", Cue: "announced"},
			quote.GoldQuote{Content: "Fuel costs have doubled", Mention: "Field", Cue: "told"},
		),
		trainDoc("School roof repaired", []string{
			`The school reopened after the summer.`,
			`Principal Nora Vance said the new roof had cost less than planned.`,
			`"The children deserve a dry classroom," she said.`,
		},
			quote.GoldQuote{Content: "the new roof had cost less than planned", Mention: "Principal Nora Vance", Cue: "said"},
			quote.GoldQuote{Content: "The children deserve a dry classroom", Mention: "she", Cue: "said"},
		),
	}
}

func trainTiny(t testing.TB) *quote.Model {
	t.Helper()
	m, st := quote.Train(tinyDocs(), quote.TrainOptions{Epochs: 4, Bits: 12, Seed: 1})
	if st.Reports != 6 || st.Paragraphs != 11 {
		t.Logf("train stats: %+v", st)
	}
	if st.Lost > st.Reports/2 {
		t.Errorf("train lost %d of %d gold reports", st.Lost, st.Reports)
	}
	return m
}

// reloaded is m written and read back.
func reloaded(t *testing.T, m *quote.Model) *quote.Model {
	t.Helper()
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := quote.LoadModel(data)
	if err != nil {
		t.Fatalf("LoadModel of a model just written: %v", err)
	}
	return m2
}

// TestModelRoundTrip: a model written and read back tags exactly as before.
func TestModelRoundTrip(t *testing.T) {
	m := trainTiny(t)
	m2 := reloaded(t, m)
	inputs := [][]string{
		{`"We have no choice this year," librarian Ada Moss said on Monday.`, `Moss said that the branch would close on Sundays from March.`},
		{`Mayor Ruth Kale said the park would open in June. "It is worth the wait," she said.`},
		{`Nothing was said at all, and the meeting ended early.`},
	}
	e1, e2 := quote.NewWithModel(m), quote.NewWithModel(m2)
	for _, in := range inputs {
		a1, a2 := build("Round trip", in...), build("Round trip", in...)
		e1.Annotate(a1)
		e2.Annotate(a2)
		checkContract(t, a1)
		if d1, d2 := dump(a1), dump(a2); d1 != d2 {
			t.Errorf("loaded model differs on %q:\n before:%s\n after:%s", in, d1, d2)
		}
	}
	// Writing the loaded model again gives a model that still loads.
	data2, err := m2.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := quote.LoadModel(data2); err != nil {
		t.Errorf("LoadModel of a re-marshalled model: %v", err)
	}
}

// TestBuiltinModelRoundTrip: the embedded model survives a write and read.
func TestBuiltinModelRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("writing the full model takes seconds")
	}
	data, err := builtinModelBytes()
	if err != nil {
		t.Skip(err)
	}
	m, err := quote.LoadModel(data)
	if err != nil {
		t.Fatalf("LoadModel(model.bin): %v", err)
	}
	m2 := reloaded(t, m)
	b, err := readTestdata("bench-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	a0, a1, a2 := articleOf(t, "b", b), articleOf(t, "b", b), articleOf(t, "b", b)
	engine.Annotate(a0)
	quote.NewWithModel(m).Annotate(a1)
	quote.NewWithModel(m2).Annotate(a2)
	if dump(a0) != dump(a1) || dump(a1) != dump(a2) {
		t.Errorf("model.bin output changes through a round trip:\n%s\n%s\n%s", dump(a0), dump(a1), dump(a2))
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestLoadModelBad: garbage, truncated and corrupted models give an error, never a panic.
func TestLoadModelBad(t *testing.T) {
	good, err := trainTiny(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	zr, _ := gzip.NewReader(bytes.NewReader(good))
	raw.ReadFrom(zr)
	plain := raw.Bytes()

	header := func(bits uint32) []byte {
		b := append([]byte{}, plain[:len("whosaid-tagger-v2")]...)
		return binary.LittleEndian.AppendUint32(b, bits)
	}
	cases := map[string][]byte{
		"nil":           nil,
		"empty":         {},
		"text":          []byte("this is not a model"),
		"gzip of text":  gz([]byte("this is not a model either")),
		"magic only":    gz(plain[:len("whosaid-tagger-v2")]),
		"bits too low":  gz(header(3)),
		"bits too high": gz(header(40)),
		"header only":   gz(header(12)),
	}
	for _, n := range []int{1, 2, 10, 18, 25, len(good) / 3, len(good) / 2, len(good) - 20} {
		cases["truncated gzip at "+itoa(n)] = good[:n]
	}
	for _, n := range []int{len(plain) / 4, len(plain) / 2, len(plain) - 20, len(plain) - 1} {
		cases["truncated payload at "+itoa(n)] = gz(plain[:n])
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("LoadModel panicked: %v", r)
				}
			}()
			if m, err := quote.LoadModel(data); err == nil {
				t.Errorf("LoadModel accepted %d bad bytes (model %p)", len(data), m)
			}
		})
	}
	// The gzip trailer (CRC-32 and length) is what catches a damaged file.
	t.Run("truncated gzip trailer", func(t *testing.T) {
		for _, n := range []int{len(good) - 9, len(good) - 4, len(good) - 1} {
			if _, err := quote.LoadModel(good[:n]); err == nil {
				t.Errorf("LoadModel accepted the model cut to %d of %d bytes", n, len(good))
			}
		}
	})
	// Random corruption of the payload: an error or a usable model, never a panic.
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		p := append([]byte{}, plain...)
		for range 1 + rng.IntN(4) {
			p[rng.IntN(len(p))] ^= byte(1 + rng.IntN(255))
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("corruption %d: panic: %v", i, r)
				}
			}()
			if m, err := quote.LoadModel(gz(p)); err == nil {
				a := build("", `"It works," Ada Moss said.`)
				quote.NewWithModel(m).Annotate(a)
				checkContract(t, a)
			}
		}()
	}
}

// TestLoadModelHugeHeader: a 40-byte file that claims the largest table must not make
// LoadModel allocate gigabytes before it finds that the weights are missing.
func TestLoadModelHugeHeader(t *testing.T) {
	var raw bytes.Buffer
	raw.WriteString("whosaid-tagger-v2")
	binary.Write(&raw, binary.LittleEndian, uint32(26))
	data := gz(raw.Bytes())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := quote.LoadModel(data)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("LoadModel accepted a header without a body")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("LoadModel allocated %d MB for a %d-byte input", n>>20, len(data))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func readTestdata(name string) ([]byte, error) { return os.ReadFile(filepath.Join("testdata", name)) }

// builtinModelBytes reads the model file the package embeds.
func builtinModelBytes() ([]byte, error) { return os.ReadFile("model.bin") }

func BenchmarkLoadModel(b *testing.B) {
	data, err := builtinModelBytes()
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := quote.LoadModel(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCalibrationRoundTrip: a model trained on enough articles learns a
// calibration, which survives a write and read; confidences stay in (0, 1).
func TestCalibrationRoundTrip(t *testing.T) {
	docs := append(tinyDocs(), tinyDocs()...)
	m, _ := quote.Train(docs, quote.TrainOptions{Epochs: 4, Bits: 12, Seed: 1})
	m2 := reloaded(t, m)
	in := []string{`"We have no choice this year," librarian Ada Moss said on Monday.`, `Moss said that the branch would close on Sundays from March.`}
	a1, a2 := build("Calibrated", in...), build("Calibrated", in...)
	quote.NewWithModel(m).Annotate(a1)
	quote.NewWithModel(m2).Annotate(a2)
	if len(a1.Quotes) == 0 || len(a1.Quotes) != len(a2.Quotes) {
		t.Fatalf("quotes: %d and %d", len(a1.Quotes), len(a2.Quotes))
	}
	for i, q := range a1.Quotes {
		if q.Confidence != a2.Quotes[i].Confidence {
			t.Errorf("%s: confidence %v before the round trip, %v after", q.ID, q.Confidence, a2.Quotes[i].Confidence)
		}
		if q.Confidence <= 0 || q.Confidence >= 1 || q.Confidence == 0.5 {
			t.Errorf("%s: confidence %v, want a calibrated chance", q.ID, q.Confidence)
		}
	}
}
