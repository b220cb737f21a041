package palindrome

import "testing"

func TestIsPalindrome(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want bool
	}{
		{"lower", "racecar", true},
		{"mixed case", "Racecar", true},
		{"spaces and punctuation", "No 'x' in Nixon", true},
		{"sentence", "Was it a car or a cat I saw?", true},
		{"empty", "", true},
		{"only punctuation", "?!", true},
		{"digits", "12321", true},
		{"digits differ", "123", false},
		{"two letters", "ab", false},
		{"even length, middle differs", "abca", false},
		{"devanagari", "कनक", true},
		{"non-ascii letters", "ñoño", false},
		{"accented palindrome", "ésé", true},
		{"not a palindrome", "hello", false},
		{"curriculum example", "Åbba, ba!", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsPalindrome(tc.in); got != tc.want {
				t.Errorf("IsPalindrome(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
