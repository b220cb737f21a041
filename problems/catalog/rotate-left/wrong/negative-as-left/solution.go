package rotate

// RotateLeft mistakes a negative k for a left rotation by |k|.
func RotateLeft[T any](s []T, k int) {
	n := len(s)
	if n == 0 {
		return
	}
	if k < 0 {
		k = -k
	}
	k %= n
	if k < 0 { // -math.MinInt overflows back to math.MinInt
		k += n
	}
	reverse(s[:k])
	reverse(s[k:])
	reverse(s)
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}
