package csvfast

import (
	"math"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want string
	}{
		{"three", []int{1, 2, 3}, "1,2,3"},
		{"negatives-and-zero", []int{-5, 0, 42}, "-5,0,42"},
		{"single", []int{7}, "7"},
		{"empty", []int{}, ""},
		{"nil", nil, ""},
		{"extremes", []int{math.MinInt64, math.MaxInt64}, "-9223372036854775808,9223372036854775807"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IntsToCSV(tc.in); got != tc.want {
				t.Errorf("IntsToCSV(%#v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
