package limitreader

import (
	"bytes"
	"io"
	"testing"
)

// The curriculum's fuzz test, as printed (package renamed). Its negation of n overflows
// for math.MinInt64, it never tests a negative limit, and it does not check how much
// of the source was consumed.
func FuzzLimitReader(f *testing.F) {
	f.Add([]byte("hello world"), int64(0))
	f.Add([]byte("hello world"), int64(5))
	f.Add([]byte(""), int64(10))

	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		if n < 0 {
			n = -n
		}
		r := LimitReader(bytes.NewReader(data), n)

		got := make([]byte, 0, len(data))
		buf := make([]byte, 3)
		total := int64(0)
		for {
			nr, err := r.Read(buf)
			if nr > 0 {
				got = append(got, buf[:nr]...)
				total += int64(nr)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("unexpected err: %v", err)
			}
			if total > n {
				t.Fatalf("read exceeded limit: total=%d limit=%d", total, n)
			}
		}
		want := data
		if int64(len(want)) > n {
			want = want[:n]
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("mismatch got=%q want=%q", string(got), string(want))
		}
	})
}
