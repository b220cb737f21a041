package rlimit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll calls ReadAllLimit and turns a panic into a message.
func readAll(r io.Reader, limit int64) (got []byte, err error, panicMsg string) {
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	got, err = ReadAllLimit(r, limit)
	return got, err, ""
}

func pattern(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(uint64(n), 11))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func show(b []byte) string {
	if len(b) <= 40 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("<%d bytes>", len(b))
}

// spyReader serves data, counts Read calls, and can fail every call made after
// `failAfter` bytes were served (to catch reads past the limit).
type spyReader struct {
	data      []byte
	off       int
	calls     int
	chunk     int // > 0: at most chunk bytes per Read
	failAfter int // > 0: a Read call once off >= failAfter returns errPastLimit
}

var errPastLimit = errors.New("spyReader: Read called after the limit was reached")

func (s *spyReader) Read(p []byte) (int, error) {
	s.calls++
	if s.failAfter > 0 && s.off >= s.failAfter {
		return 0, errPastLimit
	}
	if s.off >= len(s.data) {
		return 0, io.EOF
	}
	n := len(p)
	if s.chunk > 0 {
		n = min(n, s.chunk)
	}
	n = copy(p[:n], s.data[s.off:])
	s.off += n
	return n, nil
}

func expectRead(t *testing.T, what string, src io.Reader, limit int64, want []byte) {
	t.Helper()
	got, err, p := readAll(src, limit)
	call := fmt.Sprintf("ReadAllLimit(%s, %d)", what, limit)
	if p != "" {
		t.Fatalf("%s panicked: %s", call, p)
	}
	if err != nil {
		t.Fatalf("%s returned error %v, want nil", call, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s = %s, want %s", call, show(got), show(want))
	}
}

func TestBasics(t *testing.T) {
	tests := []struct {
		name  string
		size  int
		limit int64
		want  int
	}{
		{"shorter", 5, 100, 5},
		{"exact", 5, 5, 5},
		{"cut", 12, 5, 5},
		{"limit-one", 12, 1, 1},
		{"empty-source", 0, 10, 0},
		{"exact-64k", 64 << 10, 64 << 10, 64 << 10},
		{"64k-source-big-limit", 64 << 10, 1 << 20, 64 << 10},
		{"64k-plus-one", 64<<10 + 1, 1 << 20, 64<<10 + 1},
		{"cut-64k-plus-one", 1 << 20, 64<<10 + 1, 64<<10 + 1},
		{"cut-odd", 1 << 20, 300_007, 300_007},
		{"three-mib", 3 << 20, 8 << 20, 3 << 20},
		{"cut-three-mib", 5 << 20, 3<<20 + 5, 3<<20 + 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := pattern(tc.size)
			src := &spyReader{data: data}
			expectRead(t, fmt.Sprintf("<%d bytes>", tc.size), src, tc.limit, data[:tc.want])
			if src.off != tc.want {
				t.Errorf("ReadAllLimit(<%d bytes>, %d) consumed %d bytes of the source, want %d", tc.size, tc.limit, src.off, tc.want)
			}
		})
	}
}

func TestNonPositiveLimit(t *testing.T) {
	for _, limit := range []int64{0, -1, -4096, math.MinInt64} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			src := &spyReader{data: []byte("data")}
			got, err, p := readAll(src, limit)
			if p != "" || err != nil || len(got) != 0 {
				t.Fatalf("ReadAllLimit(\"data\", %d) = (%q, %v) panic=%q; want an empty result and nil", limit, got, err, p)
			}
			if src.calls != 0 {
				t.Errorf("ReadAllLimit(src, %d) called src.Read %d times, want 0", limit, src.calls)
			}
		})
	}
}

