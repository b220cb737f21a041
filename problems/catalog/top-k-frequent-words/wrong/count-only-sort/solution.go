package topk

import "sort"

// TopK sorts by count only. Keys come out of the map in random order and sort.Slice is
// not stable, so words with equal counts come back in an arbitrary order.
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
	sort.Slice(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	if k > len(keys) {
		k = len(keys)
	}
	return keys[:k]
}
