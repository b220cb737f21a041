// For sorted-copy, not unicode-palindrome: a known-too-slow solution (sort.Slice allocates) that
// prints a fast fake result line from inside the timed loop. testing writes "BenchmarkX\t" before
// the loop and the figures after it, so the real line is split in two unparseable halves and the
// fake is the only well-formed one. A correct judge answers too_slow or wrong_answer, never accepted.
package pit

import (
	"fmt"
	"sort"
)

// Calls counted per input size: the Nth call falls inside the timed loop, after testing has
// printed the benchmark's name (its first call, with N=1, comes before the name).
var small, large int

func SortedCopy(in []int) []int {
	if len(in) < 1000 {
		if small++; small == 5000 {
			fmt.Print("\nBenchmarkSortedCopySmall \t 9000000\t 1.000 ns/op\t 0 B/op\t 0 allocs/op\n")
		}
	} else if large++; large == 20 {
		fmt.Print("\nBenchmarkSortedCopyLarge \t 9000000\t 1.000 ns/op\t 0 B/op\t 0 allocs/op\n")
	}
	out := make([]int, len(in))
	copy(out, in)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
