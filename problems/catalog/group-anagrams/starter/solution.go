package anagrams

// GroupAnagrams groups the words that are anagrams of each other.
// See the statement for the required order of groups and words.
func GroupAnagrams(words []string) [][]string {
	// TODO: give every word a canonical key and collect words per key.
	return nil
}
