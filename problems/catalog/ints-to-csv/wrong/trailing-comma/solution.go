package csvfast

import (
	"strconv"
	"strings"
)

// IntsToCSV writes a comma after every number, including the last one.
func IntsToCSV(xs []int) string {
	var b strings.Builder
	b.Grow(len(xs) * 21)
	var scratch [20]byte
	for _, x := range xs {
		b.Write(strconv.AppendInt(scratch[:0], int64(x), 10))
		b.WriteByte(',')
	}
	return b.String()
}
