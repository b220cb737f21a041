package schedule

// CanFinish stores each edge once in a set but counts every pair in the
// in-degree, so a repeated pair [1, 0], [1, 0] leaves course 1 waiting forever.
func CanFinish(numCourses int, prerequisites [][]int) bool {
	adj := make([]map[int]bool, numCourses)
	in := make([]int, numCourses)
	for _, p := range prerequisites {
		a, b := p[0], p[1]
		if adj[b] == nil {
			adj[b] = make(map[int]bool)
		}
		adj[b][a] = true
		in[a]++
	}
	var q []int
	for c := range numCourses {
		if in[c] == 0 {
			q = append(q, c)
		}
	}
	done := 0
	for len(q) > 0 {
		c := q[0]
		q = q[1:]
		done++
		for next := range adj[c] {
			in[next]--
			if in[next] == 0 {
				q = append(q, next)
			}
		}
	}
	return done == numCourses
}
