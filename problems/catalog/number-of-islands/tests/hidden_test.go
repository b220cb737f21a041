package islands

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// gridOf builds a grid from strings of '0' and '1'.
func gridOf(lines ...string) [][]byte {
	g := make([][]byte, len(lines))
	for i, l := range lines {
		g[i] = []byte(l)
	}
	return g
}

func cloneGrid(g [][]byte) [][]byte {
	if g == nil {
		return nil
	}
	c := make([][]byte, len(g))
	for i := range g {
		c[i] = slices.Clone(g[i])
	}
	return c
}

func gridsEqual(a, b [][]byte) bool {
	return slices.EqualFunc(a, b, func(x, y []byte) bool { return string(x) == string(y) })
}

// showGrid prints small grids row by row and large ones by size.
func showGrid(g [][]byte) string {
	if g == nil {
		return "nil"
	}
	if len(g) == 0 {
		return "[]"
	}
	if len(g) <= 12 && len(g[0]) <= 30 {
		lines := make([]string, len(g))
		for i, r := range g {
			lines[i] = string(r)
		}
		return fmt.Sprintf("%q", lines)
	}
	return fmt.Sprintf("<%d×%d grid>", len(g), len(g[0]))
}

// callIslands runs NumIslands on a deep copy of g, turning a panic into a
// message and reporting whether the copy was modified.
func callIslands(g [][]byte) (got int, panicMsg string, modified bool) {
	arg := cloneGrid(g)
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	got = NumIslands(arg)
	return got, "", !gridsEqual(arg, g)
}

func checkIslands(t *testing.T, g [][]byte, want int) {
	t.Helper()
	got, p, modified := callIslands(g)
	switch {
	case p != "":
		t.Errorf("NumIslands(%s) panicked: %s; want %d", showGrid(g), p, want)
	case got != want:
		t.Errorf("NumIslands(%s) = %d, want %d", showGrid(g), got, want)
	case modified:
		t.Errorf("NumIslands(%s) returned %d but modified the grid; the caller's grid must stay as it was", showGrid(g), got)
	}
}

type islandCase struct {
	name string
	grid []string
	want int
}

func runIslandCases(t *testing.T, cases []islandCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkIslands(t, gridOf(tc.grid...), tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runIslandCases(t, []islandCase{
		{"one-big-island", []string{"11110", "11010", "11000", "00000"}, 1},
		{"three-islands", []string{"11000", "11000", "00100", "00011"}, 3},
		{"diagonal-does-not-connect", []string{"10", "01"}, 2},
		{"u-shape", []string{"101", "101", "111"}, 1},
		{"all-water", []string{"000", "000"}, 0},
		{"single-land", []string{"1"}, 1},
		{"single-water", []string{"0"}, 0},
		{"all-land", []string{"111", "111", "111"}, 1},
		{"checkerboard", []string{"101", "010", "101"}, 5},
		{"ring-with-lake", []string{"11111", "10001", "10101", "10001", "11111"}, 2},
		{"ring-only", []string{"111", "101", "111"}, 1},
		{"stripes", []string{"111", "000", "111", "000", "111"}, 3},
		{"columns", []string{"10101", "10101"}, 3},
		{"staircase", []string{"100", "110", "011"}, 1},
		{"staircase-diagonal", []string{"100", "010", "001"}, 3},
		{"n-shape", []string{"111", "101", "101"}, 1},
		{"comb", []string{"10101", "11111"}, 1},
		{"inverted-comb", []string{"11111", "10101"}, 1},
		{"spiral", []string{"11111", "00001", "11101", "10001", "11111"}, 1},
	})
}

func TestShapes(t *testing.T) {
	runIslandCases(t, []islandCase{
		{"one-row", []string{"1101011"}, 3},
		{"one-column", []string{"1", "1", "0", "1", "0", "1"}, 3},
		{"wide", []string{"1000000001", "0000000001"}, 2},
		{"wide-right-edge", []string{"0000000001", "0000000001"}, 1},
		{"tall", []string{"10", "00", "00", "00", "01", "01"}, 2},
		{"tall-bottom-edge", []string{"00", "00", "00", "00", "00", "11"}, 1},
		{"edges-only", []string{"111", "000", "000", "111"}, 2},
		{"corners", []string{"1001", "0000", "1001"}, 4},
	})
}

func TestEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		grid [][]byte
		want int
	}{
		{"nil-grid", nil, 0},
		{"no-rows", [][]byte{}, 0},
		{"empty-rows", [][]byte{{}, {}, {}}, 0},
		{"one-empty-row", [][]byte{{}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) { checkIslands(t, tc.grid, tc.want) })
	}
	t.Run("grid-unchanged", func(t *testing.T) {
		checkIslands(t, gridOf("110", "011", "000", "101"), 3)
	})
	t.Run("called-twice", func(t *testing.T) {
		g := gridOf("101", "010")
		first := NumIslands(g)
		second := NumIslands(g)
		if first != 3 || second != 3 {
			t.Errorf("NumIslands([\"101\" \"010\"]) twice on the same grid = %d, then %d; want 3 both times", first, second)
		}
	})
	t.Run("rows-share-array", func(t *testing.T) {
		// Rows are windows into one backing array.
		backing := []byte("110011")
		g := [][]byte{backing[0:3], backing[3:6]}
		checkIslands(t, g, 1)
	})
}

