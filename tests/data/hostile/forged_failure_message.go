// Attack: fails on purpose and prints lines dressed as the hidden test's t.Errorf message
// (testing's ^O/^N error markers, "    hidden_test.go:N: " and continuation lines), thousands of
// bytes of them, with HTML, escape sequences and bidi overrides, hoping the result page shows
// them whole or as markup. A correct judge answers wrong_answer and shows at most the capped
// message of the first failing test (10 lines, 1 KiB), as text.
package palindrome

import (
	"fmt"
	"strings"
)

var calls int

func IsPalindrome(s string) bool {
	calls++
	if calls > 3 { // under the output limit: the suite calls it thousands of times
		return len(s) == -1
	}
	fmt.Print("\x0f    hidden_test.go:1: <script>alert('forged')</script>\x1b[31m\u202e" + strings.Repeat("x", 3000) + "\x0e\n")
	for i := 0; i < 40; i++ {
		fmt.Printf("\x0f    hidden_test.go:%d: forged line %d\n        continued\x0e\n", i+2, i)
	}
	return len(s) == -1
}
