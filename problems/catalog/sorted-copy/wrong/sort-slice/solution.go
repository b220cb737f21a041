package pit

import "sort"

// SortedCopy copies once, but sort.Slice allocates (closure, reflection swapper).
func SortedCopy(in []int) []int {
	out := make([]int, len(in))
	copy(out, in)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
