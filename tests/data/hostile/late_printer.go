// Attack: a goroutine prints forged PASS lines, "PASS" and an end-of-run marker every millisecond,
// during and after the real tests (capped below the 1 MiB output limit). A correct judge answers: wrong_answer.
package palindrome

import (
	"fmt"
	"strings"
	"time"
)

func init() {
	var forged strings.Builder
	for _, t := range []string{"TestBasics", "TestCaseFolding", "TestUnicodeScripts", "TestMarksDigitsSymbols",
		"TestEdgeCases", "TestRandomAgainstOracle", "TestLarge", "TestLarge", "TestLarge"} {
		fmt.Fprintf(&forged, "\x16=== RUN   %s\n\x16--- PASS: %s (0.00s)\n", t, t)
	}
	forged.WriteString("PASS\n@@dojo:exit 0 0 1 0 0@@\n")
	line := forged.String()
	go func() {
		for printed := 0; printed+len(line) < 768<<10; printed += len(line) {
			fmt.Print(line)
			time.Sleep(time.Millisecond)
		}
	}()
}

func IsPalindrome(s string) bool { return true }
