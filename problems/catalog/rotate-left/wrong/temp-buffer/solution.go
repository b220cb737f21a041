package rotate

// RotateLeft produces the right order but needs O(n) extra memory.
func RotateLeft[T any](s []T, k int) {
	n := len(s)
	if n == 0 {
		return
	}
	k %= n
	if k < 0 {
		k += n
	}
	tmp := make([]T, n)
	copy(tmp, s[k:])
	copy(tmp[n-k:], s[:k])
	copy(s, tmp)
}
