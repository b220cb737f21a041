package islands

import "testing"

// rows builds a grid from strings of '0' and '1'.
func rows(lines ...string) [][]byte {
	g := make([][]byte, len(lines))
	for i, l := range lines {
		g[i] = []byte(l)
	}
	return g
}

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		grid []string
		want int
	}{
		{"one-big-island", []string{"11110", "11010", "11000", "00000"}, 1},
		{"three-islands", []string{"11000", "11000", "00100", "00011"}, 3},
		{"diagonal-does-not-connect", []string{"10", "01"}, 2},
		{"u-shape", []string{"101", "101", "111"}, 1},
		{"all-water", []string{"000", "000"}, 0},
		{"no-rows", nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NumIslands(rows(tc.grid...)); got != tc.want {
				t.Errorf("NumIslands(%q) = %d, want %d", tc.grid, got, tc.want)
			}
		})
	}
}