func TestHugeLimit(t *testing.T) {
	for _, limit := range []int64{math.MaxInt64, 1 << 50} {
		t.Run(fmt.Sprintf("2^%d", int(math.Round(math.Log2(float64(limit))))), func(t *testing.T) {
			data := pattern(10)
			got, err, p := readAll(bytes.NewReader(data), limit)
			if p != "" {
				t.Fatalf("ReadAllLimit(<10 bytes>, %d) panicked: %s (do not allocate the limit up front)", limit, p)
			}
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("ReadAllLimit(<10 bytes>, %d) = (%s, %v), want (%s, nil)", limit, show(got), err, show(data))
			}
			if cap(got) > 64<<10 {
				t.Errorf("ReadAllLimit(<10 bytes>, %d) returned a slice with cap %d: pre-size to at most 64 KiB", limit, cap(got))
			}
		})
	}
	t.Run("modest-limit-small-body", func(t *testing.T) {
		got, err, p := readAll(strings.NewReader("tiny"), 64<<20)
		if p != "" || err != nil || string(got) != "tiny" {
			t.Fatalf("ReadAllLimit(\"tiny\", 64 MiB) = (%q, %v) panic=%q; want (\"tiny\", nil)", got, err, p)
		}
		if cap(got) > 64<<10 {
			t.Errorf("ReadAllLimit(\"tiny\", 64 MiB) returned a slice with cap %d: pre-size to at most 64 KiB", cap(got))
		}
	})
}

func TestHardLimit(t *testing.T) {
	for _, limit := range []int64{1, 7, 4096, 64<<10 - 1, 64 << 10, 64<<10 + 1, 200_000} {
		t.Run(fmt.Sprintf("limit-%d", limit), func(t *testing.T) {
			data := pattern(int(limit) + 5000)
			src := &spyReader{data: data, failAfter: int(limit)}
			expectRead(t, fmt.Sprintf("<%d bytes, Read fails once %d were served>", len(data), limit), src, limit, data[:limit])
			if src.off != int(limit) {
				t.Errorf("ReadAllLimit consumed %d bytes, want exactly %d", src.off, limit)
			}
		})
		t.Run(fmt.Sprintf("chunked-%d", limit), func(t *testing.T) {
			data := pattern(int(limit) + 5000)
			src := &spyReader{data: data, chunk: 3000, failAfter: int(limit)}
			expectRead(t, fmt.Sprintf("<%d bytes in reads of ≤3000, Read fails once %d were served>", len(data), limit), src, limit, data[:limit])
			if src.off != int(limit) {
				t.Errorf("ReadAllLimit consumed %d bytes, want exactly %d", src.off, limit)
			}
		})
	}
	t.Run("stream-continues", func(t *testing.T) {
		src := strings.NewReader("header|body")
		expectRead(t, "\"header|body\"", src, 7, []byte("header|"))
		rest, _ := io.ReadAll(src)
		if string(rest) != "body" {
			t.Errorf("after ReadAllLimit(\"header|body\", 7) the source continues with %q, want \"body\"", rest)
		}
	})
}

func TestReaders(t *testing.T) {
	data := pattern(150_000)
	readers := []struct {
		name string
		r    func() io.Reader
	}{
		{"one-byte", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }},
		{"half", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }},
		{"data-with-eof", func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) }},
		{"multi", func() io.Reader {
			return io.MultiReader(bytes.NewReader(data[:1]), bytes.NewReader(data[1:70_000]), strings.NewReader(""), bytes.NewReader(data[70_000:]))
		}},
		{"zero-progress", func() io.Reader { return &stutterReader{r: bytes.NewReader(data)} }},
	}
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			expectRead(t, rd.name+" reader of 150000 bytes", rd.r(), 16<<20, data)
		})
		t.Run(rd.name+"-cut", func(t *testing.T) {
			expectRead(t, rd.name+" reader of 150000 bytes", rd.r(), 99_999, data[:99_999])
		})
		t.Run(rd.name+"-exact", func(t *testing.T) {
			expectRead(t, rd.name+" reader of 150000 bytes", rd.r(), 150_000, data)
		})
	}
	t.Run("small-data-with-eof", func(t *testing.T) {
		expectRead(t, "DataErrReader(\"abc\")", iotest.DataErrReader(strings.NewReader("abc")), 10, []byte("abc"))
	})
}

// stutterReader returns (0, nil) twice before every real read.
type stutterReader struct {
	r io.Reader
	n int
}

