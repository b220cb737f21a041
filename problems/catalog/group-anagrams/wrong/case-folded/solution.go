package anagrams

import (
	"slices"
	"unicode"
)

// GroupAnagrams ignores case, so "Tea" and "eat" end up together.
func GroupAnagrams(words []string) [][]string {
	var groups [][]string
	groupOf := make(map[string]int)
	for _, w := range words {
		rs := []rune(w)
		for i, r := range rs {
			rs[i] = unicode.ToLower(r)
		}
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
