package palindrome

import "testing"

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"sentence", "Was it a car or a cat I saw?", true},
		{"mixed-case", "Step on no Pets", true},
		{"devanagari", "कनक", true},
		{"accent-matters", "Ésope reste ici et se repose", false},
		{"not-palindrome", "hello, world", false},
		{"empty", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsPalindrome(tc.in); got != tc.want {
				t.Errorf("IsPalindrome(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
