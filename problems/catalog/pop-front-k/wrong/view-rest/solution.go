package popfront

// PopFrontK copies the popped elements but returns rest as a view into s:
// it shares (and keeps alive) s's whole backing array.
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	k = min(max(k, 0), len(s))
	popped := append([]T(nil), s[:k]...)
	return popped, s[k:]
}
