package limit

import "io"

func LimitReader(r io.Reader, n int64) io.Reader {
	return &limitReader{r: r, remaining: n}
}

type limitReader struct {
	r         io.Reader
	remaining int64
}

// Read returns (n, nil) whenever it got data, dropping an error that came with it.
func (l *limitReader) Read(p []byte) (int, error) {
	if l.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.remaining {
		p = p[:l.remaining]
	}
	n, err := l.r.Read(p)
	l.remaining -= int64(n)
	if n > 0 {
		return n, nil
	}
	return 0, err
}
