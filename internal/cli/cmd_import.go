package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/whosaid/whosaid/internal/article"
	"github.com/whosaid/whosaid/internal/source"
	"github.com/whosaid/whosaid/internal/store"
)

func runImport(ctx context.Context, args []string, env Env) int {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	flags.SetOutput(env.Stderr)
	db := flags.String("db", defaultDB, "the store (an SQLite file, created if needed)")
	format := flags.String("format", "jsonl", "input: jsonl (the extract contract, as export writes it) or citron (JSON annotation files)")
	batch := flags.Int("batch", 200, "articles saved per transaction")
	outlet := flags.String("outlet", "", "the outlet of every article imported (default: a URL's host, else its site_name, else the folder of its source)")
	flags.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: whosaid import [flags] FILE...\n\nSaves articles with their quotes as they are, without extracting again; known articles\nare skipped. FILE is a file, \"-\" for standard input, or for citron a folder of .json files.\n\nFlags:\n")
		flags.PrintDefaults()
	}
	paths, code, ok := parseArgs(flags, args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.Stderr, "whosaid import: no input given (a file, or - for standard input)")
		return ExitUsage
	}
	if *format != "jsonl" && *format != "citron" {
		fmt.Fprintf(env.Stderr, "whosaid import: --format %q: want jsonl or citron\n", *format)
		return ExitUsage
	}
	if *batch < 1 {
		fmt.Fprintln(env.Stderr, "whosaid import: --batch must be at least 1")
		return ExitUsage
	}
	if code, ok := checkOutlet(env, "import", outlet); !ok {
		return code
	}
	created := !exists(*db)
	st, err := store.OpenSQLite(ctx, *db)
	if err != nil {
		fmt.Fprintln(env.Stderr, "whosaid import:", err)
		return ExitFailed
	}
	defer st.Close()

	im := importer{st: st, size: *batch, ctx: context.WithoutCancel(ctx), start: time.Now(), origin: store.Origin{Outlet: *outlet}}
	var runErr error
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		if *format == "jsonl" {
			runErr = im.jsonl(ctx, p, env)
		} else {
			runErr = im.citron(ctx, p, env)
		}
		if runErr != nil {
			break
		}
	}
	if err := im.flush(); err != nil && runErr == nil {
		runErr = err
	}
	head, nerr := summaryHead(ctx, "imported", runErr, im.failed)
	fmt.Fprintf(env.Stdout, "%s %d new article(s) (%s%s), %d quote(s), %d error(s) in %s into %s\n",
		head, im.total.Articles, im.total.KnownNote(), im.total.OutletNote(), im.total.Quotes, nerr, time.Since(im.start).Round(time.Millisecond), *db)
	changedNotice(env, "import", im.total, "")
	dropEmptyStore(env, "import", *db, st, created, im.total.Articles+im.total.Copies, runErr != nil || im.failed > 0)
	return savedStatus(ctx, env, "import", runErr, im.failed, "record(s)")
}

// exists reports whether a file is at path.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// changedNotice says which known articles came with a text other than the
// one stored at their URL (why, when given, says what that may be): a
// correction is kept out of the store, not lost silently.
func changedNotice(env Env, cmd string, st store.BatchStats, why string) {
	if st.Changed == 0 {
		return
	}
	fmt.Fprintf(env.Stderr, "whosaid %s: %d known article(s) came with a text other than the one stored at their URL%s, which is kept (whosaid does not replace a stored article yet): %s%s\n",
		cmd, st.Changed, why, strings.Join(st.ChangedURLs, ", "), andMore(st.Changed, len(st.ChangedURLs)))
}

