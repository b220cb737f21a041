package tee

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// readAll reads r to the end with a 4-byte buffer.
func readAll(r io.Reader) (string, error) {
	var out []byte
	buf := make([]byte, 4)
	for empty := 0; empty < 100; {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return string(out), nil
		}
		if err != nil {
			return string(out), err
		}
		if n == 0 {
			empty++
		} else {
			empty = 0
		}
	}
	return string(out), errors.New("Read returned (0, nil) 100 times in a row")
}

// failingWriter accepts nothing and always fails.
type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write(p []byte) (int, error) { return 0, errDiskFull }

func TestExamples(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"ascii", "hello, world"},
		{"empty", ""},
		{"unicode", "héllo 世界"},
	} {
		data := tc.data
		t.Run(tc.name, func(t *testing.T) {
			var w bytes.Buffer
			got, err := readAll(TeeReader(strings.NewReader(data), &w))
			if err != nil || got != data || w.String() != data {
				t.Errorf("reading TeeReader(%q, &buf) to the end gave %q, %v and buf = %q; want %q, <nil> and buf = %q",
					data, got, err, w.String(), data, data)
			}
		})
	}

	t.Run("written-before-return", func(t *testing.T) {
		var w bytes.Buffer
		tr := TeeReader(strings.NewReader("abcdef"), &w)
		buf := make([]byte, 4)
		n, err := tr.Read(buf)
		if n != 4 || err != nil || w.String() != "abcd" {
			t.Errorf("first Read(<4 bytes>) on TeeReader(\"abcdef\", &buf) = (%d, %v) with buf = %q; want (4, <nil>) with buf = \"abcd\"", n, err, w.String())
		}
	})

	t.Run("write-error", func(t *testing.T) {
		tr := TeeReader(strings.NewReader("abc"), failingWriter{})
		n, err := tr.Read(make([]byte, 8))
		if n != 0 || err != errDiskFull {
			t.Errorf("Read on TeeReader(\"abc\", <writer failing with %q>) = (%d, %v); want (0, %v)", errDiskFull, n, err, errDiskFull)
		}
	})
}
