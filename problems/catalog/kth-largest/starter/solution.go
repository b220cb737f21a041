package kthlargest

// FindKthLargest returns the k-th largest element of nums (k = 1 is the
// maximum). It panics unless 1 <= k <= len(nums). See the statement.
func FindKthLargest(nums []int, k int) int {
	// TODO: keep the k largest values seen so far in a min-heap
	// (container/heap); its root is the answer.
	return 0
}