// dropEmptyStore removes the store a command made when it stored nothing and
// something failed (a wrong --format, only bad inputs), so that no empty
// store is left behind, and says so. A store that was there before stays.
func dropEmptyStore(env Env, cmd, path string, st *store.SQLite, created bool, stored int, failed bool) {
	if !created || stored > 0 || !failed || path == "" {
		return
	}
	// Empty for everyone: another writer may have saved into it meanwhile.
	if c, err := st.Counts(context.Background()); err != nil || c.Articles > 0 || c.Copies > 0 {
		return
	}
	if err := st.Close(); err != nil {
		return
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	fmt.Fprintf(env.Stderr, "whosaid %s: nothing was stored: the empty store %s it had made is removed\n", cmd, path)
}

// importer saves articles in batches, one transaction each.
type importer struct {
	st      store.Store
	size    int
	ctx     context.Context // for saving: a batch under way is committed even after Ctrl-C
	start   time.Time
	pending []*article.Article
	// outlets are the outlet each pending article's record names (an
	// export's "outlet"), "" for none.
	outlets []string
	failed  int
	total   store.BatchStats
	origin  store.Origin // --outlet
}

func (im *importer) add(a *article.Article, outlet string) error {
	im.pending = append(im.pending, a)
	im.outlets = append(im.outlets, outlet)
	if len(im.pending) >= im.size {
		return im.flush()
	}
	return nil
}

func (im *importer) flush() error {
	if len(im.pending) == 0 {
		return nil
	}
	ps := store.PrepareAll(im.pending, im.origin)
	// An export's articles go back under the outlets they were filed under,
	// unless --outlet names one.
	for i, p := range ps {
		if im.origin.Outlet == "" && im.outlets[i] != "" {
			p.Origin.Outlet = im.outlets[i]
		}
	}
	bs, err := im.st.SavePrepared(im.ctx, ps)
	if err != nil {
		return err
	}
	im.total.Add(bs)
	im.pending, im.outlets = im.pending[:0], im.outlets[:0]
	return nil
}

// bad reports one record or file that could not be imported.
func (im *importer) bad(env Env, at string, reason any) {
	im.failed++
	fmt.Fprintf(env.Stderr, "whosaid import: %s: %s\n", at, oneLineReason(fmt.Sprint(reason)))
}

// oneLineReason keeps a reason on one line, whatever bytes an input put in it.
func oneLineReason(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}

// importSniff is how much of an input's start decides whether it is binary
// and which of our two JSON forms it holds.
const importSniff = 64 << 10

// importInput is one opened input, decompressed when it is gzip (recognised
// by its magic bytes, as internal/source does for extract and ingest).
type importInput struct {
	*bufio.Reader
	gz      bool
	closers []io.Closer
}

func (in *importInput) Close() {
	for i := len(in.closers) - 1; i >= 0; i-- {
		in.closers[i].Close()
	}
}

// openImport opens p ("-" is standard input) or says in a few words why it
// cannot be imported: unreadable, empty, binary. Its reads of a pipe
// (standard input, a named pipe) end with ctx's error once ctx is done: the
// caller tells that from a bad input by ctx.Err().
func openImport(ctx context.Context, p string, env Env) (*importInput, string) {
	var r io.Reader = env.Stdin
	var f io.Closer = io.NopCloser(env.Stdin) // standard input stays open
	if p != "-" {
		file, err := os.Open(p)
		if err != nil {
			return nil, source.Reason(err, false)
		}
		r, f = file, file
	}
	in := &importInput{closers: []io.Closer{f}, Reader: bufio.NewReaderSize(source.Cancelable(ctx, r), 1<<20)}
	fail := func(reason string) (*importInput, string) {
		in.Close()
		return nil, reason
	}
	head, err := in.Peek(2)
	if err != nil && err != io.EOF {
		return fail(source.Reason(err, false))
	}
	in.gz = len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b
	if !in.gz && len(head) > 0 && strings.HasSuffix(strings.ToLower(p), ".gz") {
		return fail("corrupt gzip data: no gzip header")
	}
	if in.gz {
		zr, err := gzip.NewReader(in.Reader)
		if err != nil {
			return fail(source.Reason(err, true))
		}
		in.closers = append(in.closers, zr)
		in.Reader = bufio.NewReaderSize(zr, 1<<20)
	}
	peek, err := in.Peek(importSniff)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fail(source.Reason(err, in.gz))
	}
	if err == io.EOF && len(bytes.TrimSpace(bytes.TrimPrefix(peek, []byte("\ufeff")))) == 0 {
		return fail("empty")
	}
	if source.IsBinary(peek) {
		return fail("binary data, not JSON")
	}
	return in, ""
}

