package schedule

// CanFinish reports whether all numCourses courses (numbered 0 to
// numCourses-1) can be taken, where a pair [a, b] in prerequisites means
// course b must be finished before course a. That is possible exactly when
// the prerequisite graph has no cycle.
//
// Kahn's algorithm: repeatedly take a course whose prerequisites are all
// done. If every course gets taken there is no cycle. O(V + E) time and
// memory; prerequisites is not modified.
func CanFinish(numCourses int, prerequisites [][]int) bool {
	unlocks := make([][]int, numCourses) // b -> courses that need b
	missing := make([]int, numCourses)   // a -> prerequisites not yet done
	for _, p := range prerequisites {
		a, b := p[0], p[1]
		unlocks[b] = append(unlocks[b], a)
		missing[a]++
	}
	ready := make([]int, 0, numCourses)
	for c, m := range missing {
		if m == 0 {
			ready = append(ready, c)
		}
	}
	taken := 0
	for len(ready) > 0 {
		c := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		taken++
		for _, next := range unlocks[c] {
			missing[next]--
			if missing[next] == 0 {
				ready = append(ready, next)
			}
		}
	}
	return taken == numCourses
}
