package topk

import "sort"

// TopKFrequent sorts by frequency only: values with equal counts come out in
// whatever order the map iteration produced.
func TopKFrequent(nums []int, k int) []int {
	count := make(map[int]int)
	for _, v := range nums {
		count[v]++
	}
	vals := make([]int, 0, len(count))
	for v := range count {
		vals = append(vals, v)
	}
	sort.Slice(vals, func(i, j int) bool { return count[vals[i]] > count[vals[j]] })
	if k <= 0 {
		return nil
	}
	return vals[:min(k, len(vals))]
}
