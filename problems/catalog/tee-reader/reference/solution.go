package tee

import "io"

// TeeReader returns a reader that reads from r and writes to w every byte it reads,
// before handing the bytes to the caller. There is no internal buffering.
//
// If the write fails, Read reports the write error together with the number of bytes
// w accepted, so the caller is never told about a byte that w did not receive.
func TeeReader(r io.Reader, w io.Writer) io.Reader {
	return &teeReader{r: r, w: w}
}

type teeReader struct {
	r io.Reader
	w io.Writer
}

func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		if nw, werr := t.w.Write(p[:n]); werr != nil {
			return nw, werr
		}
	}
	return n, err
}
