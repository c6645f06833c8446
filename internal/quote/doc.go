// Package quote is the quotation stage: it finds direct, indirect and mixed
// quotations in a clean article, their cues and their speakers, and resolves each
// speaker to the fullest name the article gives.
package quote
