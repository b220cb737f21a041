// Attack: runtime.Goexit() ends the test goroutine without the test reporting a failure.
// A correct judge answers: runtime_error or wrong_answer, never accepted.
package palindrome

import "runtime"

func IsPalindrome(s string) bool {
	runtime.Goexit()
	return true
}
