// Attack: let the C preprocessor #include the hidden test file so the compiler error echoes it.
// A correct judge answers: forbidden (import "C"); no test source may appear anywhere.
package palindrome

/*
#include "hidden_test.go"
*/
import "C"

func IsPalindrome(s string) bool { return true }
