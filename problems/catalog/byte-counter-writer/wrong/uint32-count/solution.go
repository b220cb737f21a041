package bytecount

import "sync/atomic"

// Counter keeps the count in 32 bits, which wraps after 4 GiB.
type Counter struct {
	n atomic.Uint32
}

func (c *Counter) Write(p []byte) (int, error) {
	c.n.Add(uint32(len(p)))
	return len(p), nil
}

func (c *Counter) Value() uint64 { return uint64(c.n.Load()) }

func (c *Counter) Reset() { c.n.Store(0) }
