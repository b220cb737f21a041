package schedule

// CanFinish tracks the courses on the current DFS path correctly, but never
// remembers which courses were already fully explored, so it re-explores
// them from every path that reaches them: exponential on layered graphs.
func CanFinish(numCourses int, prerequisites [][]int) bool {
	adj := make([][]int, numCourses)
	for _, p := range prerequisites {
		adj[p[1]] = append(adj[p[1]], p[0])
	}
	onPath := make([]bool, numCourses)
	var acyclic func(u int) bool
	acyclic = func(u int) bool {
		if onPath[u] {
			return false
		}
		onPath[u] = true
		for _, v := range adj[u] {
			if !acyclic(v) {
				return false
			}
		}
		onPath[u] = false
		return true
	}
	for c := range numCourses {
		if !acyclic(c) {
			return false
		}
	}
	return true
}
