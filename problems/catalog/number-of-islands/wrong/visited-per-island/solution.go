package islands

// NumIslands keeps a global "done" mark but allocates a fresh visited grid
// for every island's BFS: correct, but O(islands · rows · cols).
func NumIslands(grid [][]byte) int {
	if len(grid) == 0 {
		return 0
	}
	rows, cols := len(grid), len(grid[0])
	done := make([]bool, rows*cols)
	count := 0
	for i := range rows {
		for j := range cols {
			if grid[i][j] != '1' || done[i*cols+j] {
				continue
			}
			count++
			visited := make([]bool, rows*cols)
			visited[i*cols+j] = true
			queue := [][2]int{{i, j}}
			for len(queue) > 0 {
				c := queue[0]
				queue = queue[1:]
				done[c[0]*cols+c[1]] = true
				for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					r, k := c[0]+d[0], c[1]+d[1]
					if r >= 0 && r < rows && k >= 0 && k < cols && grid[r][k] == '1' && !visited[r*cols+k] {
						visited[r*cols+k] = true
						queue = append(queue, [2]int{r, k})
					}
				}
			}
		}
	}
	return count
}
