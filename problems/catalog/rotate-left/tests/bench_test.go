package rotate

import "testing"

// Judged against the reference on Submit: allocations per op must stay at 0 and the
// median time per op within the problem's ratio of the reference's.

func BenchmarkRotateLeftInts(b *testing.B) {
	s := make([]int, 1<<14)
	for i := range s {
		s[i] = i
	}
	k := 0
	for b.Loop() {
		RotateLeft(s, 37+k%7)
		k++
	}
}

func BenchmarkRotateLeftStrings(b *testing.B) {
	s := make([]string, 4096)
	for i := range s {
		s[i] = "item"
	}
	k := 0
	for b.Loop() {
		RotateLeft(s, -(1000 + k%3))
		k++
	}
}
