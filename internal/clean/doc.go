// Package clean is the craft of the extract stage: it turns scraped plain text into a
// draft article (timestamp line, doubled headline and lead, glued image captions,
// sub-headings, bylines, boilerplate) and cleans the blocks that any extractor produces.
package clean