// labelOracle gives every land cell its own label and lets the smallest label
// spread to neighbours until nothing changes: slow, but obviously right.
func labelOracle(g [][]byte) int {
	rows := len(g)
	if rows == 0 {
		return 0
	}
	cols := len(g[0])
	label := make([][]int, rows)
	for i := range label {
		label[i] = make([]int, cols)
		for j := range label[i] {
			label[i][j] = i*cols + j
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range rows {
			for j := range cols {
				if g[i][j] != '1' {
					continue
				}
				for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					r, k := i+d[0], j+d[1]
					if r >= 0 && r < rows && k >= 0 && k < cols && g[r][k] == '1' && label[r][k] < label[i][j] {
						label[i][j] = label[r][k]
						changed = true
					}
				}
			}
		}
	}
	distinct := map[int]bool{}
	for i := range rows {
		for j := range cols {
			if g[i][j] == '1' {
				distinct[label[i][j]] = true
			}
		}
	}
	return len(distinct)
}

func randomGrid(r *rand.Rand, rows, cols int, land float64) [][]byte {
	g := make([][]byte, rows)
	for i := range g {
		g[i] = make([]byte, cols)
		for j := range g[i] {
			g[i][j] = '0'
			if r.Float64() < land {
				g[i][j] = '1'
			}
		}
	}
	return g
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 44))
	for _, size := range []struct {
		name       string
		maxSide    int
		iterations int
	}{
		{"tiny", 4, 1500},
		{"small", 10, 800},
		{"medium", 30, 150},
	} {
		t.Run(size.name, func(t *testing.T) {
			for i := 0; i < size.iterations && !t.Failed(); i++ {
				g := randomGrid(r, 1+r.IntN(size.maxSide), 1+r.IntN(size.maxSide), 0.2+0.6*r.Float64())
				checkIslands(t, g, labelOracle(g))
			}
		})
	}
}

// unionFindOracle counts components with a disjoint-set forest; fast enough
// for the large grids, and checked against labelOracle below.
func unionFindOracle(g [][]byte) int {
	rows := len(g)
	if rows == 0 {
		return 0
	}
	cols := len(g[0])
	parent := make([]int, rows*cols)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	count := 0
	for i := range rows {
		for j := range cols {
			if g[i][j] != '1' {
				continue
			}
			count++
			for _, n := range [][2]int{{i - 1, j}, {i, j - 1}} {
				if n[0] >= 0 && n[1] >= 0 && g[n[0]][n[1]] == '1' {
					a, b := find(i*cols+j), find(n[0]*cols+n[1])
					if a != b {
						parent[a] = b
						count--
					}
				}
			}
		}
	}
	return count
}

func TestLarge(t *testing.T) {
	const side = 1000
	fill := func(f func(i, j int) bool) [][]byte {
		g := make([][]byte, side)
		for i := range g {
			g[i] = make([]byte, side)
			for j := range g[i] {
				g[i][j] = '0'
				if f(i, j) {
					g[i][j] = '1'
				}
			}
		}
		return g
	}
	t.Run("oracles-agree", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 1))
		for i := 0; i < 200; i++ {
			g := randomGrid(r, 1+r.IntN(15), 1+r.IntN(15), r.Float64())
			if a, b := labelOracle(g), unionFindOracle(g); a != b {
				t.Fatalf("test oracles disagree on %s: %d vs %d", showGrid(g), a, b)
			}
		}
	})
	t.Run("all-land", func(t *testing.T) {
		checkIslands(t, fill(func(i, j int) bool { return true }), 1)
	})
	t.Run("all-water", func(t *testing.T) {
		checkIslands(t, fill(func(i, j int) bool { return false }), 0)
	})
	t.Run("checkerboard", func(t *testing.T) {
		checkIslands(t, fill(func(i, j int) bool { return (i+j)%2 == 0 }), side*side/2)
	})
	t.Run("snake", func(t *testing.T) {
		// Rows of land joined at alternating ends: one island, a path of
		// half a million cells.
		g := fill(func(i, j int) bool {
			switch {
			case i%2 == 0:
				return true
			case i%4 == 1:
				return j == side-1
			default:
				return j == 0
			}
		})
		checkIslands(t, g, 1)
	})
	t.Run("stripes", func(t *testing.T) {
		checkIslands(t, fill(func(i, j int) bool { return i%2 == 0 }), side/2)
	})
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewPCG(77, 7))
		g := fill(func(i, j int) bool { return r.IntN(100) < 45 })
		checkIslands(t, g, unionFindOracle(g))
	})
	t.Run("one-long-row", func(t *testing.T) {
		row := []byte(strings.Repeat("10", 500_000))
		checkIslands(t, [][]byte{row}, 500_000)
	})
	t.Run("one-long-column", func(t *testing.T) {
		// 1,1,0,1, 1,1,0,1, ...: rows 0-1, then 3-5, 7-9, ... and row 299999 alone.
		g := make([][]byte, 300_000)
		for i := range g {
			g[i] = []byte{"1101"[i%4]}
		}
		checkIslands(t, g, 75_001)
	})
}
