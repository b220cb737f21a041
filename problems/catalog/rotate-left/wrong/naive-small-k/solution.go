package rotate

import "slices"

// RotateLeft is correct and allocation-free, but for a small shift it moves the whole
// slice one step at a time: O(n·k) instead of O(n). The tests pass; the benchmark does not.
func RotateLeft[T any](s []T, k int) {
	n := len(s)
	if n == 0 {
		return
	}
	k %= n
	if k < 0 {
		k += n
	}
	if k == 0 {
		return
	}
	if k < 64 {
		for ; k > 0; k-- {
			first := s[0]
			copy(s, s[1:])
			s[n-1] = first
		}
		return
	}
	slices.Reverse(s[:k])
	slices.Reverse(s[k:])
	slices.Reverse(s)
}
