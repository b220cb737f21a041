package rotate

import "slices"

// RotateLeft clamps k into [-n, n] instead of wrapping it around.
func RotateLeft[T any](s []T, k int) {
	n := len(s)
	if n == 0 {
		return
	}
	k = max(-n, min(k, n))
	if k < 0 {
		k += n
	}
	slices.Reverse(s[:k])
	slices.Reverse(s[k:])
	slices.Reverse(s)
}
