// Attack: init() starts goroutines that never stop, each writing a byte every 50 ms to a file
// under os.TempDir(). IsPalindrome is correct (and allocation-free), so a correct judge answers:
// accepted, finishing promptly, with no process left behind.
package palindrome

import (
	"os"
	"time"
	"unicode"
	"unicode/utf8"
)

var tick = []byte{'x'}

func init() {
	for i := 0; i < 3; i++ {
		f, err := os.CreateTemp(os.TempDir(), "hostile-writer-*")
		if err != nil {
			continue
		}
		go func(f *os.File) {
			for {
				f.Write(tick)
				time.Sleep(50 * time.Millisecond)
			}
		}(f)
	}
}

func IsPalindrome(s string) bool {
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
