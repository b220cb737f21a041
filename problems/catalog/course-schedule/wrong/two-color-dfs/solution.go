package schedule

// CanFinish uses one "visited" mark for two different things: reaching an
// already finished course (fine) is mistaken for reaching a course on the
// current path (a cycle). A diamond 0->1->3, 0->2->3 is reported as a cycle.
func CanFinish(numCourses int, prerequisites [][]int) bool {
	adj := make([][]int, numCourses)
	for _, p := range prerequisites {
		adj[p[1]] = append(adj[p[1]], p[0])
	}
	visited := make([]bool, numCourses)
	var dfs func(u int) bool
	dfs = func(u int) bool {
		if visited[u] {
			return false
		}
		visited[u] = true
		for _, v := range adj[u] {
			if !dfs(v) {
				return false
			}
		}
		return true
	}
	for c := range numCourses {
		if !visited[c] && !dfs(c) {
			return false
		}
	}
	return true
}
