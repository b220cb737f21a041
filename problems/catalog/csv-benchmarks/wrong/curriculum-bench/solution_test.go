package csvfast

import (
	"fmt"
	"strings"
	"testing"
)

func gen(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = 1000000 + i
	}
	return xs
}

func BenchmarkIntsToCSV_1k(b *testing.B)  { benchCSV(b, 1_000) }
func BenchmarkIntsToCSV_10k(b *testing.B) { benchCSV(b, 10_000) }

func benchCSV(b *testing.B, n int) {
	b.ReportAllocs()
	xs := gen(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = IntsToCSV(xs)
	}
}

func BenchmarkNaiveJoin_10k(b *testing.B) {
	b.ReportAllocs()
	xs := gen(10_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ss := make([]string, len(xs))
		for j, v := range xs {
			ss[j] = fmt.Sprint(v)
		}
		_ = strings.Join(ss, ",")
	}
}
