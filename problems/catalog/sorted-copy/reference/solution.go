package pit

import "slices"

// SortedCopy returns a new slice holding the elements of in in ascending
// order. in is never modified, and the result shares no memory with it.
// It makes exactly one allocation for a non-empty input and none for an
// empty one.
func SortedCopy(in []int) []int {
	if len(in) == 0 {
		return nil
	}
	out := make([]int, len(in))
	copy(out, in)
	slices.Sort(out)
	return out
}
