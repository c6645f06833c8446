// Package text splits clean article text into tokens and sentences, keeping every
// token's offsets in Unicode code points (the contract's unit) and in bytes.
package text
