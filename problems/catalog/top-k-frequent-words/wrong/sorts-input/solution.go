package topk

import "slices"

// TopK counts without a map by sorting the input in place and measuring runs of equal
// words. The ranking is right, but the caller's slice comes back reordered.
func TopK(words []string, k int) []string {
	if k <= 0 {
		return nil
	}
	slices.Sort(words)
	type run struct {
		word  string
		count int
	}
	var runs []run
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j] == words[i] {
			j++
		}
		runs = append(runs, run{words[i], j - i})
		i = j
	}
	slices.SortStableFunc(runs, func(a, b run) int { return b.count - a.count })
	out := make([]string, 0, min(k, len(runs)))
	for _, r := range runs[:min(k, len(runs))] {
		out = append(out, r.word)
	}
	return out
}
