package rotate

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
	if k == n {
		return
	}
	for range k {
		first := s[0]
		copy(s, s[1:])
		s[n-1] = first
	}
}
