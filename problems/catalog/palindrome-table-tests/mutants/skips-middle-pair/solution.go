package palindrome

import (
	"unicode"
)

// Mutant "skips-middle-pair" of the correct IsPalindrome (see problem.toml).
func IsPalindrome(s string) bool {
	var rs []rune
	for _, r := range s {
		if keep(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	for i := 0; i < len(rs)/2-1; i++ {
		if rs[i] != rs[len(rs)-1-i] {
			return false
		}
	}
	return true
}

func keep(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
