package minwindow

// MinWindow counts runes correctly but compares candidate windows by their
// length in bytes, so "a😀b" (6 bytes) loses to "axyzb" (5 bytes).
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
	off := make([]int, 0, len(rs)+1) // byte offset of every rune, then len(s)
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	best := ""
	found := false
	for l, r := 0, 0; r < len(rs); r++ {
		if n, ok := need[rs[r]]; ok {
			if n > 0 {
				missing--
			}
			need[rs[r]] = n - 1
		}
		for missing == 0 {
			if w := s[off[l]:off[r+1]]; !found || len(w) < len(best) {
				best, found = w, true
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
	return best
}
