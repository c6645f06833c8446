package store

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// QuoteWriter writes QuoteRows in one file format. Close finishes the file
// (for Parquet, its footer) without closing the underlying writer.
type QuoteWriter interface {
	Write(QuoteRow) error
	Close() error
}

// NewCSVWriter writes rows as CSV with a header of QuoteColumns; an absent
// value (no cue, no speaker, no URL, no time) is an empty field.
func NewCSVWriter(w io.Writer) (QuoteWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(QuoteColumns); err != nil {
		return nil, fmt.Errorf("store: csv: %w", err)
	}
	return &csvWriter{w: cw}, nil
}

type csvWriter struct {
	w   *csv.Writer
	rec []string
}

func (c *csvWriter) Write(r QuoteRow) error {
	c.rec = append(c.rec[:0], r.QuoteID, strconv.FormatInt(r.Cluster, 10), r.Kind, CSVCell(r.Content), CSVCell(deref(r.Cue)),
		CSVCell(deref(r.Speaker)), CSVCell(deref(r.Mention)), r.ArticleID, CSVCell(deref(r.URL)), CSVCell(r.Outlet), deref(r.Published),
		strconv.FormatBool(r.Copy), strconv.FormatFloat(r.Confidence, 'f', -1, 64), strconv.FormatInt(r.StoryID, 10), deref(r.PublishedLocal),
		deref(r.SpeakerType), deref(r.SpeakerGender), CSVCell(r.Title), utcCell(r.PublishedUTC), CSVCell(r.Source))
	if err := c.w.Write(c.rec); err != nil {
		return fmt.Errorf("store: csv: %w", err)
	}
	return nil
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("store: csv: %w", err)
	}
	return nil
}

// CSVCell makes text safe to open in a spreadsheet: a cell that would start
// like a formula (=, +, -, @, a tab or a carriage return: "=HYPERLINK(…)" in a
// quote) gets a leading apostrophe, which spreadsheets show as text.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// utcCell is an instant for a CSV cell (RFC 3339 in UTC), "" for none.
func utcCell(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// parquetRowGroup is how many rows go in one Parquet row group: large enough for
// good compression, small enough to keep memory flat on big exports.
const parquetRowGroup = 50_000

// NewParquetWriter writes rows as a Parquet file (zstd-compressed) whose columns
// are QuoteColumns; absent values are nulls.
func NewParquetWriter(w io.Writer) (QuoteWriter, error) {
	pw := parquet.NewGenericWriter[QuoteRow](w, parquet.Compression(&parquet.Zstd))
	return &parquetWriter{w: pw, buf: make([]QuoteRow, 0, 1024)}, nil
}

type parquetWriter struct {
	w     *parquet.GenericWriter[QuoteRow]
	buf   []QuoteRow
	group int
}

func (p *parquetWriter) Write(r QuoteRow) error {
	p.buf = append(p.buf, r)
	if len(p.buf) == cap(p.buf) {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if _, err := p.w.Write(p.buf); err != nil {
		return fmt.Errorf("store: parquet: %w", err)
	}
	p.group += len(p.buf)
	p.buf = p.buf[:0]
	if p.group >= parquetRowGroup {
		p.group = 0
		if err := p.w.Flush(); err != nil {
			return fmt.Errorf("store: parquet: %w", err)
		}
	}
	return nil
}

func (p *parquetWriter) Close() error {
	if len(p.buf) > 0 {
		if err := p.flush(); err != nil {
			return err
		}
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("store: parquet: %w", err)
	}
	return nil
}
