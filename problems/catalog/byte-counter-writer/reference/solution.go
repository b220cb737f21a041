package bytecount

import (
	"io"
	"sync/atomic"
)

// Counter is an io.Writer that discards what it is given and counts the bytes.
// The zero value is ready to use, and a Counter is safe for concurrent use.
// A Counter must not be copied after first use: pass a *Counter around.
type Counter struct {
	n atomic.Uint64
}

// *Counter implements io.Writer (Counter itself does not: its methods need a pointer).
var _ io.Writer = (*Counter)(nil)

// Write counts len(p) bytes. It never fails and never keeps or changes p.
func (c *Counter) Write(p []byte) (int, error) {
	c.n.Add(uint64(len(p)))
	return len(p), nil
}

// Value returns the number of bytes written since creation or the last Reset.
func (c *Counter) Value() uint64 {
	return c.n.Load()
}

// Reset sets the count back to zero.
func (c *Counter) Reset() {
	c.n.Store(0)
}
