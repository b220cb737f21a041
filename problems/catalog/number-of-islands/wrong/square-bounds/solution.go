package islands

// NumIslands uses the number of rows as the bound for columns too, as if the
// grid were square: wide grids lose columns, tall grids index out of range.
func NumIslands(grid [][]byte) int {
	n := len(grid)
	seen := make([][]bool, n)
	for i := range seen {
		seen[i] = make([]bool, len(grid[i]))
	}
	count := 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if grid[i][j] != '1' || seen[i][j] {
				continue
			}
			count++
			seen[i][j] = true
			stack := [][2]int{{i, j}}
			for len(stack) > 0 {
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					r, k := c[0]+d[0], c[1]+d[1]
					if r >= 0 && r < n && k >= 0 && k < n && grid[r][k] == '1' && !seen[r][k] {
						seen[r][k] = true
						stack = append(stack, [2]int{r, k})
					}
				}
			}
		}
	}
	return count
}
