package topk

import "container/heap"

// entry is a distinct value and how often it occurs.
type entry struct {
	val, freq int
}

// better reports whether a ranks before b: higher frequency first, then the
// smaller value.
func better(a, b entry) bool {
	if a.freq != b.freq {
		return a.freq > b.freq
	}
	return a.val < b.val
}

// worstFirst is a container/heap whose root is the lowest-ranked entry, so
// the k best entries can be kept by evicting the root.
type worstFirst []entry

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return better(h[j], h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(entry)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// TopKFrequent returns the k most frequent distinct values of nums, most
// frequent first, equal frequencies by ascending value. With k <= 0 it
// returns nothing; with k above the number of distinct values, all of them.
// nums is not modified.
//
// Counting is O(n); a heap of at most k entries ranks the d distinct values
// in O(d log k).
func TopKFrequent(nums []int, k int) []int {
	count := make(map[int]int)
	for _, v := range nums {
		count[v]++
	}
	k = min(k, len(count))
	if k <= 0 {
		return nil
	}
	h := make(worstFirst, 0, k)
	for v, f := range count {
		e := entry{v, f}
		switch {
		case len(h) < k:
			heap.Push(&h, e)
		case better(e, h[0]):
			h[0] = e
			heap.Fix(&h, 0)
		}
	}
	out := make([]int, len(h))
	for i := len(out) - 1; i >= 0; i-- { // the worst comes out first
		out[i] = heap.Pop(&h).(entry).val
	}
	return out
}
