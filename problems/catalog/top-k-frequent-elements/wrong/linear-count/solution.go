package topk

import "slices"

type pair struct{ val, freq int }

// TopKFrequent counts with a slice of pairs and a linear search instead of
// a map: O(n·d) for d distinct values.
func TopKFrequent(nums []int, k int) []int {
	var counts []pair
	for _, v := range nums {
		i := slices.IndexFunc(counts, func(p pair) bool { return p.val == v })
		if i < 0 {
			counts = append(counts, pair{v, 1})
		} else {
			counts[i].freq++
		}
	}
	slices.SortFunc(counts, func(a, b pair) int {
		if a.freq != b.freq {
			return b.freq - a.freq
		}
		if a.val < b.val {
			return -1
		}
		return 1
	})
	var res []int
	for _, p := range counts {
		if len(res) >= k {
			break
		}
		res = append(res, p.val)
	}
	return res
}
