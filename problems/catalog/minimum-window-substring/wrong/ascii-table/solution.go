package minwindow

// MinWindow counts bytes in [128]int tables, assuming ASCII input. Any byte
// >= 0x80 (every non-ASCII character) indexes past the end of the tables.
func MinWindow(s, t string) string {
	if len(t) == 0 || len(s) < len(t) {
		return ""
	}
	var need, have [128]int
	needKinds := 0
	for i := 0; i < len(t); i++ {
		if need[t[i]] == 0 {
			needKinds++
		}
		need[t[i]]++
	}
	matchKinds := 0
	bestL, bestR := 0, len(s)+1
	for l, r := 0, 0; r < len(s); r++ {
		c := s[r]
		if need[c] > 0 {
			have[c]++
			if have[c] == need[c] {
				matchKinds++
			}
		}
		for matchKinds == needKinds {
			if r-l+1 < bestR-bestL {
				bestL, bestR = l, r+1
			}
			d := s[l]
			if need[d] > 0 {
				if have[d] == need[d] {
					matchKinds--
				}
				have[d]--
			}
			l++
		}
	}
	if bestR == len(s)+1 {
		return ""
	}
	return s[bestL:bestR]
}
