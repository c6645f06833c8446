// Package article holds whosaid's domain types: the clean article that the extract
// stage produces and the quote stage annotates, and its JSON form, which is fixed by
// the output contract (shared spec/output-contract.md). Offsets index Text in
// Unicode code points, end exclusive.
package article
