package islands

// NumIslands counts the islands of '1' cells (connected up, down, left,
// right) in grid, without modifying grid. See the statement.
func NumIslands(grid [][]byte) int {
	// TODO: scan the cells; at each land cell not yet visited, count a new
	// island and visit all the land reachable from it (DFS or BFS).
	return 0
}
