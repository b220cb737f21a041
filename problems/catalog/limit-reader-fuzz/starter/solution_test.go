package limitreader

import (
	"bytes"
	"io"
	"testing"
)

func FuzzLimitReader(f *testing.F) {
	f.Add([]byte("hello world"), int64(5))
	// TODO: more seeds, and check the property on every input:
	// the bytes read are exactly the first min(n, len(data)) bytes of data.
	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		got, err := io.ReadAll(LimitReader(bytes.NewReader(data), n))
		if err != nil {
			t.Fatal(err)
		}
		_ = got
	})
}
