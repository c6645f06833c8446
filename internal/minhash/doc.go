// Package minhash finds near-duplicate texts: syndicated copies and re-crawls of
// one story whose words differ by a byline, a sentence or a correction. It is a
// pure helper of the store's deduplication stage: text in, numbers out.
//
// A text is the set of its word 5-shingles (runs of five consecutive words,
// case folded, punctuation ignored), each hashed with xxhash. Its signature is
// Hashes minimum hashes under as many random affine maps; two texts agree on a
// signature position with probability equal to the Jaccard similarity of their
// shingle sets. The signature is cut into Bands bands of Rows positions, and each
// band becomes one key: texts that share a band key are candidates (banded LSH),
// which the caller confirms with the exact Jaccard similarity of their shingles.
//
// With 20 bands of 6 rows a pair at Jaccard 0.8 shares a band with probability
// 0.998, a pair at 0.5 with 0.27, a pair at 0.3 with 0.015.
package minhash
