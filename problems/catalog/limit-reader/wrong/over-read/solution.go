package limit

import "io"

func LimitReader(r io.Reader, n int64) io.Reader {
	return &limitReader{r: r, remaining: n}
}

type limitReader struct {
	r         io.Reader
	remaining int64
}

// Read fills the caller's whole buffer from r and only then cuts the count down to the
// limit: the bytes past the limit are gone from r.
func (l *limitReader) Read(p []byte) (int, error) {
	if l.remaining <= 0 {
		return 0, io.EOF
	}
	n, err := l.r.Read(p)
	if int64(n) > l.remaining {
		n = int(l.remaining)
	}
	l.remaining -= int64(n)
	return n, err
}
