package tee

import "io"

func TeeReader(r io.Reader, w io.Writer) io.Reader {
	return &teeReader{r: r, w: w}
}

type teeReader struct {
	r io.Reader
	w io.Writer
}

// Read returns as soon as the source reports an error, so data that arrives together
// with io.EOF (or another error) is never written to w.
func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil {
		return n, err
	}
	if nw, werr := t.w.Write(p[:n]); werr != nil {
		return nw, werr
	}
	return n, nil
}
