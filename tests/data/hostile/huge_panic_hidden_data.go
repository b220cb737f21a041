// Attack: correct on short inputs, but panics with the quoted input whenever it is longer than 20 bytes,
// to leak hidden test data through the panic message. A correct judge answers: runtime_error or
// wrong_answer, and its message never contains the input.
package palindrome

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

func IsPalindrome(s string) bool {
	if len(s) > 20 {
		panic(fmt.Sprintf("%q", s))
	}
	i, j := 0, len(s)
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

func keep(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
