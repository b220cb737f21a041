package pit

import "slices"

// SortedCopy appends in to the empty tail of in. When cap(in) >= 2*len(in)
// append reuses the caller's spare capacity instead of allocating.
func SortedCopy(in []int) []int {
	out := append(in[len(in):], in...)
	slices.Sort(out)
	return out
}
