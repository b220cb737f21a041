package bytecount

// Counter fixes the receiver but not the concurrency: a plain += from many goroutines.
type Counter struct {
	n uint64
}

func (c *Counter) Write(p []byte) (int, error) {
	c.n += uint64(len(p))
	return len(p), nil
}

func (c *Counter) Value() uint64 { return c.n }

func (c *Counter) Reset() { c.n = 0 }
