package minwindow

// MinWindow keeps the last of several equally short windows (it uses <=
// where the statement asks for the leftmost one).
func MinWindow(s, t string) string {
	if t == "" {
		return ""
	}
	need := make(map[rune]int)
	for _, r := range t {
		need[r]++
	}
	missing := len([]rune(t))
	rs := []rune(s)
	off := make([]int, 0, len(rs)+1)
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	bestL, bestR := 0, -1
	for l, r := 0, 0; r < len(rs); r++ {
		if n, ok := need[rs[r]]; ok {
			if n > 0 {
				missing--
			}
			need[rs[r]] = n - 1
		}
		for missing == 0 {
			if bestR < 0 || r-l <= bestR-bestL {
				bestL, bestR = l, r
			}
			if n, ok := need[rs[l]]; ok {
				if n == 0 {
					missing++
				}
				need[rs[l]] = n + 1
			}
			l++
		}
	}
	if bestR < 0 {
		return ""
	}
	return s[off[bestL]:off[bestR+1]]
}
