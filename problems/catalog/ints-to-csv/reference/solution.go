package csvfast

import (
	"math/bits"
	"strconv"
	"strings"
)

// IntsToCSV returns the decimal form of every element of xs, separated by
// commas, with no spaces and no trailing comma. An empty or nil slice gives "".
//
// It measures the exact output length first, so the strings.Builder allocates
// once and String() hands that buffer over without copying: one allocation
// per call whatever the values are.
func IntsToCSV(xs []int) string {
	if len(xs) == 0 {
		return ""
	}
	size := len(xs) - 1 // the commas
	for _, x := range xs {
		size += decimalLen(x)
	}

	var b strings.Builder
	b.Grow(size)
	var scratch [20]byte // len("-9223372036854775808") == 20; stays on the stack
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(strconv.AppendInt(scratch[:0], int64(x), 10))
	}
	return b.String()
}

// pow10[i] is 10^i; 10^19 still fits in a uint64.
var pow10 = [20]uint64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// decimalLen is len(strconv.Itoa(x)), computed without building the string.
func decimalLen(x int) int {
	sign := 0
	u := uint64(x)
	if x < 0 {
		sign = 1
		u = -u // two's complement: gives 2^63 for math.MinInt, as it should
	}
	u |= 1 // same digit count (powers of ten are even), and never 0
	// bits.Len64(u) * log10(2) estimates the number of digits minus one
	// (1233/4096 ≈ 0.30103); one comparison corrects the estimate.
	t := bits.Len64(u) * 1233 >> 12
	if u < pow10[t] {
		t--
	}
	return sign + t + 1
}
