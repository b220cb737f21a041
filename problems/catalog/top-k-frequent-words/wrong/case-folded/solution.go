package topk

import (
	"slices"
	"strings"
)

// TopK lower-cases every word before counting, so "Go" and "go" are merged.
func TopK(words []string, k int) []string {
	if k <= 0 {
		return nil
	}
	counts := make(map[string]int)
	for _, w := range words {
		counts[strings.ToLower(w)]++
	}
	keys := make([]string, 0, len(counts))
	for w := range counts {
		keys = append(keys, w)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return keys[:min(k, len(keys))]
}
