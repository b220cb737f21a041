package longest

import "testing"

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"abcabcbb", "abcabcbb", 3},
		{"all-same", "bbbbb", 1},
		{"pwwkew", "pwwkew", 3},
		{"abba", "abba", 2},
		{"empty", "", 0},
		{"japanese", "日本語の本", 4},
		{"accents", "héllo wörld", 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := LengthOfLongestSubstring(tc.in); got != tc.want {
				t.Errorf("LengthOfLongestSubstring(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}