// Which of our two JSON forms an input holds, from its first object.
const (
	shapeUnknown = iota
	shapeContract
	shapeCitron
)

// shapeOf looks at the keys of the first JSON object in p (which may be cut
// short) and of the objects in its "quotes": citron quotes have "contents"
// and "sources", contract quotes "spans"; a contract article has "blocks",
// which a citron document has only with our extension ("whosaid").
func shapeOf(p []byte) int {
	type frame struct {
		obj     bool
		wantKey bool
		key     string
	}
	top, quote := map[string]bool{}, map[string]bool{}
	decide := func() int {
		switch {
		case top["coreference_groups"] || top["whosaid"] || quote["contents"] || quote["sources"]:
			return shapeCitron
		case quote["spans"] || top["blocks"]:
			return shapeContract
		}
		return shapeUnknown
	}
	dec := json.NewDecoder(bytes.NewReader(p))
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return decide()
		}
		if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
			if len(stack) == 0 && d != '{' {
				return shapeUnknown
			}
			stack = append(stack, frame{obj: d == '{', wantKey: d == '{'})
			continue
		}
		if _, ok := tok.(json.Delim); ok { // the end of an object or array
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return decide()
			}
		} else if f := &stack[len(stack)-1]; f.obj && f.wantKey {
			f.key, f.wantKey = tok.(string), false
			switch {
			case len(stack) == 1:
				top[f.key] = true
			case len(stack) == 3 && stack[0].key == "quotes" && !stack[1].obj:
				quote[f.key] = true
			}
			continue
		}
		// A value ended: its object now wants a key.
		if f := &stack[len(stack)-1]; f.obj {
			f.wantKey = true
		}
	}
}

// startsObject reports whether p, after white space and a byte order mark,
// starts with a JSON object: both our formats do, and a file that does not is
// reported once rather than line by line.
func startsObject(p []byte) bool {
	p = bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(p, " \t\r\n"), []byte("\ufeff")), " \t\r\n")
	return len(p) > 0 && p[0] == '{'
}

