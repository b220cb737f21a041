package pit

import "slices"

// SortedCopy should return a sorted copy of in and leave in unchanged.
//
// BUG: out shares its backing array with in, so sorting out also sorts
// (corrupts) the caller's slice. Fix it.
func SortedCopy(in []int) []int {
	out := in[:len(in)] // intention: copy
	slices.Sort(out)
	return out
}
