// Package source is the first stage: it turns what the user names (files, folders,
// "-" for standard input, http(s) URLs, JSON Lines dumps, WARC files (plain or gzip), gzip of any of them) into
// documents, one per article, each with the raw body and what its container says of it.
// It decides the format by content as well as by name, and reports each input that
// cannot be read as an *InputError naming the input and the reason, so that the rest of
// a batch goes on.
package source
