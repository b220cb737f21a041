package bufpool

import (
	"io"
	"testing"
)

// Judged against the reference on Submit, both built without -race (the judge
// race-checks the tests only): no allocations per op in steady state, and the
// median time within the problem's ratio.

var benchPayload = make([]byte, 512)

func BenchmarkGetPut(b *testing.B) {
	for b.Loop() {
		buf := GetBuf()
		buf = append(buf, benchPayload...)
		PutBuf(buf)
	}
}

// benchReader serves the same bytes again after each reset, without allocating.
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

func BenchmarkCopyN(b *testing.B) {
	src := &benchReader{data: make([]byte, 256<<10)}
	for b.Loop() {
		src.off = 0
		if n, err := CopyN(io.Discard, src, 200<<10); n != 200<<10 || err != nil {
			b.Fatalf("CopyN = (%d, %v)", n, err)
		}
	}
}
