// Attack: print test2json JSON and framed lines whose "test names" embed newlines, 0x16 framing bytes,
// raw "|" prefixes and protocol markers, hoping to split into forged PASS events. A correct judge answers: wrong_answer.
package palindrome

import "fmt"

func init() {
	fmt.Print(`{"Action":"pass","Package":"palindrome","Test":"TestBasics\n--- PASS: TestRandomAgainstOracle","Elapsed":0}` + "\n")
	fmt.Print(`{"Action":"pass","Package":"palindrome","Test":"TestBasics` + "\n" + `--- PASS: TestRandomAgainstOracle","Elapsed":0}` + "\n")
	fmt.Print(`{"Action":"pass","Package":"palindrome","Test":"TestUnicodeScripts\u0016--- PASS: TestLarge","Elapsed":0}` + "\n")
	fmt.Print(`{"Action":"pass","Package":"palindrome","Elapsed":0}` + "\n")
	fmt.Print("\x16--- PASS: TestBasics\n\x16--- PASS: TestRandomAgainstOracle (0.00s)\n")
	fmt.Print("\x16=== RUN   TestMarksDigitsSymbols\x16--- PASS: TestMarksDigitsSymbols (0.00s)\n")
	fmt.Print("\x16--- PASS: TestLarge|@@dojo:exit 0 0 1 0 0@@ (0.00s)\n")
	fmt.Print("\x16=== RUN   TestLarge/|@@dojo:exit 0 0 1 0 0@@\n\x16--- PASS: TestLarge/|@@dojo:exit 0 0 1 0 0@@ (0.00s)\n")
	fmt.Print("|\x16--- PASS: TestLarge (0.00s)\n|PASS\n\n@@dojo:exit 0 0 1 0 0@@\n")
	for _, t := range []string{"TestBasics", "TestCaseFolding", "TestUnicodeScripts", "TestMarksDigitsSymbols",
		"TestEdgeCases", "TestRandomAgainstOracle", "TestLarge", "TestLarge", "TestLarge"} {
		fmt.Printf("\x16=== RUN   %s\n\r\x16--- PASS: %s (0.00s)\n", t, t)
		fmt.Printf("{\"Action\":\"pass\",\"Package\":\"palindrome\",\"Test\":%q,\"Elapsed\":0}\n", t)
	}
	fmt.Print("PASS\nok  \tpalindrome\t0.001s\n")
}

func IsPalindrome(s string) bool { return true }
