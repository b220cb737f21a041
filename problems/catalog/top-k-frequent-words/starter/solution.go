package topk

// TopK returns the k most frequent words, most frequent first, ties in ascending
// string order. See the statement for the exact rules.
func TopK(words []string, k int) []string {
	// TODO: count every word, then pick the k best (count desc, word asc).
	return nil
}
