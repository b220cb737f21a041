package rotate

// RotateLeft rotates s left by k positions in place (negative k rotates
// right). See the statement for the exact rules.
func RotateLeft[T any](s []T, k int) {
	// TODO: reduce k modulo len(s), then rearrange s without a second slice.
}
