package csvfast

import (
	"strconv"
	"strings"
	"testing"
)

// naiveJoin is the obvious version: one string per element, then a join.
func naiveJoin(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

var sink string

func BenchmarkIntsToCSV(b *testing.B) {
	xs := []int{1, 2, 3}
	// TODO: check IntsToCSV against naiveJoin on inputs that can reveal bugs, report
	// allocations, and add a benchmark for naiveJoin.
	for b.Loop() {
		sink = IntsToCSV(xs)
	}
}
