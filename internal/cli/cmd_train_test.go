package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTrainReproducesModel: whosaid train, with its defaults, rebuilds the
// shipped model byte for byte. The model's confidence curve is fitted on what
// the engine finds, so any change to the engine needs the model retrained;
// this test says when. Needs PolNeAR train beside the repository.
func TestTrainReproducesModel(t *testing.T) {
	data := "../../../shared/data/polnear/train"
	if _, err := os.Stat(data); err != nil {
		t.Skip("no ../shared/data/polnear/train")
	}
	if testing.Short() {
		t.Skip("-short: training takes half a minute")
	}
	out := filepath.Join(t.TempDir(), "model.bin")
	if code, _, errs := run(t, "", "train", "--data", data, "--out", out); code != ExitOK {
		t.Fatalf("train: exit %d\n%s", code, errs)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../quote/model.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("whosaid train wrote a model unlike internal/quote/model.bin: retrain it (go run ./cmd/whosaid train --data ../shared/data/polnear/train --out internal/quote/model.bin)")
	}
}
