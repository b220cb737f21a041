package islands

// NumIslands is the classic "sink the island" DFS: it counts correctly but
// overwrites the caller's grid with '0's.
func NumIslands(g [][]byte) int {
	if len(g) == 0 || len(g[0]) == 0 {
		return 0
	}
	m, n := len(g), len(g[0])
	var dfs func(i, j int)
	dfs = func(i, j int) {
		if i < 0 || j < 0 || i >= m || j >= n || g[i][j] != '1' {
			return
		}
		g[i][j] = '0'
		dfs(i+1, j)
		dfs(i-1, j)
		dfs(i, j+1)
		dfs(i, j-1)
	}
	count := 0
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if g[i][j] == '1' {
				count++
				dfs(i, j)
			}
		}
	}
	return count
}
