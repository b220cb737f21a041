package kthlargest

// FindKthLargest keeps the k largest values in a slice sorted in descending
// order and inserts each new value by shifting: O(n·k), fine for k = 3,
// hopeless for k = n/2 on a large input.
func FindKthLargest(nums []int, k int) int {
	if k < 1 || k > len(nums) {
		panic("k out of range")
	}
	top := make([]int, 0, k)
	for _, v := range nums {
		if len(top) == k && v <= top[k-1] {
			continue
		}
		if len(top) < k {
			top = append(top, v)
		} else {
			top[k-1] = v
		}
		for i := len(top) - 1; i > 0 && top[i] > top[i-1]; i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
	}
	return top[k-1]
}
