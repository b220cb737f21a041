package topk

import (
	"slices"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		k     int
		want  []string
	}{
		{"classic", []string{"i", "love", "leetcode", "i", "love", "coding"}, 2, []string{"i", "love"}},
		{"four-of-four", []string{"the", "day", "is", "sunny", "the", "the", "the", "sunny", "is", "is"}, 4,
			[]string{"the", "is", "sunny", "day"}},
		{"tie-break", []string{"b", "a", "c"}, 2, []string{"a", "b"}},
		{"case-sensitive", []string{"Go", "go", "GO", "go"}, 2, []string{"go", "GO"}},
		{"k-over-distinct", []string{"x", "y", "x"}, 5, []string{"x", "y"}},
		{"k-zero", []string{"x", "y", "x"}, 0, nil},
		{"no-words", nil, 3, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.Clone(tc.words)
			// slices.Equal treats nil and an empty slice alike.
			if got := TopK(in, tc.k); !slices.Equal(got, tc.want) {
				t.Errorf("TopK(%q, %d) = %q, want %q", tc.words, tc.k, got, tc.want)
			}
		})
	}
}
