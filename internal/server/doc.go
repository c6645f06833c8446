// Package server is the HTTP adapter over the corpus store: a JSON API under
// /api/v1/ (described by the embedded OpenAPI file it serves) and a web UI
// rendered on the server with html/template, its templates, stylesheet and
// script embedded in the binary.
//
// Article text is hostile input. Every page is rendered by html/template, which
// escapes each byte in its context; pages carry no inline script or style, and a
// strict Content-Security-Policy (default-src 'self') forbids anything else, so
// a script that slipped through could not run either. Request bodies are
// limited, connections have read, write and idle timeouts, and the server stops
// gracefully when its context is cancelled.
package server
