package popfront

// PopFrontK splits off the first k elements of s.
//
// It returns popped (the first min(max(k, 0), len(s)) elements) and rest (the
// elements after them), both in their original order. Each result is copied
// into a freshly allocated array of just the needed size, so neither result
// shares memory with s or with the other: holding on to rest does not keep
// s's backing array (or the popped elements) alive. s is not modified.
// An empty result is nil.
func PopFrontK[T any](s []T, k int) (popped, rest []T) {
	k = min(max(k, 0), len(s))
	return clone(s[:k]), clone(s[k:])
}

// clone copies s into a new array with len == cap; nil when s is empty.
func clone[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := make([]T, len(s))
	copy(out, s)
	return out
}
