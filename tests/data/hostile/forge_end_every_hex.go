// Attack: harvest every 16-64 char lowercase-hex string readable under /tmp, /opt/dojo and /proc/self
// (hoping one is the judge's end-marker nonce) and print a forged end/exit marker for each, then PASS lines.
// A correct judge answers: wrong_answer.
package palindrome

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

func init() {
	hexRun := regexp.MustCompile(`[0-9a-f]{16,64}`)
	seen := map[string]bool{}
	var order []string
	deadline := time.Now().Add(2 * time.Second)
	for _, root := range []string{"/tmp", "/opt/dojo", "/proc/self/"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || time.Now().After(deadline) || len(order) >= 2000 {
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			f, err := os.Open(path)
			if err != nil {
				return nil
			}
			defer f.Close()
			b, _ := io.ReadAll(io.LimitReader(f, 1<<20)) // /proc/self/pagemap never ends
			for _, h := range hexRun.FindAllString(string(b), -1) {
				if !seen[h] && len(order) < 2000 {
					seen[h] = true
					order = append(order, h)
				}
			}
			return nil
		})
	}
	for _, h := range order {
		fmt.Print("@@dojo:end " + h + " 0 0@@\n@@dojo:exit 0 0 1 0 0@@\n")
	}
	for _, t := range []string{"TestBasics", "TestCaseFolding", "TestUnicodeScripts", "TestMarksDigitsSymbols",
		"TestEdgeCases", "TestRandomAgainstOracle", "TestLarge", "TestLarge", "TestLarge"} {
		fmt.Printf("\x16=== RUN   %s\n\x16--- PASS: %s (0.00s)\n", t, t)
	}
	fmt.Print("PASS\n")
}

func IsPalindrome(s string) bool { return true }
