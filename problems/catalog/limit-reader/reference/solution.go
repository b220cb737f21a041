package limit

import "io"

// LimitReader returns a reader that reads from r but stops with io.EOF after n bytes.
// It never asks r for more than the bytes still allowed, so whatever lies beyond the
// limit stays unread in r. If n <= 0 it is empty from the start.
func LimitReader(r io.Reader, n int64) io.Reader {
	return &limitReader{r: r, remaining: n}
}

type limitReader struct {
	r         io.Reader
	remaining int64 // bytes still allowed; <= 0 means the limit is reached
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.remaining {
		p = p[:l.remaining]
	}
	n, err := l.r.Read(p)
	l.remaining -= int64(n)
	return n, err
}
