package popfront

// PopFrontK copies rest correctly but hands back popped as a view of s, so appending
// to popped overwrites s[k] and popped keeps s's array alive.
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	k = min(max(k, 0), len(s))
	rest := make([]T, len(s)-k)
	copy(rest, s[k:])
	return s[:k], rest
}
