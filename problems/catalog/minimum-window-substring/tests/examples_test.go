package minwindow

import "testing"

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		s, t string
		want string
	}{
		{"classic", "ADOBECODEBANC", "ABC", "BANC"},
		{"whole-string", "a", "a", "a"},
		{"needs-two", "a", "aa", ""},
		{"duplicates-in-t", "baacba", "aab", "baa"},
		{"leftmost-tie", "xaby ba", "ab", "ab"},
		{"empty-t", "abc", "", ""},
		{"unicode", "größer als groß", "ßg", "größ"},
		{"runes-not-bytes", "a😀😀b, then axyzb", "ab", "a😀😀b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MinWindow(tc.s, tc.t); got != tc.want {
				t.Errorf("MinWindow(%q, %q) = %q, want %q", tc.s, tc.t, got, tc.want)
			}
		})
	}
}
