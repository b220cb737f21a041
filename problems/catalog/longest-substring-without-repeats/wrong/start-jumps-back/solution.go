package longest

// LengthOfLongestSubstring forgets to check that the earlier occurrence is
// still inside the window, so start can move backwards.
func LengthOfLongestSubstring(s string) int {
	last := make(map[rune]int)
	best, start := 0, 0
	for i, r := range []rune(s) {
		if j, ok := last[r]; ok {
			start = j + 1
		}
		last[r] = i
		best = max(best, i-start+1)
	}
	return best
}
