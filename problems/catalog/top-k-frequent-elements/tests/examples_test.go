package topk

import (
	"slices"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		nums []int
		k    int
		want []int
	}{
		{"classic", []int{1, 1, 1, 2, 2, 3}, 2, []int{1, 2}},
		{"single", []int{1}, 1, []int{1}},
		{"tie-by-value", []int{4, 4, 1, 1, 3}, 2, []int{1, 4}},
		{"negatives", []int{-2, 3, -2, 3, 0}, 3, []int{-2, 3, 0}},
		{"k-above-distinct", []int{5, 6, 5}, 5, []int{5, 6}},
		{"k-zero", []int{1, 2, 3}, 0, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nums := slices.Clone(tc.nums)
			got := TopKFrequent(nums, tc.k)
			if !slices.Equal(got, tc.want) {
				t.Errorf("TopKFrequent(%v, %d) = %v, want %v", tc.nums, tc.k, got, tc.want)
			}
		})
	}
}
