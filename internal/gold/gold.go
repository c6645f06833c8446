package gold

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Quote is one annotated report.
type Quote struct {
	Content  string  `json:"content"`
	Kind     string  `json:"kind"`
	Speaker  *string `json:"speaker"`
	Mention  *string `json:"mention"`
	Cue      *string `json:"cue"`
	Optional bool    `json:"optional"`
	Where    string  `json:"where"`
}

// File is one gold file.
type File struct {
	Title     string  `json:"title"`
	Published string  `json:"published"`
	Quotes    []Quote `json:"quotes"`
}

// Pair is an article file with its gold annotations.
type Pair struct {
	Article string // path of the article
	Gold    File
}

// Dir reads every NAME.gold.json under dir that has an article beside it, in lexical order.
func Dir(dir string) ([]Pair, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".gold.json") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	sort.Strings(paths)
	var out []Pair
	for _, p := range paths {
		stem := strings.TrimSuffix(p, ".gold.json")
		art := ""
		for _, ext := range []string{".txt", ".html", ".htm", ".txt.gz", ".html.gz"} {
			if _, err := os.Stat(stem + ext); err == nil {
				art = stem + ext
				break
			}
		}
		if art == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("gold: %w", err)
		}
		var f File
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("gold: %s: %w", p, err)
		}
		out = append(out, Pair{Article: art, Gold: f})
	}
	return out, nil
}

// Str returns *s or "".
func Str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
