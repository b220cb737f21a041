package kthlargest

import "container/heap"

type maxH []int

func (h maxH) Len() int           { return len(h) }
func (h maxH) Less(i, j int) bool { return h[i] > h[j] }
func (h maxH) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *maxH) Push(x any)        { *h = append(*h, x.(int)) }
func (h *maxH) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// FindKthLargest drops duplicates first, so it returns the k-th largest
// distinct value ([5 5 4], k = 2 gives 4 instead of 5).
func FindKthLargest(nums []int, k int) int {
	seen := make(map[int]bool, len(nums))
	var h maxH
	for _, v := range nums {
		if !seen[v] {
			seen[v] = true
			h = append(h, v)
		}
	}
	if k < 1 || k > len(h) {
		panic("k out of range")
	}
	heap.Init(&h)
	for range k - 1 {
		heap.Pop(&h)
	}
	return h[0]
}
