package palindrome

import (
	"unicode"
)

// Mutant "empty-is-false" of the correct IsPalindrome (see problem.toml).
func IsPalindrome(s string) bool {
	var rs []rune
	for _, r := range s {
		if keep(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	if len(rs) == 0 {
		return false
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}

func keep(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
