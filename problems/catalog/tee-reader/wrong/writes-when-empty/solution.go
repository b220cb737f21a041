package tee

import "io"

func TeeReader(r io.Reader, w io.Writer) io.Reader {
	return &teeReader{r: r, w: w}
}

type teeReader struct {
	r io.Reader
	w io.Writer
}

// Read always calls w.Write, even when nothing was read, so a failing writer turns a
// plain io.EOF into a write error, and w sees empty writes.
func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if nw, werr := t.w.Write(p[:n]); werr != nil {
		return nw, werr
	}
	return n, err
}
