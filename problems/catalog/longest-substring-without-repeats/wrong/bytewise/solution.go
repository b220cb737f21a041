package longest

// LengthOfLongestSubstring treats s as bytes: fine for ASCII, wrong as soon
// as a character takes several bytes.
func LengthOfLongestSubstring(s string) int {
	var last [256]int // index+1 of the last occurrence, 0 = never
	best, start := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if last[c] > start {
			start = last[c]
		}
		last[c] = i + 1
		best = max(best, i-start+1)
	}
	return best
}
