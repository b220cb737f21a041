package schedule

// CanFinish repeatedly scans all courses for one whose prerequisites are all
// done: correct, but O(V·(V+E)).
func CanFinish(numCourses int, prerequisites [][]int) bool {
	needs := make([][]int, numCourses)
	for _, p := range prerequisites {
		needs[p[0]] = append(needs[p[0]], p[1])
	}
	done := make([]bool, numCourses)
	for taken := 0; taken < numCourses; taken++ {
		found := false
		for c := range numCourses {
			if done[c] {
				continue
			}
			free := true
			for _, b := range needs[c] {
				if !done[b] {
					free = false
					break
				}
			}
			if free {
				done[c] = true
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
