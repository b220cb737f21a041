package topk

import "sort"

// TopK breaks ties the wrong way round: larger words first.
func TopK(words []string, k int) []string {
	if k <= 0 {
		return nil
	}
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	keys := make([]string, 0, len(counts))
	for w := range counts {
		keys = append(keys, w)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] > keys[j]
	})
	if k > len(keys) {
		k = len(keys)
	}
	return keys[:k]
}
