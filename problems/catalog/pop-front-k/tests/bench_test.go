package popfront

import "testing"

// Judged against the reference on Submit: at most one allocation per result, and the
// median time per op within the problem's ratio of the reference's.

var benchSinkInts [2][]int
var benchSinkStrings [2][]string

func BenchmarkPopFrontKInts(b *testing.B) {
	s := make([]int, 4096, 8192)
	for i := range s {
		s[i] = i
	}
	for b.Loop() {
		benchSinkInts[0], benchSinkInts[1] = PopFrontK(s, 1000)
	}
}

func BenchmarkPopFrontKStrings(b *testing.B) {
	s := make([]string, 1024)
	for i := range s {
		s[i] = "item"
	}
	for b.Loop() {
		benchSinkStrings[0], benchSinkStrings[1] = PopFrontK(s, 100)
	}
}
