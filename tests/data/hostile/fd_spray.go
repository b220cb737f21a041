// Attack: wrap every inherited descriptor 3..64 with os.NewFile, write forged protocol and PASS
// lines into whichever reaches the judge, then close them all. A correct judge answers: forbidden (os.NewFile).
package palindrome

import (
	"fmt"
	"os"
	"strings"
)

func init() {
	var forged strings.Builder
	forged.WriteString("\n@@dojo:exit 0 0 1 0 0@@\n")
	for _, t := range []string{"TestBasics", "TestCaseFolding", "TestUnicodeScripts", "TestMarksDigitsSymbols",
		"TestEdgeCases", "TestRandomAgainstOracle", "TestLarge", "TestLarge", "TestLarge"} {
		fmt.Fprintf(&forged, "\x16=== RUN   %s\n\x16--- PASS: %s (0.00s)\n", t, t)
	}
	forged.WriteString("PASS\n")
	for fd := 3; fd <= 64; fd++ {
		if f := os.NewFile(uintptr(fd), "x"); f != nil {
			f.WriteString(forged.String())
			f.Close()
		}
	}
}

func IsPalindrome(s string) bool { return true }
