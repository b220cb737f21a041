package topk

import (
	"container/heap"
	"sort"
)

type item struct {
	word string
	freq int
}

// minHeap orders by frequency only, so among equal counts the heap evicts an arbitrary
// word, not the lexicographically largest one.
type minHeap []item

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i].freq < h[j].freq }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(item)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// TopK keeps the k best in a heap and sorts the survivors properly at the end; the
// wrong words may already have been evicted at a tie on the cut-off.
func TopK(words []string, k int) []string {
	if k <= 0 {
		return nil
	}
	count := make(map[string]int)
	for _, w := range words {
		count[w]++
	}
	h := &minHeap{}
	for w, c := range count {
		heap.Push(h, item{w, c})
		if h.Len() > k {
			heap.Pop(h)
		}
	}
	out := make([]string, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(item).word
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
