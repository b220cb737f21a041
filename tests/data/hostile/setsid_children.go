// Attack: init() starts a copy of the test binary in a new session that sleeps 600 s holding
// stdout open, hoping the judge waits for EOF forever. IsPalindrome is correct.
// A correct judge answers: forbidden (syscall, os.StartProcess, os.Stdout, os.Exit).
package palindrome

import (
	"os"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

func init() {
	if os.Getenv("HOSTILE_SETSID_CHILD") == "1" {
		time.Sleep(600 * time.Second)
		os.Exit(0)
	}
	p, err := os.StartProcess("/proc/self/exe", []string{"pkg.test", "-test.run=^$"}, &os.ProcAttr{
		Env:   append(os.Environ(), "HOSTILE_SETSID_CHILD=1"),
		Files: []*os.File{nil, os.Stdout, os.Stdout},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	if err == nil {
		p.Release()
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
