package limitreader

import (
	"bytes"
	"io"
	"math"
	"testing"
)

func FuzzLimitReader(f *testing.F) {
	f.Add([]byte("hello world"), int64(0), 3)
	f.Add([]byte("hello world"), int64(5), 3)
	f.Add([]byte("hello world"), int64(5), 64)
	f.Add([]byte("hello"), int64(10), 2)
	f.Add([]byte(""), int64(10), 1)
	f.Add([]byte("abc"), int64(-1), 4)
	f.Add([]byte("abcdef"), int64(math.MinInt64), 4)

	f.Fuzz(func(t *testing.T, data []byte, n int64, chunk int) {
		if chunk < 1 || chunk > 1<<16 {
			chunk = 1 + int(uint(chunk)%64)
		}
		src := bytes.NewReader(data)
		r := LimitReader(src, n)
		limit := max(n, 0)
		want := data
		if limit < int64(len(data)) {
			want = data[:limit]
		}

		var got []byte
		buf := make([]byte, chunk)
		for reads := 1; ; reads++ {
			if reads > len(data)+3 {
				t.Fatalf("LimitReader(%d bytes, %d): no io.EOF after %d reads of %d bytes", len(data), n, reads, chunk)
			}
			k, err := r.Read(buf)
			if k < 0 || k > len(buf) {
				t.Fatalf("Read returned %d for a %d-byte buffer", k, len(buf))
			}
			got = append(got, buf[:k]...)
			if int64(len(got)) > limit {
				t.Fatalf("LimitReader(%d bytes, %d) yielded %d bytes, more than the limit", len(data), n, len(got))
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("LimitReader(%q, %d) yielded %q, want %q", data, n, got, want)
		}
		if consumed := len(data) - src.Len(); consumed != len(want) {
			t.Fatalf("LimitReader(%d bytes, %d) consumed %d bytes of the source, want %d", len(data), n, consumed, len(want))
		}
		if k, err := r.Read(buf); k != 0 || err != io.EOF {
			t.Fatalf("Read after io.EOF = %d, %v; want 0, io.EOF", k, err)
		}
	})
}
