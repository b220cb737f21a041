package minwindow

// MinWindow slides a window correctly, but decides "does the window cover t?"
// by walking over every distinct rune of t after each move: O(len(s)·k) for k
// distinct runes in t, instead of keeping a running count of what is missing.
func MinWindow(s, t string) string {
	if t == "" {
		return ""
	}
	need := make(map[rune]int)
	for _, r := range t {
		need[r]++
	}
	have := make(map[rune]int)
	covers := func() bool {
		for r, n := range need {
			if have[r] < n {
				return false
			}
		}
		return true
	}
	rs := []rune(s)
	off := make([]int, 0, len(rs)+1)
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	bestL, bestR := 0, -1
	for l, r := 0, 0; r < len(rs); r++ {
		have[rs[r]]++
		for covers() {
			if bestR < 0 || r-l < bestR-bestL {
				bestL, bestR = l, r
			}
			have[rs[l]]--
			l++
		}
	}
	if bestR < 0 {
		return ""
	}
	return s[off[bestL]:off[bestR+1]]
}
