package anagrams

import "slices"

// GroupAnagrams skips a word it has already seen.
func GroupAnagrams(words []string) [][]string {
	var groups [][]string
	groupOf := make(map[string]int)
	seen := make(map[string]bool)
	for _, w := range words {
		if seen[w] {
			continue
		}
		seen[w] = true
		rs := []rune(w)
		slices.Sort(rs)
		key := string(rs)
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
