package rlimit

// Variant: reads fixed 4 KiB chunks and trims them to the limit afterwards, consuming bytes past the limit.

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
	buf := make([]byte, 0, min(limit, initialCap))
	for {
		if len(buf) == cap(buf) {
			// Full but still below the limit: double, capped at the limit.
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit))
			copy(grown, buf)
			buf = grown
		}
		var chunk [4096]byte
		n, err := r.Read(chunk[:]) // a whole chunk, even when fewer bytes are allowed
		n = min(n, cap(buf)-len(buf))
		buf = append(buf, chunk[:n]...)
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
