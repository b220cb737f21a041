package schedule

// CanFinish only checks that some course has no prerequisites, i.e. that
// there is somewhere to start; a cycle elsewhere is missed.
func CanFinish(numCourses int, prerequisites [][]int) bool {
	if len(prerequisites) == 0 {
		return true
	}
	hasPrereq := make([]bool, numCourses)
	for _, p := range prerequisites {
		hasPrereq[p[0]] = true
	}
	for _, h := range hasPrereq {
		if !h {
			return true
		}
	}
	return false
}
