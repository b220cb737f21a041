package bytecount

// Counter should count the bytes written to it, also from several goroutines at once.
// This version "works" sometimes, but the count is always wrong. Fix it: see the
// statement. You may change the type's underlying type, but keep its name.
type Counter uint64

// BUG: the value receiver increments a copy; the caller's Counter never changes.
func (c Counter) Write(p []byte) (int, error) {
	c += Counter(len(p))
	return len(p), nil
}

// Value returns the number of bytes written so far.
func (c *Counter) Value() uint64 {
	return uint64(*c)
}

// Reset sets the count back to zero.
func (c *Counter) Reset() {
	*c = 0
}
