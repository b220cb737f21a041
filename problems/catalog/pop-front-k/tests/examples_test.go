package popfront

import (
	"slices"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name       string
		in         []int
		k          int
		wantPopped []int
		wantRest   []int
	}{
		{"pop-two", []int{10, 20, 30, 40, 50}, 2, []int{10, 20}, []int{30, 40, 50}},
		{"pop-none", []int{1, 2, 3}, 0, []int{}, []int{1, 2, 3}},
		{"negative-k", []int{1, 2, 3}, -4, []int{}, []int{1, 2, 3}},
		{"pop-all", []int{1, 2, 3}, 3, []int{1, 2, 3}, []int{}},
		{"k-over-len", []int{1, 2, 3}, 10, []int{1, 2, 3}, []int{}},
		{"empty", []int{}, 2, []int{}, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := slices.Clone(tc.in)
			popped, rest := PopFrontK(s, tc.k)
			// slices.Equal compares contents only, so an empty result may be nil or empty.
			if !slices.Equal(popped, tc.wantPopped) || !slices.Equal(rest, tc.wantRest) {
				t.Errorf("PopFrontK(%v, %d) = (%v, %v), want (%v, %v)", tc.in, tc.k, popped, rest, tc.wantPopped, tc.wantRest)
			}
		})
	}

	t.Run("rest-is-a-copy", func(t *testing.T) {
		s := []string{"a", "b", "c", "d"}
		popped, rest := PopFrontK(s, 1)
		s[1] = "changed"
		if !slices.Equal(popped, []string{"a"}) || !slices.Equal(rest, []string{"b", "c", "d"}) {
			t.Errorf("PopFrontK([a b c d], 1) = (%q, %q), want ([a], [b c d]) even after the caller changes s[1]: rest must not share s's array", popped, rest)
		}
	})

	t.Run("trimmed-capacity", func(t *testing.T) {
		s := make([]int, 4, 1000) // [0 0 0 0] with lots of spare capacity
		_, rest := PopFrontK(s, 1)
		if len(rest) != 3 || cap(rest) > 16 {
			t.Errorf("PopFrontK(<len 4, cap 1000>, 1): rest has len %d, cap %d; want len 3 and a small capacity (a fresh copy, not s's array)", len(rest), cap(rest))
		}
	})
}
