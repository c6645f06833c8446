// Package gold reads gold annotation files (NAME.gold.json beside NAME.txt or
// NAME.html, format in the shared spec/gold-format.md), for training and evaluation.
package gold
