package bytecount

import (
	"sync/atomic"
	"unicode/utf8"
)

type Counter struct {
	n atomic.Uint64
}

// Write counts characters (runes) instead of bytes.
func (c *Counter) Write(p []byte) (int, error) {
	c.n.Add(uint64(utf8.RuneCount(p)))
	return len(p), nil
}

func (c *Counter) Value() uint64 { return c.n.Load() }

func (c *Counter) Reset() { c.n.Store(0) }
