package pit

import "slices"

// SortedCopy "copies" by re-slicing, which shares the backing array with in.
func SortedCopy(in []int) []int {
	out := in[:len(in)]
	slices.Sort(out)
	return out
}
