package popfront

// PopFrontK removes the first k elements of s and returns (popped, rest).
// Both results must be fresh copies: see the statement for the exact rules.
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	// TODO: clamp k to [0, len(s)], then copy s[:k] and s[k:] into new slices.
	return nil, nil
}
