package palindrome

import (
	"unicode"
)

// Mutant "bytes-reversed" of the correct IsPalindrome (see problem.toml).
func IsPalindrome(s string) bool {
	var rs []rune
	for _, r := range s {
		if keep(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	b := []byte(string(rs))
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		if b[i] != b[j] {
			return false
		}
	}
	return true
}

func keep(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
