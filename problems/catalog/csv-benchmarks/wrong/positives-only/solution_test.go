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

// inputs are positive seven-digit numbers only.
func inputs(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = 1000000 + i
	}
	return xs
}

// mustMatch stops the benchmark when IntsToCSV disagrees with the naive join.
func mustMatch(b *testing.B, xs []int) {
	b.Helper()
	for _, in := range [][]int{xs, {1000000, 1000001}} {
		if got, want := IntsToCSV(in), naiveJoin(in); got != want {
			b.Fatalf("IntsToCSV(%d numbers) = %.60q…, want %.60q…", len(in), got, want)
		}
	}
}

var sink string

func BenchmarkCSV(b *testing.B) {
	for _, n := range []int{10, 1000} {
		xs := inputs(n)
		b.Run("IntsToCSV/n="+strconv.Itoa(n), func(b *testing.B) {
			mustMatch(b, xs)
			b.ReportAllocs()
			for b.Loop() {
				sink = IntsToCSV(xs)
			}
		})
		b.Run("NaiveJoin/n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = naiveJoin(xs)
			}
		})
	}
}
