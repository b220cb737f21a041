package islands

// NumIslands also joins cells that touch only at a corner (8 neighbours).
func NumIslands(grid [][]byte) int {
	if len(grid) == 0 {
		return 0
	}
	rows, cols := len(grid), len(grid[0])
	seen := make([][]bool, rows)
	for i := range seen {
		seen[i] = make([]bool, cols)
	}
	count := 0
	for i := range rows {
		for j := range cols {
			if grid[i][j] != '1' || seen[i][j] {
				continue
			}
			count++
			seen[i][j] = true
			queue := [][2]int{{i, j}}
			for len(queue) > 0 {
				c := queue[0]
				queue = queue[1:]
				for di := -1; di <= 1; di++ {
					for dj := -1; dj <= 1; dj++ {
						r, k := c[0]+di, c[1]+dj
						if r >= 0 && r < rows && k >= 0 && k < cols && grid[r][k] == '1' && !seen[r][k] {
							seen[r][k] = true
							queue = append(queue, [2]int{r, k})
						}
					}
				}
			}
		}
	}
	return count
}
