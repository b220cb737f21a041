package limitreader

import "io"

// Mutant negative-reads-all (see problem.toml).
// LimitReader returns a Reader that reads from r but stops with io.EOF after n bytes.
// A limit of zero or less gives io.EOF at once, and r is never read past the limit.
func LimitReader(r io.Reader, n int64) io.Reader {
	return &limitedReader{r: r, left: n}
}

type limitedReader struct {
	r    io.Reader
	left int64 // bytes still allowed
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left == 0 {
		return 0, io.EOF
	}
	if l.left > 0 && int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
