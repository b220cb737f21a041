package palindrome

func IsPalindrome(s string) bool {
	n := 0
	for {
		n++
	}
}
