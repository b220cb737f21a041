package csvfast

import (
	"strconv"
	"strings"
)

// IntsToCSV guesses 12 bytes per number ("~11 digits + comma"), but a 64-bit int
// has up to 20 characters: for large values the builder outgrows its first
// buffer and reallocates several times. Correct output, too many allocations.
func IntsToCSV(xs []int) string {
	if len(xs) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(xs) * 12)
	buf := make([]byte, 0, 32)
	buf = strconv.AppendInt(buf[:0], int64(xs[0]), 10)
	b.Write(buf)
	for i := 1; i < len(xs); i++ {
		b.WriteByte(',')
		buf = strconv.AppendInt(buf[:0], int64(xs[i]), 10)
		b.Write(buf)
	}
	return b.String()
}