func (s *stutterReader) Read(p []byte) (int, error) {
	s.n++
	if s.n%3 != 0 {
		return 0, nil
	}
	return s.r.Read(p)
}

var errBoom = errors.New("boom")

// failing serves data and then returns err, either alone or with the last bytes.
type failing struct {
	data     []byte
	err      error
	withData bool
}

func (f *failing) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	if len(f.data) == 0 && f.withData {
		return n, f.err
	}
	return n, nil
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		err      error
		withData bool
		limit    int64
	}{
		{"immediate", nil, errBoom, false, 100},
		{"after-data", []byte("partial"), errBoom, false, 100},
		{"with-data", []byte("partial"), errBoom, true, 100},
		{"after-64k", pattern(100_000), errBoom, false, 1 << 20},
		{"unexpected-eof", []byte("trunc"), io.ErrUnexpectedEOF, false, 100},
		{"unexpected-eof-with-data", []byte("trunc"), io.ErrUnexpectedEOF, true, 100},
		{"closed-pipe", []byte("x"), io.ErrClosedPipe, false, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := &failing{data: tc.data, err: tc.err, withData: tc.withData}
			got, err, p := readAll(src, tc.limit)
			call := fmt.Sprintf("ReadAllLimit(<%d bytes then error %q>, %d)", len(tc.data), tc.err, tc.limit)
			if p != "" {
				t.Fatalf("%s panicked: %s", call, p)
			}
			if !errors.Is(err, tc.err) {
				t.Fatalf("%s returned error %v, want %v (only io.EOF is a clean end)", call, err, tc.err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Fatalf("%s returned %s, want the %d bytes read before the error (%s)", call, show(got), len(tc.data), show(tc.data))
			}
		})
	}
	t.Run("timeout-reader", func(t *testing.T) {
		// The second Read fails: the result is whatever the first Read delivered.
		data := pattern(1000)
		got, err, p := readAll(iotest.TimeoutReader(bytes.NewReader(data)), 1<<20)
		if p != "" || !errors.Is(err, iotest.ErrTimeout) || len(got) == 0 || !bytes.Equal(got, data[:len(got)]) {
			t.Fatalf("ReadAllLimit(TimeoutReader(<1000 bytes>), 1 MiB) = (%s, %v) panic=%q; want the bytes of the first Read and iotest.ErrTimeout", show(got), err, p)
		}
	})
	t.Run("error-after-limit-unseen", func(t *testing.T) {
		src := &failing{data: []byte("abcdef"), err: errBoom}
		expectRead(t, "<6 bytes then error boom>", src, 6, []byte("abcdef"))
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for i := 0; i < 300 && !t.Failed(); i++ {
		size := r.IntN(300_000)
		limit := int64(r.IntN(300_000)) - 10
		chunk := 0
		if r.IntN(2) == 0 {
			chunk = 1 + r.IntN(20_000)
		}
		data := pattern(size)
		want := data[:max(0, min(int64(size), limit))]
		src := &spyReader{data: data, chunk: chunk}
		got, err, p := readAll(src, limit)
		if p != "" || err != nil || !bytes.Equal(got, want) {
			t.Fatalf("ReadAllLimit(<%d bytes, chunk %d>, %d) = (%s, %v) panic=%q; want (%s, nil)", size, chunk, limit, show(got), err, p, show(want))
		}
		if src.off != len(want) {
			t.Fatalf("ReadAllLimit(<%d bytes, chunk %d>, %d) consumed %d bytes, want %d", size, chunk, limit, src.off, len(want))
		}
	}
}

func TestIndependentResults(t *testing.T) {
	a, errA := ReadAllLimit(strings.NewReader("first"), 100)
	b, errB := ReadAllLimit(strings.NewReader("second"), 100)
	if errA != nil || errB != nil || string(a) != "first" || string(b) != "second" {
		t.Fatalf("two calls returned (%q, %v) and (%q, %v), want (\"first\", nil) and (\"second\", nil)", a, errA, b, errB)
	}
	b = append(b[:0], "XXXXXX"...)
	if string(a) != "first" {
		t.Errorf("changing the second result changed the first to %q: results must not share memory", a)
	}
}
