package bufpool

// Variant: no pool at all, a fresh 64 KiB buffer per GetBuf: correct, but one big allocation per call.

import (
	"io"
)

const bufCap = 64 << 10 // 64 KiB

// GetBuf returns a zeroed buffer with len 0 and cap 64 KiB that belongs to the
// caller until it is handed back with PutBuf.
func GetBuf() []byte {
	return make([]byte, 0, bufCap)
}

// PutBuf wipes b[:len(b)] and returns the buffer to the pool. Buffers whose
// capacity is not exactly 64 KiB (including nil) are dropped.
func PutBuf(b []byte) {
	if cap(b) != bufCap {
		return // keep the pool homogeneous: odd sizes would surprise the next GetBuf
	}
	clear(b) // and let the garbage collector have it
}

// CopyN copies up to limit bytes from r to w through a pooled buffer and
// returns how many bytes w accepted. Reaching EOF before limit is not an error.
func CopyN(w io.Writer, r io.Reader, limit int64) (written int64, err error) {
	if limit <= 0 {
		return 0, nil
	}
	buf := GetBuf()
	used := 0 // every byte handed to Read, which may use all of p as scratch
	defer func() { PutBuf(buf[:used]) }()

	buf = buf[:cap(buf)]
	for written < limit {
		chunk := buf
		if rest := limit - written; rest < int64(len(chunk)) {
			chunk = chunk[:rest] // never ask r for more than the limit allows
		}
		used = max(used, len(chunk))
		nr, er := r.Read(chunk)
		if nr > 0 {
			nw, ew := w.Write(chunk[:nr])
			written += int64(nw)
			if ew != nil {
				return written, ew
			}
			if nw != nr {
				return written, io.ErrShortWrite
			}
		}
		if er == io.EOF {
			return written, nil
		}
		if er != nil {
			return written, er
		}
	}
	return written, nil
}
