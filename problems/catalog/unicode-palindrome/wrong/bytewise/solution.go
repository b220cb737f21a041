package palindrome

// IsPalindrome compares bytes, not runes: ASCII letters are lower-cased,
// other ASCII is skipped, and every non-ASCII byte is kept as is.
func IsPalindrome(s string) bool {
	buf := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= 0x80:
			buf = append(buf, c)
		}
	}
	for i, j := 0, len(buf)-1; i < j; i, j = i+1, j-1 {
		if buf[i] != buf[j] {
			return false
		}
	}
	return true
}
