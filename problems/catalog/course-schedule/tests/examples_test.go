package schedule

import "testing"

func TestExamples(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		prereqs [][]int
		want    bool
	}{
		{"one-prerequisite", 2, [][]int{{1, 0}}, true},
		{"mutual", 2, [][]int{{1, 0}, {0, 1}}, false},
		{"chain", 3, [][]int{{1, 0}, {2, 1}}, true},
		{"three-cycle", 3, [][]int{{0, 1}, {1, 2}, {2, 0}}, false},
		{"diamond", 4, [][]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}}, true},
		{"self-prerequisite", 1, [][]int{{0, 0}}, false},
		{"no-courses", 0, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CanFinish(tc.n, tc.prereqs); got != tc.want {
				t.Errorf("CanFinish(%d, %v) = %v, want %v", tc.n, tc.prereqs, got, tc.want)
			}
		})
	}
}
