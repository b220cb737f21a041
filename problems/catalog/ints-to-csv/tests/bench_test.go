package csvfast

import (
	"math/rand/v2"
	"testing"
)

// Judged against the reference on Submit: at most one allocation per call (the
// result), and the median time per op within the problem's ratio of the reference's.

var benchSink string

func benchInts(n int, next func(r *rand.Rand) int) []int {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]int, n)
	for i := range xs {
		xs[i] = next(r)
	}
	return xs
}

// 1000 small numbers, 1 to 4 digits, some negative.
func BenchmarkIntsToCSVSmall(b *testing.B) {
	xs := benchInts(1000, func(r *rand.Rand) int { return r.IntN(11000) - 1000 })
	for b.Loop() {
		benchSink = IntsToCSV(xs)
	}
}

// 1000 numbers over the whole int64 range: mostly 18 to 20 characters each.
func BenchmarkIntsToCSVWide(b *testing.B) {
	xs := benchInts(1000, func(r *rand.Rand) int { return int(r.Uint64()) })
	for b.Loop() {
		benchSink = IntsToCSV(xs)
	}
}
