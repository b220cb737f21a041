package minwindow

// MinWindow only asks for each distinct rune of t to appear once: t = "aa"
// is treated like t = "a".
func MinWindow(s, t string) string {
	if t == "" {
		return ""
	}
	need := make(map[rune]bool)
	for _, r := range t {
		need[r] = true
	}
	rs := []rune(s)
	off := make([]int, 0, len(rs)+1)
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	have := make(map[rune]int)
	kinds := 0
	bestL, bestR := 0, -1
	for l, r := 0, 0; r < len(rs); r++ {
		if need[rs[r]] {
			have[rs[r]]++
			if have[rs[r]] == 1 {
				kinds++
			}
		}
		for kinds == len(need) {
			if bestR < 0 || r-l < bestR-bestL {
				bestL, bestR = l, r
			}
			if need[rs[l]] {
				have[rs[l]]--
				if have[rs[l]] == 0 {
					kinds--
				}
			}
			l++
		}
	}
	if bestR < 0 {
		return ""
	}
	return s[off[bestL]:off[bestR+1]]
}
