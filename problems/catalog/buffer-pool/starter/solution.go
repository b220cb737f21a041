package bufpool

import (
	"io"
	"sync"
)

const bufCap = 64 << 10 // 64 KiB

var pool = sync.Pool{
	// TODO: New must make a fresh 64 KiB buffer.
}

// GetBuf returns a zeroed buffer with len 0 and cap 64 KiB.
func GetBuf() []byte {
	// TODO: take a buffer from pool.
	return nil
}

// PutBuf wipes b[:len(b)] and gives the buffer back to the pool; buffers whose
// capacity is not exactly 64 KiB are dropped.
func PutBuf(b []byte) {
	// TODO
}

// CopyN copies up to limit bytes from r to w through a buffer from GetBuf.
func CopyN(w io.Writer, r io.Reader, limit int64) (written int64, err error) {
	// TODO
	return 0, nil
}
