package anagrams

import "slices"

// GroupAnagrams sorts bytes instead of runes to build the key.
func GroupAnagrams(words []string) [][]string {
	var groups [][]string
	groupOf := make(map[string]int)
	for _, w := range words {
		b := []byte(w)
		slices.Sort(b)
		key := string(b)
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