// jsonl imports one article object per line; a bad line is reported and skipped.
func (im *importer) jsonl(ctx context.Context, p string, env Env) error {
	in, reason := openImport(ctx, p, env)
	if ctx.Err() != nil { // interrupted, not a bad input
		if in != nil {
			in.Close()
		}
		return nil
	}
	if reason != "" {
		im.bad(env, p, reason)
		return nil
	}
	defer in.Close()
	peek, _ := in.Peek(importSniff)
	if !startsObject(peek) {
		im.bad(env, p, "not JSON Lines: the file does not start with a JSON object")
		return nil
	}
	if shapeOf(peek) == shapeCitron {
		im.bad(env, p, "looks like citron JSON; use --format citron")
		return nil
	}
	records := 0
	for n := 1; ctx.Err() == nil; n++ {
		line, err := in.ReadBytes('\n')
		if ctx.Err() != nil { // interrupted: a line cut short is not a bad record
			return nil
		}
		if err != nil && err != io.EOF {
			im.bad(env, p+":"+strconv.Itoa(n), source.Reason(err, in.gz))
			return nil
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(line)) > 0 {
			records++
			at := p + ":" + strconv.Itoa(n)
			if bytes.IndexByte(line, 0) >= 0 {
				im.bad(env, at, "binary data, not JSON; the rest of the file is skipped")
				return nil
			}
			a, outlet, reason := parseArticle(line)
			if reason != "" {
				im.bad(env, at, reason)
			} else {
				if a.Source == "" {
					a.Source = at
				}
				if err := im.add(a, outlet); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	if records == 0 && ctx.Err() == nil {
		im.bad(env, p, "empty")
	}
	return nil
}

// parseArticle reads one contract article and the outlet an export filed it
// under ("" for none), or says why it cannot.
func parseArticle(line []byte) (*article.Article, string, string) {
	var a article.Article
	if err := json.Unmarshal(line, &a); err != nil {
		return nil, "", jsonReason(err)
	}
	// The outlet an export filed it under, read only when the line has one
	// (most contract records do not).
	var outlet string
	if bytes.Contains(line, []byte(`"outlet"`)) {
		var rec struct {
			Outlet any `json:"outlet"`
		}
		json.Unmarshal(line, &rec)
		outlet, _ = rec.Outlet.(string)
	}
	if a.Blocks == nil {
		a.Blocks = []article.Block{}
	}
	if a.Entities == nil {
		a.Entities = []article.Entity{}
	}
	if a.Quotes == nil {
		a.Quotes = []article.Quote{}
	}
	if reason := checkArticle(&a); reason != "" {
		return nil, "", reason
	}
	return &a, outlet, ""
}

// jsonReason says in a user's words why JSON could not be read as an article:
// where the syntax breaks, or which field holds the wrong kind of value.
func jsonReason(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON at byte %d: %s", se.Offset, se.Error())
	case errors.As(err, &te):
		if te.Field == "" {
			return fmt.Sprintf("a JSON %s, not an article object", te.Value)
		}
		return fmt.Sprintf("field %q is a JSON %s, want %s", te.Field, te.Value, jsonKind(te.Type))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "not valid JSON: cut short"
	}
	return "not valid JSON: " + err.Error()
}

// jsonKind names the JSON value a Go type is read from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// checkArticle says why the store must not take a, or "" when it may. It
// fills in a missing id. The id is the contract's (the first 16 hex digits of
// the SHA-256 of the text, as extract and export write it): the store knows
// articles by it, so an id that is not the text's would pass a new article
// off as a known one.
func checkArticle(a *article.Article) string {
	if strings.TrimSpace(a.Text) == "" {
		return "article has no text"
	}
	if r := checkDates(a); r != "" {
		return r
	}
	text, title := []rune(a.Text), []rune(a.Title)
	n, nt := len(text), len(title)
	out := func(what string, start, end, n int, of string) string {
		switch {
		case end < start:
			return fmt.Sprintf("%s ends (%d) before it starts (%d)", what, end, start)
		case start < 0 || end > n:
			return fmt.Sprintf("%s (%d to %d) out of range of the %s (%d characters)", what, start, end, of, n)
		}
		return ""
	}
	// said checks that words given with their offsets are the words there.
	said := func(what, words string, start, end int, in []rune, of string) string {
		if r := out(what, start, end, len(in), of); r != "" {
			return r
		}
		if got := string(in[start:end]); got != words {
			return fmt.Sprintf("%s %q is not the %s at %d to %d (%q)", what, words, of, start, end, got)
		}
		return ""
	}
	for i, b := range a.Blocks {
		if b.Kind != article.Paragraph && b.Kind != article.Heading && b.Kind != article.Caption {
			return fmt.Sprintf("block %d: kind %q, want paragraph, heading or caption", i+1, b.Kind)
		}
		if r := out("block "+strconv.Itoa(i+1)+" span", b.Start, b.End, n, "text"); r != "" {
			return r
		}
	}
	ents := map[string]bool{}
	for _, e := range a.Entities {
		switch {
		case e.ID == "":
			return "an entity has no id"
		case ents[e.ID]:
			return fmt.Sprintf("entity id %q given twice", e.ID)
		}
		ents[e.ID] = true
		for _, m := range e.Mentions {
			if r := said("entity "+e.ID+": mention", m.Text, m.Start, m.End, text, "text"); r != "" {
				return r
			}
		}
	}
	quotes := map[string]bool{}
	for _, q := range a.Quotes {
		switch {
		case q.ID == "":
			return "a quote has no id"
		case quotes[q.ID]:
			return fmt.Sprintf("quote id %q given twice", q.ID)
		}
		quotes[q.ID] = true
	}
	for _, q := range a.Quotes {
		at := "quote " + q.ID + ": "
		if q.Kind != article.Direct && q.Kind != article.Indirect && q.Kind != article.Mixed {
			return fmt.Sprintf("%skind %q, want direct, indirect or mixed", at, q.Kind)
		}
		limit, of, in := n, "text", text
		switch q.Where {
		case "":
		case "title":
			limit, of, in = nt, "title", title
		default:
			return fmt.Sprintf("%swhere %q, want title or nothing", at, q.Where)
		}
		for _, s := range q.Spans {
			if r := out(at+"span", s.Start, s.End, limit, of); r != "" {
				return r
			}
		}
		if q.Cue != nil {
			if r := said(at+"cue", q.Cue.Text, q.Cue.Start, q.Cue.End, in, of); r != "" {
				return r
			}
		}
		sp := q.Speaker
		switch {
		case (sp.Start == nil) != (sp.End == nil):
			return at + "speaker has a start without an end, or an end without a start"
		case sp.Start != nil && sp.Mention == nil:
			return at + "speaker has offsets but no mention"
		case sp.Start != nil:
			if r := said(at+"speaker mention", *sp.Mention, *sp.Start, *sp.End, in, of); r != "" {
				return r
			}
		}
		if sp.Entity != nil && !ents[*sp.Entity] {
			return fmt.Sprintf("%sspeaker entity %q is not among the entities", at, *sp.Entity)
		}
		if q.EmbeddedIn != nil && (!quotes[*q.EmbeddedIn] || *q.EmbeddedIn == q.ID) {
			return fmt.Sprintf("%sembedded in %q, which is not another quote of the article", at, *q.EmbeddedIn)
		}
		if strings.TrimSpace(q.Content) == "" {
			return at + "no content (neither content nor content spans)"
		}
		if math.IsNaN(q.Confidence) || q.Confidence < 0 || q.Confidence > 1 {
			return fmt.Sprintf("%sconfidence %g, want 0 to 1", at, q.Confidence)
		}
	}
	sum := sha256.Sum256([]byte(a.Text))
	id := hex.EncodeToString(sum[:])[:16]
	switch a.ID {
	case "":
		a.ID = id
	case id:
	default:
		return fmt.Sprintf("id %q does not match the text (its id is %s, the first 16 hex digits of its SHA-256)", a.ID, id)
	}
	return ""
}

// The shapes of the contract's times: published is RFC 3339 with its offset
// (a "Z" for UTC), published_local a wall clock or a day, with no offset.
var (
	rfc3339Shape   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-5][0-9])$`)
	wallClockShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?$`)
)

