package longest

// LengthOfLongestSubstring restarts the scan just after the earlier
// occurrence of a repeated rune, with a fresh set. Correct answers, but a
// long run of distinct runes is rescanned again and again: O(n·d).
func LengthOfLongestSubstring(s string) int {
	rs := []rune(s)
	best := 0
	for start := 0; start < len(rs); {
		pos := make(map[rune]int)
		i := start
		for ; i < len(rs); i++ {
			if _, dup := pos[rs[i]]; dup {
				break
			}
			pos[rs[i]] = i
		}
		best = max(best, i-start)
		if i == len(rs) {
			break
		}
		start = pos[rs[i]] + 1
	}
	return best
}
