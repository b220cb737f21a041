package rlimit

import "io"

// ReadAllLimit reads from r until EOF, an error, or limit bytes, and returns
// what it read. See the statement for the exact rules.
func ReadAllLimit(r io.Reader, limit int64) ([]byte, error) {
	// TODO: pre-size a buffer to min(limit, 64 KiB), read into its spare
	// capacity, grow it when full, and stop at the limit.
	return nil, nil
}
