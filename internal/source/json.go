package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonLinesNamedJSON reports whether p, the start of a file named .json, is JSON
// Lines after all: its first line a whole JSON object with more after it, or
// an object's first line longer than p (a record holding a page, which one
// JSON object alone would rarely put on one line).
func jsonLinesNamedJSON(p []byte, eof bool) bool {
	p = trimStart(p)
	if len(p) == 0 || p[0] != '{' {
		return false
	}
	i := bytes.IndexByte(p, '\n')
	if i < 0 {
		return !eof
	}
	return json.Valid(bytes.TrimSuffix(p[:i], []byte("\r"))) && (!eof || len(bytes.TrimSpace(p[i+1:])) > 0)
}

// looksLikeJSON reports whether p, the start of a file named .json, is JSON: an
// array or an object, or (all of it in p) any JSON value.
func looksLikeJSON(p []byte, eof bool) bool {
	p = trimStart(p)
	return len(p) > 0 && (p[0] == '[' || p[0] == '{' || eof && json.Valid(p))
}

// errJSONTooLarge is budget's error once a JSON value outgrows the size limit.
var errJSONTooLarge = errors.New("source: JSON value too large")

// budget reads no more than limit bytes in all; json raises the limit before each value.
type budget struct {
	r        io.Reader
	n, limit int64
}

func (b *budget) Read(p []byte) (int, error) {
	if b.n >= b.limit {
		return 0, errJSONTooLarge
	}
	if int64(len(p)) > b.limit-b.n {
		p = p[:b.limit-b.n]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// json reads a JSON document (a .json file): an array of records, each what a JSON
// Lines record is and named src#N, N its place in the array from 1; or one record,
// named src. Anything else is one InputError. The array is read one record at a time,
// none kept beyond r.max bytes; a record that cannot be parsed as JSON ends the file.
func (r *reader) json(src string, br *bufio.Reader, gz bool) error {
	if p, _ := br.Peek(len(bomUTF8)); bytes.Equal(p, bomUTF8) {
		br.Discard(len(bomUTF8))
	}
	first := byte(0)
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return r.fail(src, "empty")
		}
		if err != nil {
			return r.readFailed(src, err, gz)
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			br.UnreadByte()
			first = c
			break
		}
	}
	lim := &budget{r: br, limit: r.max + 1}
	dec := json.NewDecoder(lim)
	// next reads the next value whole, allowing it r.max bytes from where it starts.
	next := func() (json.RawMessage, error) {
		lim.limit = dec.InputOffset() + r.max + 1
		var raw json.RawMessage
		err := dec.Decode(&raw)
		return raw, err
	}
	if first != '[' {
		raw, err := next()
		if err != nil {
			return r.jsonFailed(src, err, gz)
		}
		if first != '{' {
			return r.fail(src, "JSON, but neither an array of records nor a record: found "+jsonKind(raw))
		}
		d, reason := parseRecord(raw)
		if reason != "" {
			return r.fail(src, reason)
		}
		d.Source = src
		if err := r.emit(d); err != nil {
			return err
		}
		return r.jsonEnd(src, dec, "record", gz)
	}
	if _, err := dec.Token(); err != nil { // [
		return r.jsonFailed(src, err, gz)
	}
	n := 0
	for dec.More() {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		n++
		at := fmt.Sprintf("%s#%d", src, n)
		raw, err := next()
		if err != nil {
			return r.jsonFailed(at, err, gz)
		}
		if err := r.record(at, raw); err != nil {
			return err
		}
	}
	lim.limit = dec.InputOffset() + r.max + 1
	if _, err := dec.Token(); err != nil { // ]
		return r.jsonFailed(fmt.Sprintf("%s#%d", src, n+1), err, gz)
	}
	if n == 0 {
		if err := r.fail(src, "empty JSON array"); err != nil {
			return err
		}
	}
	return r.jsonEnd(src, dec, "array", gz)
}

// jsonEnd reports anything but white space after the document's value: in one line
// naming the file, what the decoder made of it left out.
func (r *reader) jsonEnd(src string, dec *json.Decoder, what string, gz bool) error {
	_, err := dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err == nil:
		return r.fail(src, "more than one JSON value (JSON Lines hold one record a line)")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return r.fail(src, "unexpected data after the "+what)
	}
	return r.jsonFailed(src, err, gz)
}

// jsonFailed reports an error of the JSON decoder, or of the stream it reads.
func (r *reader) jsonFailed(at string, err error, gz bool) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, errJSONTooLarge):
		return r.fail(at, "too large: more than "+megabytes(r.max))
	case errors.As(err, &se):
		return r.fail(at, fmt.Sprintf("invalid JSON: %s (at byte %d)", se.Error(), se.Offset))
	case !gz && (errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF):
		return r.fail(at, "invalid JSON: unexpected end of input")
	}
	return r.readFailed(at, err, gz)
}

// jsonKind names a JSON value's type for a message.
func jsonKind(raw json.RawMessage) string {
	switch c := bytes.TrimSpace(raw); {
	case len(c) == 0:
		return "nothing"
	case c[0] == '"':
		return "string"
	case c[0] == '{':
		return "object"
	case c[0] == '[':
		return "array"
	case c[0] == 't' || c[0] == 'f':
		return "boolean"
	case c[0] == 'n':
		return "null"
	}
	return "number"
}
