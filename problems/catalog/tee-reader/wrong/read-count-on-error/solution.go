package tee

import "io"

func TeeReader(r io.Reader, w io.Writer) io.Reader {
	return &teeReader{r: r, w: w}
}

type teeReader struct {
	r io.Reader
	w io.Writer
}

// Read reports a write error, but with the number of bytes read rather than the number
// w accepted: the caller is told about bytes that never reached w.
func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		if _, werr := t.w.Write(p[:n]); werr != nil {
			return n, werr
		}
	}
	return n, err
}
