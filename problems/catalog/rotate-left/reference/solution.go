package rotate

import "slices"

// RotateLeft rotates s left by k positions in place: afterwards s[i] holds
// the element that was at s[(i+k) mod len(s)]. A negative k rotates right
// by -k. Empty and nil slices are left alone.
//
// It uses the three-reversal trick: O(len(s)) time, O(1) extra space.
func RotateLeft[T any](s []T, k int) {
	n := len(s)
	if n == 0 {
		return
	}
	k %= n // in (-n, n); safe even for math.MinInt
	if k < 0 {
		k += n
	}
	if k == 0 {
		return
	}
	slices.Reverse(s[:k])
	slices.Reverse(s[k:])
	slices.Reverse(s)
}
