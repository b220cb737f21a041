package minwindow

// MinWindow works on bytes with [256]int tables: it never panics, but the
// bytes of a multi-byte rune are matched independently, so a "window" can be
// made of pieces of other characters and can cut a rune in half.
func MinWindow(s, t string) string {
	if len(t) == 0 {
		return ""
	}
	var need [256]int
	missing := len(t)
	for i := 0; i < len(t); i++ {
		need[t[i]]++
	}
	var have [256]int
	bestL, bestLen := 0, -1
	for l, r := 0, 0; r < len(s); r++ {
		c := s[r]
		have[c]++
		if have[c] <= need[c] {
			missing--
		}
		for missing == 0 {
			if bestLen < 0 || r-l+1 < bestLen {
				bestL, bestLen = l, r-l+1
			}
			d := s[l]
			if have[d] <= need[d] {
				missing++
			}
			have[d]--
			l++
		}
	}
	if bestLen < 0 {
		return ""
	}
	return s[bestL : bestL+bestLen]
}
