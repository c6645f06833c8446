// Package pipeline knows the order of the stages (source → extract → quote) and runs
// them over many documents on every core, delivering results in input order.
package pipeline
