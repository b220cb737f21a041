package palindrome

import (
	"fmt"
	"os"
	"unicode"
)

// Fills the sandbox's /tmp until the disk is full (and leaves a marker the host must never
// see), then answers correctly: a full disk in the sandbox must not break the judge.
func init() {
	os.WriteFile("/tmp/dojo-hostile-marker", []byte("written inside the sandbox"), 0o644)
	chunk := make([]byte, 1<<20)
	for i := 0; ; i++ {
		f, err := os.Create(fmt.Sprintf("/tmp/fill-%d", i))
		if err != nil {
			return
		}
		for j := 0; j < 128; j++ {
			if _, err := f.Write(chunk); err != nil {
				f.Close()
				return
			}
		}
		f.Close()
	}
}

func IsPalindrome(s string) bool { return isPal(s) }

func isPal(s string) bool {
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}
