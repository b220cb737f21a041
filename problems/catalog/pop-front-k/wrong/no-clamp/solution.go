package popfront

// PopFrontK handles k <= 0 but forgets to clamp k to len(s): s[:k] panics for k > len(s).
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	if k <= 0 {
		return nil, append([]T(nil), s...)
	}
	popped := append([]T(nil), s[:k]...)
	rest := append([]T(nil), s[k:]...)
	return popped, rest
}
