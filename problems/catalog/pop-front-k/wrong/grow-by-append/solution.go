package popfront

// PopFrontK is correct, but builds both results one element at a time from nil
// slices: many reallocations instead of one allocation per result.
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	var popped, rest []T
	for i, v := range s {
		if i < k {
			popped = append(popped, v)
		} else {
			rest = append(rest, v)
		}
	}
	return popped, rest
}
