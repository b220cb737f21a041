package kthlargest

import (
	"container/heap"
	"fmt"
)

// minHeap is a container/heap min-heap of ints: h[0] is the smallest.
type minHeap []int

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// FindKthLargest returns the k-th largest element of nums (k = 1 is the
// maximum; equal values count separately). It panics unless
// 1 <= k <= len(nums). nums is not modified.
//
// A min-heap holds the k largest values seen so far; its root is the k-th
// largest of them. A new value larger than the root replaces it. O(n log k)
// time, O(k) extra space.
func FindKthLargest(nums []int, k int) int {
	if k < 1 || k > len(nums) {
		panic(fmt.Sprintf("FindKthLargest: k = %d out of range [1, %d]", k, len(nums)))
	}
	h := make(minHeap, k)
	copy(h, nums[:k])
	heap.Init(&h)
	for _, v := range nums[k:] {
		if v > h[0] {
			h[0] = v
			heap.Fix(&h, 0)
		}
	}
	return h[0]
}