// maxOffset is the widest UTC offset a time zone uses (Kiribati, +14:00).
const maxOffset = 14 * 60 * 60

// checkDates says why an article's times are not the contract's, "" when they
// are: the store would keep them as given, export them so, and leave the
// article out of every search by date. An empty one is taken for unknown.
func checkDates(a *article.Article) string {
	if a.Published != nil && *a.Published == "" {
		a.Published = nil
	}
	if a.PublishedLocal != nil && *a.PublishedLocal == "" {
		a.PublishedLocal = nil
	}
	if p := a.Published; p != nil {
		t, err := time.Parse(time.RFC3339, *p)
		if !rfc3339Shape.MatchString(*p) || err != nil {
			return fmt.Sprintf("published %q is not an RFC 3339 time of a real date (2006-01-02T15:04:05+02:00, or Z for UTC)", *p)
		}
		if _, off := t.Zone(); off < -maxOffset || off > maxOffset {
			return fmt.Sprintf("published %q: the offset is beyond ±14:00", *p)
		}
	}
	if p := a.PublishedLocal; p != nil {
		layout := "2006-01-02"
		if len(*p) > len(layout) {
			layout = "2006-01-02T15:04:05"
		}
		if _, err := time.Parse(layout, *p); !wallClockShape.MatchString(*p) || err != nil {
			return fmt.Sprintf("published_local %q is not a wall clock of a real date without offset (2006-01-02T15:04:05, or 2006-01-02)", *p)
		}
	}
	return ""
}

