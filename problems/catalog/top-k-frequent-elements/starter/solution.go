package topk

// TopKFrequent returns the k most frequent distinct values of nums, most
// frequent first, ties by ascending value. See the statement for k <= 0 and
// k larger than the number of distinct values.
func TopKFrequent(nums []int, k int) []int {
	// TODO: count each value in a map, then keep the k best (value, count)
	// pairs, e.g. in a container/heap ordered worst-first.
	return nil
}
