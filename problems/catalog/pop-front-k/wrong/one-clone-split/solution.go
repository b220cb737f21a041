package popfront

import "slices"

// PopFrontK clones s once and splits the clone. Neither result aliases s, but popped
// and rest share one array: whichever the caller keeps pins the other's memory too.
func PopFrontK[T any](s []T, k int) ([]T, []T) {
	k = min(max(k, 0), len(s))
	c := slices.Clone(s)
	return c[:k:k], c[k:]
}