// citron imports a citron file (one document, or one per line) or a folder of them.
func (im *importer) citron(ctx context.Context, p string, env Env) error {
	var files []string
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isCitronFile(path) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			im.bad(env, p, source.Reason(err, false))
			return nil
		}
		if len(files) == 0 {
			im.bad(env, p, "no .json files in this folder")
			return nil
		}
		sort.Strings(files)
	} else {
		files = []string{p}
	}
	for _, file := range files {
		if ctx.Err() != nil {
			return nil
		}
		in, reason := openImport(ctx, file, env)
		if ctx.Err() != nil { // interrupted, not a bad input
			if in != nil {
				in.Close()
			}
			return nil
		}
		if reason != "" {
			im.bad(env, file, reason)
			continue
		}
		data, err := io.ReadAll(in)
		gz := in.gz
		in.Close()
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			im.bad(env, file, source.Reason(err, gz))
			continue
		}
		if len(bytes.TrimSpace(data)) == 0 {
			im.bad(env, file, "empty")
			continue
		}
		if !startsObject(data) {
			im.bad(env, file, "not citron JSON: the file does not start with a JSON object")
			continue
		}
		if shapeOf(data[:min(len(data), importSniff)]) == shapeContract {
			im.bad(env, file, "looks like JSON Lines of articles (as extract and export write them); use --format jsonl")
			continue
		}
		if err := im.citronDocs(file, data, env); err != nil {
			return err
		}
	}
	return nil
}

// citronDocs imports the citron documents of one file: a single document
// (indented or not), or one per line. A bad line of the latter is reported
// with its number and the others go on.
func (im *importer) citronDocs(file string, data []byte, env Env) error {
	type doc struct {
		at  string
		doc *store.CitronDocument
	}
	var docs []doc
	first, _, _ := bytes.Cut(bytes.TrimSpace(data), []byte("\n"))
	if perLine := json.Valid(first) && len(first) < len(bytes.TrimSpace(data)); perLine {
		for n, line := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			at := file + ":" + strconv.Itoa(n+1)
			d := &store.CitronDocument{}
			if err := json.Unmarshal(line, d); err != nil {
				im.bad(env, at, jsonReason(err))
				continue
			}
			docs = append(docs, doc{at, d})
		}
	} else {
		ds, err := store.ReadCitron(data)
		if err != nil { // the documents before the bad one are imported
			im.bad(env, file, "document "+strconv.Itoa(len(ds)+1)+": "+jsonReason(err))
		}
		for i, d := range ds {
			at := file
			if len(ds) > 1 {
				at += "#" + strconv.Itoa(i+1)
			}
			docs = append(docs, doc{at, d})
		}
	}
	for _, d := range docs {
		a, err := store.FromCitron(d.doc, d.at)
		if err != nil {
			im.bad(env, d.at, strings.TrimPrefix(err.Error(), "store: citron "+d.at+": "))
			continue
		}
		if reason := checkArticle(a); reason != "" {
			im.bad(env, d.at, reason)
			continue
		}
		if err := im.add(a, ""); err != nil {
			return err
		}
	}
	return nil
}
