package bufpool

// Variant: a mutex-guarded free list with a "fast path" that checks len(free)
// before taking the lock. The results are right; the unsynchronised read is a data race.

import (
	"io"
	"sync"
)

const bufCap = 64 << 10 // 64 KiB

var (
	mu   sync.Mutex
	free [][]byte
)

func GetBuf() []byte {
	if len(free) > 0 { // read without the lock
		mu.Lock()
		if n := len(free); n > 0 {
			b := free[n-1]
			free[n-1] = nil
			free = free[:n-1]
			mu.Unlock()
			return b[:0]
		}
		mu.Unlock()
	}
	return make([]byte, 0, bufCap)
}

func PutBuf(b []byte) {
	if cap(b) != bufCap {
		return
	}
	clear(b)
	mu.Lock()
	if len(free) < 256 {
		free = append(free, b[:0])
	}
	mu.Unlock()
}

func CopyN(w io.Writer, r io.Reader, limit int64) (written int64, err error) {
	if limit <= 0 {
		return 0, nil
	}
	buf := GetBuf()
	used := 0
	defer func() { PutBuf(buf[:used]) }()

	buf = buf[:cap(buf)]
	for written < limit {
		chunk := buf
		if rest := limit - written; rest < int64(len(chunk)) {
			chunk = chunk[:rest]
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
