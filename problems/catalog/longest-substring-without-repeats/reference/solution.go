package longest

// LengthOfLongestSubstring returns the length, in runes, of the longest
// substring of s in which no rune occurs twice.
//
// s is decoded like `for range s` does (each invalid byte is U+FFFD). The
// window [start, i] holds no repeat; last remembers, for every rune seen,
// its most recent rune index, so each rune is looked at once: O(n) time.
func LengthOfLongestSubstring(s string) int {
	last := make(map[rune]int)
	best, start, i := 0, 0, 0
	for _, r := range s {
		if j, ok := last[r]; ok && j >= start {
			start = j + 1 // the earlier r is inside the window: drop it and all before it
		}
		last[r] = i
		best = max(best, i-start+1)
		i++
	}
	return best
}
