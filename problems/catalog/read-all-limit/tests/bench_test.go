package rlimit

import (
	"io"
	"testing"
)

// Judged against the reference on Submit: allocations per op within the budgets
// of the statement, and the median time within the problem's ratio.

// benchReader serves the same bytes again after each reset, filling p completely.
type benchReader struct {
	data []byte
	off  int
}

func (r *benchReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) {
		return 0, io.EOF
	}
	n := copy(p, r.data[r.off:])
	r.off += n
	return n, nil
}

func benchRead(b *testing.B, size int, limit int64, want int) {
	src := &benchReader{data: make([]byte, size)}
	for b.Loop() {
		src.off = 0
		got, err := ReadAllLimit(src, limit)
		if len(got) != want || err != nil {
			b.Fatalf("ReadAllLimit(<%d bytes>, %d) = (<%d bytes>, %v)", size, limit, len(got), err)
		}
	}
}

// A 4 KiB body with a 4 KiB limit: one allocation of exactly the right size.
func BenchmarkExactSmall(b *testing.B) { benchRead(b, 4<<10, 4<<10, 4<<10) }

// A 4 MiB stream cut at 1 MiB.
func BenchmarkCutLarge(b *testing.B) { benchRead(b, 4<<20, 1<<20, 1<<20) }

// A 1 MiB body under a generous 64 MiB limit.
func BenchmarkUnknownSize(b *testing.B) { benchRead(b, 1<<20, 64<<20, 1<<20) }
