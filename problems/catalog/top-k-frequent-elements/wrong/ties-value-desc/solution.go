package topk

import "slices"

type pair struct{ val, freq int }

// TopKFrequent breaks frequency ties by the larger value first.
func TopKFrequent(nums []int, k int) []int {
	count := make(map[int]int)
	for _, v := range nums {
		count[v]++
	}
	pairs := make([]pair, 0, len(count))
	for v, f := range count {
		pairs = append(pairs, pair{v, f})
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.freq != b.freq {
			return b.freq - a.freq
		}
		if a.val > b.val {
			return -1
		}
		return 1
	})
	var res []int
	for _, p := range pairs {
		if len(res) >= k {
			break
		}
		res = append(res, p.val)
	}
	return res
}
