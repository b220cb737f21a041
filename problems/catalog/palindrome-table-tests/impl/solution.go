package palindrome

import (
	"unicode"
	"unicode/utf8"
)

// IsPalindrome reports whether s reads the same forwards and backwards,
// considering only letters and digits, each mapped through unicode.ToLower.
//
// It keeps two byte offsets and decodes runes in place from both ends, so
// it runs in O(len(s)) time without allocating.
func IsPalindrome(s string) bool {
	i, j := 0, len(s) // s[i:j] is the part not yet examined
	for i < j {
		a, na := utf8.DecodeRuneInString(s[i:j])
		if !keep(a) {
			i += na
			continue
		}
		b, nb := utf8.DecodeLastRuneInString(s[i:j])
		if !keep(b) {
			j -= nb
			continue
		}
		if unicode.ToLower(a) != unicode.ToLower(b) {
			return false
		}
		i += na
		j -= nb
	}
	return true
}

// keep reports whether r takes part in the comparison.
func keep(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
