package limit

import "io"

func LimitReader(r io.Reader, n int64) io.Reader {
	return &limitReader{r: r, remaining: n}
}

type limitReader struct {
	r         io.Reader
	remaining int64
}

// Read returns early on any error before updating remaining, so bytes that arrive
// together with an error are not counted against the limit.
func (l *limitReader) Read(p []byte) (int, error) {
	if l.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.remaining {
		p = p[:l.remaining]
	}
	n, err := l.r.Read(p)
	if err != nil {
		return n, err
	}
	l.remaining -= int64(n)
	return n, nil
}
