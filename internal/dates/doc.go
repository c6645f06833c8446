// Package dates finds publication timestamps in the forms news sites print and
// resolves their local-time labels ("Jerusalem Timing", "CET", "ET", "GMT+3")
// through the embedded IANA time-zone database, daylight saving included.
package dates
