package palindrome

import "unicode"

// IsPalindrome treats two runes as equal when they are in the same
// unicode.SimpleFold orbit, which is not the rule the statement asks for.
func IsPalindrome(s string) bool {
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if !sameFold(rs[i], rs[j]) {
			return false
		}
	}
	return true
}

func sameFold(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
