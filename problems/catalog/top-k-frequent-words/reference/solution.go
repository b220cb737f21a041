package topk

import "container/heap"

// TopK returns the k most frequent distinct words of words, most frequent first;
// words with equal counts are ordered by ascending Go string order (byte-wise, which for
// UTF-8 is code point order). It returns fewer than k words when there are fewer
// distinct words, and none when k <= 0. words is not modified.
//
// It counts with a map (O(n)) and keeps the best k candidates in a min-heap whose root
// is the worst of them (O(d log k) for d distinct words).
func TopK(words []string, k int) []string {
	if k <= 0 || len(words) == 0 {
		return nil
	}
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	k = min(k, len(counts))

	h := make(worstFirst, 0, k)
	for w, c := range counts {
		e := entry{w, c}
		if len(h) < k {
			heap.Push(&h, e)
		} else if better(e, h[0]) {
			h[0] = e
			heap.Fix(&h, 0)
		}
	}

	out := make([]string, len(h))
	for i := len(out) - 1; i >= 0; i-- { // the heap pops worst first
		out[i] = heap.Pop(&h).(entry).word
	}
	return out
}

type entry struct {
	word  string
	count int
}

// better reports whether a ranks before b: higher count, then smaller word.
func better(a, b entry) bool {
	if a.count != b.count {
		return a.count > b.count
	}
	return a.word < b.word
}

// worstFirst is a heap.Interface whose root is the lowest-ranked entry.
type worstFirst []entry

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return better(h[j], h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(entry)) }
func (h *worstFirst) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
