package longest

// LengthOfLongestSubstring compares runes, but i is the byte offset that
// for-range yields, so the "length" i-start+1 counts bytes, not runes.
func LengthOfLongestSubstring(s string) int {
	last := make(map[rune]int)
	best, start := 0, 0
	for i, r := range s {
		if j, ok := last[r]; ok && j >= start {
			start = j + 1
		}
		last[r] = i
		best = max(best, i-start+1)
	}
	return best
}
