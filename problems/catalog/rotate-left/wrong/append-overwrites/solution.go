package rotate

// RotateLeft builds the rotated order with append and copies it back.
// append(s[k:], ...) reuses spare capacity behind s when there is some.
func RotateLeft[T any](s []T, k int) {
	n := len(s)
	if n == 0 {
		return
	}
	k %= n
	if k < 0 {
		k += n
	}
	copy(s, append(s[k:], s[:k]...))
}
