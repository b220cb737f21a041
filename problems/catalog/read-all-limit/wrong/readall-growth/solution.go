package rlimit

// Variant: io.ReadAll's algorithm with a limit: starts at 512 bytes and lets append grow the slice,
// which reallocates dozens of times for a 1 MiB body. Correct, but over the allocation budget.

import "io"

// initialCap is the most ReadAllLimit allocates before it has seen any data.
const initialCap = 64 << 10

// ReadAllLimit reads from r until EOF, an error, or limit bytes, whichever
// comes first, and returns what it read. It never consumes more than limit
// bytes from r, so the rest of the stream stays there for the caller.
//
// io.EOF is not an error. Any other error is returned together with the bytes
// read before it, like io.ReadAll does.
func ReadAllLimit(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		return []byte{}, nil
	}
	// Pre-size for the common case, but never trust limit with a huge allocation:
	// a caller may pass a generous limit for a small body.
	buf := make([]byte, 0, min(limit, 512)) // io.ReadAll's start
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append pick the growth (~1.25x for large slices)
			if int64(cap(buf)) > limit {
				buf = buf[:len(buf):int(limit)]
			}
		}
		// Ask for no more than the room left, which never exceeds the limit.
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if int64(len(buf)) == limit {
			return buf, nil // do not read again: the next byte is not ours
		}
	}
}
