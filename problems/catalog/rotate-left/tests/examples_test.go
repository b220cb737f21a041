package rotate

import (
	"slices"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		k    int
		want []int
	}{
		{"by-two", []int{1, 2, 3, 4, 5}, 2, []int{3, 4, 5, 1, 2}},
		{"zero", []int{1, 2, 3, 4, 5}, 0, []int{1, 2, 3, 4, 5}},
		{"k-over-len", []int{1, 2, 3, 4, 5}, 7, []int{3, 4, 5, 1, 2}},
		{"negative", []int{1, 2, 3, 4, 5}, -1, []int{5, 1, 2, 3, 4}},
		{"empty", []int{}, 3, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := slices.Clone(tc.in)
			RotateLeft(s, tc.k)
			if !slices.Equal(s, tc.want) {
				t.Errorf("RotateLeft(%v, %d) left the slice as %v, want %v", tc.in, tc.k, s, tc.want)
			}
		})
	}

	t.Run("strings", func(t *testing.T) {
		s := []string{"a", "b", "c"}
		RotateLeft(s, 1)
		if want := []string{"b", "c", "a"}; !slices.Equal(s, want) {
			t.Errorf("RotateLeft([a b c], 1) left the slice as %v, want %v", s, want)
		}
	})
}
