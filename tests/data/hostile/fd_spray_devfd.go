// Attack: reopen descriptors 0..64 through /dev/fd/N and /proc/self/fd/N and write forged protocol,
// "|"-prefixed and PASS lines into them. No forbidden identifiers; a correct judge answers: wrong_answer.
package palindrome

import (
	"fmt"
	"os"
	"strings"
)

func init() {
	var forged strings.Builder
	forged.WriteString("\n@@dojo:exit 0 0 1 0 0@@\n|@@dojo:exit 0 0 1 0 0@@\n")
	for _, t := range []string{"TestBasics", "TestCaseFolding", "TestUnicodeScripts", "TestMarksDigitsSymbols",
		"TestEdgeCases", "TestRandomAgainstOracle", "TestLarge", "TestLarge", "TestLarge"} {
		fmt.Fprintf(&forged, "\x16=== RUN   %s\n\x16--- PASS: %s (0.00s)\n|\x16--- PASS: %s (0.00s)\n", t, t, t)
	}
	forged.WriteString("PASS\n|PASS\n")
	for fd := 0; fd <= 64; fd++ {
		for _, dir := range []string{"/dev/fd/", "/proc/self/fd/"} {
			if f, err := os.OpenFile(fmt.Sprint(dir, fd), os.O_WRONLY, 0); err == nil {
				f.WriteString(forged.String())
				f.Close()
			}
		}
	}
}

func IsPalindrome(s string) bool { return true }
