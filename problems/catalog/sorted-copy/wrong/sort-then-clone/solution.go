package pit

import "slices"

// SortedCopy sorts first and copies afterwards: the caller's slice is reordered.
func SortedCopy(in []int) []int {
	slices.Sort(in)
	return slices.Clone(in)
}
