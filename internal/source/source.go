package source

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Format is what a document's body is.
type Format int

// Formats.
const (
	Unknown Format = iota
	Text
	HTML
)

// String names the format in lower case ("text", "html"), as the output's "format" field does.
func (f Format) String() string {
	switch f {
	case Text:
		return "text"
	case HTML:
		return "html"
	}
	return "unknown"
}

// Defaults used when the matching Options field is zero.
const (
	// DefaultMaxBytes is the largest document accepted: a file, a response, a
	// decompressed stream, one JSON Lines record or one record of a JSON array.
	DefaultMaxBytes int64 = 32 << 20
	// DefaultTimeout bounds one URL fetch, from the request to the last byte of the body.
	DefaultTimeout = 30 * time.Second
	// DefaultUserAgent is sent with every http(s) request so that a site knows who asks.
	DefaultUserAgent = "whosaid/0.1 (+https://github.com/whosaid/whosaid)"
)

// Document is one article as read, before extraction.
type Document struct {
	// Source names the document as the user gave it: the path or URL as on the
	// command line, "-" for standard input, a file found in a folder by its path
	// under that folder (joined to the folder as given), FILE:LINE for a JSON Lines record,
	// FILE#N for a WARC record, N its ordinal among all the file's records (warcinfo,
	// request and skipped records count too), from 1, and FILE#N for the Nth record of a
	// JSON array (a .json file holding one record is FILE).
	Source string
	// URL is the article's address when known (fetched URL, JSON Lines "url", WARC-Target-URI).
	URL string
	// Title and Published are what a container record says (JSON Lines "title",
	// "published" or "date"), raw; "" when it says nothing.
	Title     string
	Published string
	// SiteName is the outlet's name a JSON Lines record gives ("source":
	// {"name": …}, or a "site_name", "outlet", "publisher" or "source" string
	// that is no address); "" when it gives none.
	SiteName string
	Format   Format
	// Fetched is when the page was fetched, from a WARC record's WARC-Date; zero when unknown.
	Fetched time.Time
	// Body is the document's content in valid UTF-8 (decoded from its charset).
	Body []byte
}

// InputError is an input that could not be read; Error() is one line naming it and the reason.
type InputError struct {
	Source string
	Reason string
}

func (e *InputError) Error() string { return e.Source + ": " + e.Reason }

// Options tunes Read. The zero value is usable.
type Options struct {
	Stdin    io.Reader
	Client   *http.Client // for http(s) inputs; nil means a client with Timeout
	MaxBytes int64        // the largest document accepted; 0 means DefaultMaxBytes
	// Timeout bounds one fetch when Client is nil; 0 means DefaultTimeout.
	Timeout time.Duration
	// UserAgent is sent with http(s) requests; "" means DefaultUserAgent.
	UserAgent string
	// Skipped, when set, is called with each file found in a folder that is
	// not read because its name says it is no article ("report.pdf"); hidden
	// files and files that are not regular are passed over without a call.
	Skipped func(path string)
}

// Read reads the inputs in order (folders recursively, in lexical order) and calls fn
// with each document, or with an *InputError for each input or record that cannot be read.
// It stops early only when fn returns an error or ctx is done, and returns that error;
// a read waiting on standard input or on a pipe stops as soon as ctx is done.
//
// With an error, fn gets a Document whose only field set is Source.
func Read(ctx context.Context, inputs []string, opts Options, fn func(Document, error) error) error {
	r := newReader(ctx, opts, fn)
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.input(in); err != nil {
			return err
		}
	}
	return nil
}

// reader carries one Read call's settings; its methods return only fn's or ctx's error,
// reporting every input error through fn.
type reader struct {
	ctx       context.Context
	stdin     io.Reader
	client    *http.Client
	timeout   time.Duration
	max       int64
	userAgent string
	skipped   func(string)
	fn        func(Document, error) error
	buf       *bufio.Reader // reused from one input to the next
	emitted   int           // documents delivered
}

func newReader(ctx context.Context, opts Options, fn func(Document, error) error) *reader {
	r := &reader{ctx: ctx, stdin: opts.Stdin, client: opts.Client, max: opts.MaxBytes,
		userAgent: opts.UserAgent, skipped: opts.Skipped, fn: fn}
	if r.max <= 0 {
		r.max = DefaultMaxBytes
	}
	if r.userAgent == "" {
		r.userAgent = DefaultUserAgent
	}
	if r.client == nil {
		t := opts.Timeout
		if t <= 0 {
			t = DefaultTimeout
		}
		r.client = &http.Client{Timeout: t}
	}
	r.timeout = r.client.Timeout
	return r
}

// fail reports an input error; it returns fn's error.
func (r *reader) fail(src, reason string) error {
	return r.fn(Document{Source: src}, &InputError{Source: src, Reason: oneLine(reason)})
}

func (r *reader) emit(d Document) error {
	r.emitted++
	return r.fn(d, nil)
}

func (r *reader) input(in string) error {
	switch {
	case in == "-":
		if r.stdin == nil {
			return r.fail(in, "no standard input")
		}
		return r.document(stream{source: in, r: cancelable(r.ctx, r.stdin), size: -1})
	case hasScheme(in, "http://") || hasScheme(in, "https://"):
		return r.fetch(in)
	}
	fi, err := os.Stat(in)
	if err != nil {
		return r.fail(in, reasonOf(err))
	}
	if fi.IsDir() {
		return r.folder(in)
	}
	return r.file(in, false)
}

func hasScheme(s, scheme string) bool {
	return len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme)
}

// folder walks root in lexical order, taking the files that look like articles
// and skipping hidden files and folders.
func (r *reader) folder(root string) error {
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not descend into a symlinked root; a trailing separator makes it.
		walkRoot = root + string(filepath.Separator)
	}
	return filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if ferr := r.fail(p, reasonOf(err)); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != walkRoot && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		ok, sniff := articleName(d.Name())
		if !ok {
			if r.skipped != nil && (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0) {
				r.skipped(p)
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Follow links to files, never to folders (no loops).
			fi, err := os.Stat(p)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		return r.file(p, sniff)
	})
}

// FolderExtensions are the endings of the files a folder's walk reads (each
// also gzipped, ".gz" after it), besides files with no extension, which their
// content must show to be text or HTML. A ".json" file is read only when
// named on its own: in a folder, most are not articles.
var FolderExtensions = []string{".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc"}

// articleName says whether a file found in a folder may be an article, and whether
// only its content can tell (no extension).
func articleName(name string) (ok, sniff bool) {
	ext := filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz"))
	if ext == "" {
		return true, true
	}
	return slices.Contains(FolderExtensions, ext), false
}

// file reads one file; sniffOnly (a file without extension found in a folder) skips
// it silently unless its content looks like text or HTML.
func (r *reader) file(p string, sniffOnly bool) error {
	f, head, err := openInput(r.ctx, p)
	if err != nil {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		return r.fail(p, reasonOf(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return r.fail(p, reasonOf(err))
	}
	if fi.IsDir() {
		return r.fail(p, "is a directory")
	}
	size := int64(-1)
	var in io.Reader = f
	if fi.Mode().IsRegular() {
		size = fi.Size()
	} else {
		in = cancelable(r.ctx, f) // a named pipe, /dev/stdin, a shell's <(command)
		if len(head) > 0 {
			in = io.MultiReader(bytes.NewReader(head), in)
		}
	}
	return r.document(stream{source: p, name: filepath.Base(p), r: in, size: size, sniffOnly: sniffOnly})
}
