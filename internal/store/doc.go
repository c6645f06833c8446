// Package store keeps the quotation corpus: articles, their blocks, entities,
// speakers merged across articles with their aliases, quotes grouped into clusters,
// and full-text indexes over quote contents and article text. It is the storage
// adapter after the pipeline; nothing else in whosaid writes SQL.
//
// Store is the boundary: SQLite (embedded, pure Go, the default) implements it
// today, and a PostgreSQL implementation can take it later by passing the same
// contract test suite (see storetest_test.go, RunSuite).
//
// The contract every implementation keeps:
//   - SaveBatch stores a batch of articles in one transaction: all or none.
//   - An article is known by its URL when it has one, else by the hash of its
//     cleaned text; saving a known article again changes nothing.
//   - Speakers are merged across articles by canonical name. A speaker named only
//     by a surname ("Assad") joins the one speaker that has it as an alias; two
//     different full names that share a surname stay two speakers.
//   - The same quote content (lower-cased, punctuation and quote marks folded,
//     whitespace collapsed) by the same speaker is one cluster, with every
//     article that carried it.
//   - Search takes words in FTS5 syntax; a query that does not parse returns an
//     error wrapping ErrBadQuery, never a panic.
package store
