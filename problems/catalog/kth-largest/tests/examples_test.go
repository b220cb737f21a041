package kthlargest

import (
	"fmt"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		nums []int
		k    int
		want int
	}{
		{"second-largest", []int{3, 2, 1, 5, 6, 4}, 2, 5},
		{"with-duplicates", []int{3, 2, 3, 1, 2, 4, 5, 5, 6}, 4, 4},
		{"duplicates-count", []int{5, 5, 4}, 2, 5},
		{"single", []int{1}, 1, 1},
		{"negatives", []int{-1, -5, -3}, 1, -1},
		{"smallest", []int{9, -2, 7, 0}, 4, -2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nums := append([]int(nil), tc.nums...)
			if got := FindKthLargest(nums, tc.k); got != tc.want {
				t.Errorf("FindKthLargest(%v, %d) = %d, want %d", tc.nums, tc.k, got, tc.want)
			}
		})
	}

	// An invalid k must panic.
	for _, k := range []int{0, 4} {
		t.Run(fmt.Sprintf("panics-k%d", k), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("FindKthLargest([1 2 3], %d) did not panic, want a panic (k must be in [1, 3])", k)
				}
			}()
			got := FindKthLargest([]int{1, 2, 3}, k)
			t.Logf("FindKthLargest([1 2 3], %d) returned %d", k, got)
		})
	}
}
