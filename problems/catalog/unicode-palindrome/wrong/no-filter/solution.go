package palindrome

import "unicode"

// IsPalindrome lower-cases every rune but forgets to skip non-alphanumerics.
func IsPalindrome(s string) bool {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if unicode.ToLower(rs[i]) != unicode.ToLower(rs[j]) {
			return false
		}
	}
	return true
}
