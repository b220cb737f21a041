// Attack: panic(nil), hoping a recover() == nil check treats it as no panic at all.
// A correct judge answers: runtime_error or wrong_answer, never accepted.
package palindrome

func IsPalindrome(s string) bool { panic(nil) }
