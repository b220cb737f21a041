package topk

// TopKFrequent picks the best remaining value k times by scanning all
// counts: correct, but O(k·d) for d distinct values.
func TopKFrequent(nums []int, k int) []int {
	count := make(map[int]int)
	for _, v := range nums {
		count[v]++
	}
	vals := make([]int, 0, len(count))
	for v := range count {
		vals = append(vals, v)
	}
	var res []int
	taken := make([]bool, len(vals))
	for len(res) < k && len(res) < len(vals) {
		best := -1
		for i, v := range vals {
			if taken[i] {
				continue
			}
			if best < 0 || count[v] > count[vals[best]] || count[v] == count[vals[best]] && v < vals[best] {
				best = i
			}
		}
		taken[best] = true
		res = append(res, vals[best])
	}
	return res
}
