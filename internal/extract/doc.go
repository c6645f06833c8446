// Package extract is the second stage: it turns a source document into a clean
// article, choosing the HTML or the scraped-text path and merging what the
// document's container (a JSON Lines record, a fetch) says of its title, URL and time.
package extract
