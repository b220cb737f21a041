package palindrome

import (
	"unicode"
)

// Mutant "no-filter" of the correct IsPalindrome (see problem.toml).
func IsPalindrome(s string) bool {
	var rs []rune
	for _, r := range s {
		if keep(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}

func keep(r rune) bool {
	return true
}
