package pit

import (
	"slices"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want []int
	}{
		{"unsorted", []int{3, 1, 2}, []int{1, 2, 3}},
		{"duplicates", []int{5, -1, 5, 0}, []int{-1, 0, 5, 5}},
		{"already-sorted", []int{1, 2, 3}, []int{1, 2, 3}},
		{"empty", []int{}, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.Clone(tc.in)
			got := SortedCopy(in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("SortedCopy(%v) = %v, want %v", tc.in, got, tc.want)
			}
			if !slices.Equal(in, tc.in) {
				t.Errorf("SortedCopy(%v) changed its input to %v; the input must stay as it was", tc.in, in)
			}
		})
	}

	t.Run("spare-capacity", func(t *testing.T) {
		backing := []int{9, 7, 8, 0, 0, 0, 0, 0}
		in := backing[:3] // len 3, cap 8: room behind in
		got := SortedCopy(in)
		if want := []int{7, 8, 9}; !slices.Equal(got, want) {
			t.Errorf("SortedCopy([9 7 8] with cap 8) = %v, want %v", got, want)
		}
		if want := []int{9, 7, 8, 0, 0, 0, 0, 0}; !slices.Equal(backing, want) {
			t.Errorf("SortedCopy([9 7 8] with cap 8) changed the caller's backing array to %v, want %v", backing, want)
		}
	})
}
