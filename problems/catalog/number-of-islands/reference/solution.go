package islands

// NumIslands counts the groups of '1' cells connected horizontally or
// vertically. grid is rectangular and is not modified.
//
// Each land cell is pushed on an explicit stack once, when first seen, so the
// flood fill is O(rows·cols) time and memory and needs no deep recursion.
func NumIslands(grid [][]byte) int {
	rows := len(grid)
	if rows == 0 {
		return 0
	}
	cols := len(grid[0])
	seen := make([]bool, rows*cols) // cell (i, j) is seen[i*cols+j]
	var stack [][2]int
	count := 0
	for i := range rows {
		for j := range cols {
			if grid[i][j] != '1' || seen[i*cols+j] {
				continue
			}
			count++ // a new island: mark all of it
			seen[i*cols+j] = true
			stack = append(stack[:0], [2]int{i, j})
			for len(stack) > 0 {
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					r, k := c[0]+d[0], c[1]+d[1]
					if r < 0 || r >= rows || k < 0 || k >= cols || grid[r][k] != '1' || seen[r*cols+k] {
						continue
					}
					seen[r*cols+k] = true
					stack = append(stack, [2]int{r, k})
				}
			}
		}
	}
	return count
}
