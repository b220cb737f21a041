package csvfast

import (
	"math"
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

// inputs mixes signs and widths, so a wrong IntsToCSV shows up before any timing.
func inputs(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		switch i % 4 {
		case 0:
			xs[i] = i
		case 1:
			xs[i] = -i * 7919
		case 2:
			xs[i] = math.MaxInt - i
		default:
			xs[i] = math.MinInt + i
		}
	}
	return xs
}

// mustMatch stops the benchmark when IntsToCSV disagrees with the naive join.
func mustMatch(b *testing.B, xs []int) {
	b.Helper()
	for _, in := range [][]int{xs, nil, {}, {7}, {-5, 0, 42}, {math.MinInt, math.MaxInt}} {
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
			for b.Loop() {
				sink = IntsToCSV(xs)
			}
		})
		b.Run("NaiveJoin/n="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				sink = naiveJoin(xs)
			}
		})
	}
}
