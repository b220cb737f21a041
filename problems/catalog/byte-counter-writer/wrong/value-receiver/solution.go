package bytecount

// Counter is the original bug, with the helpers added: Write has a value receiver.
type Counter uint64

// Write increments its own copy of the counter; the caller's Counter never changes.
func (c Counter) Write(p []byte) (int, error) {
	c += Counter(len(p))
	return len(p), nil
}

func (c *Counter) Value() uint64 { return uint64(*c) }

func (c *Counter) Reset() { *c = 0 }
