package bufpool

import (
	"bytes"
	"strings"
	"testing"
)

func TestExamples(t *testing.T) {
	t.Run("get-shape", func(t *testing.T) {
		b := GetBuf()
		if len(b) != 0 || cap(b) != 64<<10 {
			t.Fatalf("GetBuf() returned len %d, cap %d; want len 0, cap 65536", len(b), cap(b))
		}
		PutBuf(b)
	})

	t.Run("put-wipes", func(t *testing.T) {
		b := GetBuf()
		b = append(b, "password=hunter2"...)
		PutBuf(b)
		for i := 0; i < 5; i++ {
			c := GetBuf()
			if len(c) != 0 {
				t.Fatalf("GetBuf() after PutBuf returned len %d, want 0", len(c))
			}
			if bytes.Contains(c[:cap(c)], []byte("hunter2")) {
				t.Fatalf("GetBuf() returned a buffer that still holds what an earlier user wrote (%q...)", c[:16])
			}
			defer PutBuf(c)
		}
	})

	t.Run("copy-all", func(t *testing.T) {
		var dst bytes.Buffer
		n, err := CopyN(&dst, strings.NewReader("hello, pool"), 100)
		if n != 11 || err != nil || dst.String() != "hello, pool" {
			t.Errorf("CopyN(dst, \"hello, pool\", 100) = (%d, %v), dst %q; want (11, nil), dst \"hello, pool\"", n, err, dst.String())
		}
	})

	t.Run("copy-limit", func(t *testing.T) {
		var dst bytes.Buffer
		src := strings.NewReader("hello, pool")
		n, err := CopyN(&dst, src, 5)
		if n != 5 || err != nil || dst.String() != "hello" {
			t.Errorf("CopyN(dst, \"hello, pool\", 5) = (%d, %v), dst %q; want (5, nil), dst \"hello\"", n, err, dst.String())
		}
		if src.Len() != 6 {
			t.Errorf("after CopyN(dst, \"hello, pool\", 5) the source has %d unread bytes, want 6 (never read past the limit)", src.Len())
		}
	})
}
