package palindrome

// IsPalindrome reports whether s reads the same forwards and backwards,
// looking only at letters and digits and comparing them case-insensitively
// (see the statement for the exact rules).
func IsPalindrome(s string) bool {
	// TODO: walk the runes of s, skip what is not a letter or digit,
	// compare the rest with unicode.ToLower from both ends.
	return false
}
