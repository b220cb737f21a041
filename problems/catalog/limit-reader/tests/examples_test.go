package limit

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// readAll reads r to the end with a 4-byte buffer and returns what it got.
// It stops with an error if Read returns (0, nil) too often in a row.
func readAll(r io.Reader) (string, error) {
	var out []byte
	buf := make([]byte, 4)
	for empty := 0; empty < 100; {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if errors.Is(err, io.EOF) {
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

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		data string
		n    int64
		want string
	}{
		{"first-five", "hello, world", 5, "hello"},
		{"limit-over-len", "hello", 100, "hello"},
		{"exact-len", "hello", 5, "hello"},
		{"zero", "hello", 0, ""},
		{"negative", "hello", -3, ""},
		{"unicode-bytes", "héllo", 2, "h\xc3"}, // the limit counts bytes, not runes
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(LimitReader(strings.NewReader(tc.data), tc.n))
			if err != nil || got != tc.want {
				t.Errorf("reading LimitReader(%q, %d) to the end gave %q, %v; want %q, <nil>", tc.data, tc.n, got, err, tc.want)
			}
		})
	}

	t.Run("rest-stays-unread", func(t *testing.T) {
		src := strings.NewReader("hello, world")
		head, _ := readAll(LimitReader(src, 5))
		rest, _ := readAll(src)
		if head != "hello" || rest != ", world" {
			t.Errorf("LimitReader(src, 5) then src on \"hello, world\" gave %q and %q, want \"hello\" and \", world\"", head, rest)
		}
	})

	t.Run("eof-after-limit", func(t *testing.T) {
		lr := LimitReader(strings.NewReader("abcdef"), 3)
		readAll(lr)
		buf := make([]byte, 10)
		if n, err := lr.Read(buf); n != 0 || err != io.EOF {
			t.Errorf("Read after the limit of LimitReader(\"abcdef\", 3) = (%d, %v), want (0, EOF)", n, err)
		}
	})
}
