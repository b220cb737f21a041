package popfront

// PopFrontK believes a full slice expression "trims" the capacity. It limits cap, but
// both results still point into s's array, so the GC cannot free it.
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	k = min(max(k, 0), len(s))
	return s[:k:k], s[k:len(s):len(s)]
}
