package anagrams

import "slices"

// GroupAnagrams groups words made of the same multiset of runes.
// Groups appear in the order of their first word in the input, and each
// group lists its words (duplicates included) in input order.
// words itself is not modified.
func GroupAnagrams(words []string) [][]string {
	var groups [][]string
	groupOf := make(map[string]int, len(words)) // canonical key -> index in groups
	for _, w := range words {
		key := canonicalKey(w)
		i, ok := groupOf[key]
		if !ok {
			i = len(groups)
			groupOf[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], w)
	}
	return groups
}

// canonicalKey returns the runes of w in ascending code point order.
// Two words get the same key exactly when they are anagrams.
func canonicalKey(w string) string {
	rs := []rune(w)
	slices.Sort(rs)
	return string(rs)
}
