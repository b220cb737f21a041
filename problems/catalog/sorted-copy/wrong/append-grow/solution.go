package pit

import "slices"

// SortedCopy grows the copy one append at a time, reallocating as it goes.
func SortedCopy(in []int) []int {
	var out []int
	for _, v := range in {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}
