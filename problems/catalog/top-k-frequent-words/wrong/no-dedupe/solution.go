package topk

import (
	"slices"
	"strings"
)

// TopK sorts a copy of the input words by (count desc, word asc) and takes the first k,
// forgetting that a frequent word then appears once per occurrence.
func TopK(words []string, k int) []string {
	if k <= 0 {
		return nil
	}
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	sorted := slices.Clone(words)
	slices.SortFunc(sorted, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return sorted[:min(k, len(sorted))]
}
