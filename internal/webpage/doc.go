// Package webpage extracts a draft article from an HTML page: its main content as
// blocks (go-trafilatura's, kept where readeck go-readability agrees), its title,
// and its publication time with offset (JSON-LD, meta tags, <time>, go-htmldate),
// or as a local time when the page prints none.
// It is part of the extract stage; it does no I/O.
package webpage
