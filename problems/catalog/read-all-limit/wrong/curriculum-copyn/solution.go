package rlimit

// Variant: the textbook bytes.Buffer + io.CopyN version. io.CopyN wraps r in an
// io.LimitReader, which this problem asks you to write yourself (it also treats a
// source's io.ErrUnexpectedEOF as success).

import (
	"bytes"
	"io"
)

func ReadAllLimit(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if limit > 0 {
		if limit > 64<<10 {
			buf.Grow(64 << 10)
		} else {
			buf.Grow(int(limit))
		}
	}
	_, err := io.CopyN(&buf, r, limit)
	switch err {
	case nil, io.EOF, io.ErrUnexpectedEOF:
		return buf.Bytes(), nil
	default:
		return nil, err
	}
}
