package topk

import "slices"

// TopKFrequent uses bucket sort by frequency into a result of length k; when
// there are fewer than k distinct values the tail stays 0.
func TopKFrequent(nums []int, k int) []int {
	if k <= 0 {
		return nil
	}
	count := make(map[int]int)
	for _, v := range nums {
		count[v]++
	}
	buckets := make([][]int, len(nums)+1) // buckets[f] = values seen f times
	for v, f := range count {
		buckets[f] = append(buckets[f], v)
	}
	res := make([]int, k)
	i := 0
	for f := len(nums); f > 0 && i < k; f-- {
		slices.Sort(buckets[f])
		for _, v := range buckets[f] {
			if i == k {
				break
			}
			res[i] = v
			i++
		}
	}
	return res
}
