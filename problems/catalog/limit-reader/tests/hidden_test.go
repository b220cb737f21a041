package limit

import (
	"bufio"
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

// drain reads r to the end with buffers of size bufSize and returns the bytes and the
// first error other than io.EOF. Read returning (0, nil) 100 times in a row is an error.
func drain(r io.Reader, bufSize int) ([]byte, error) {
	var out []byte
	buf := make([]byte, bufSize)
	for empty := 0; empty < 100; {
		n, err := r.Read(buf)
		if n < 0 || n > len(buf) {
			return out, fmt.Errorf("Read(buf of %d bytes) returned n = %d", len(buf), n)
		}
		out = append(out, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if n == 0 {
			empty++
		} else {
			empty = 0
		}
	}
	return out, errors.New("Read returned (0, nil) 100 times in a row instead of io.EOF")
}

// guard protects standard-library helpers (io.ReadAll, io.Copy, ...) from a reader that
// never reports io.EOF: after 100 reads in a row of (0, nil) it fails instead of spinning.
func guard(r io.Reader) io.Reader { return &guardReader{r: r} }

type guardReader struct {
	r     io.Reader
	empty int
}

var errNoProgress = errors.New("Read returned (0, nil) 100 times in a row instead of io.EOF")

func (g *guardReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if n == 0 && err == nil && len(p) > 0 {
		if g.empty++; g.empty >= 100 {
			return 0, errNoProgress
		}
	} else {
		g.empty = 0
	}
	return n, err
}

// spyReader wraps a reader and records how it is used.
type spyReader struct {
	r        io.Reader
	calls    int   // Read calls
	consumed int64 // bytes handed out
	maxAsk   int   // largest len(p) asked for
}

func (s *spyReader) Read(p []byte) (int, error) {
	s.calls++
	s.maxAsk = max(s.maxAsk, len(p))
	n, err := s.r.Read(p)
	s.consumed += int64(n)
	return n, err
}

// step is one scripted result of a scriptReader.
type step struct {
	data string
	err  error
}

// scriptReader returns the scripted steps in order (each step's data must fit in p,
// or is cut to len(p) with the remainder kept for the next call), then io.EOF forever.
type scriptReader struct {
	steps []step
	calls int
}

func (s *scriptReader) Read(p []byte) (int, error) {
	s.calls++
	if len(s.steps) == 0 {
		return 0, io.EOF
	}
	st := &s.steps[0]
	n := copy(p, st.data)
	if n < len(st.data) {
		st.data = st.data[n:]
		return n, nil
	}
	err := st.err
	s.steps = s.steps[1:]
	return n, err
}

var errBoom = errors.New("boom")

func TestBasics(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		n    int64
		buf  int
		want string
	}{
		{"first-five", "hello, world", 5, 4, "hello"},
		{"limit-over-len", "hello", 100, 4, "hello"},
		{"exact-len", "hello", 5, 4, "hello"},
		{"zero", "hello", 0, 4, ""},
		{"negative", "hello", -3, 4, ""},
		{"unicode-bytes", "héllo", 2, 4, "h\xc3"},
		{"one", "hello", 1, 4, "h"},
		{"big-buffer", "hello, world", 7, 1024, "hello, "},
		{"one-byte-buffer", "hello, world", 7, 1, "hello, "},
		{"buffer-equals-limit", "hello, world", 6, 6, "hello,"},
		{"limit-multiple-of-buffer", "abcdefghijkl", 8, 4, "abcdefgh"},
		{"empty-source", "", 10, 4, ""},
		{"empty-source-zero", "", 0, 4, ""},
		{"max-int64", "hello", math.MaxInt64, 4, "hello"},
		{"min-int64", "hello", math.MinInt64, 4, ""},
		{"binary", "\x00\xff\x00\xfe\n\r", 5, 2, "\x00\xff\x00\xfe\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := drain(LimitReader(strings.NewReader(tc.data), tc.n), tc.buf)
			if err != nil || string(got) != tc.want {
				t.Errorf("reading LimitReader(%q, %d) to the end with a %d-byte buffer gave %q, %v; want %q, <nil>",
					tc.data, tc.n, tc.buf, got, err, tc.want)
			}
		})
	}
}

func TestDoesNotOverRead(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int64
		buf  int
	}{
		{"small-limit-big-buffer", 3, 512},
		{"limit-not-multiple", 10, 4},
		{"one-byte-buffer", 5, 1},
		{"limit-equals-buffer", 8, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const data = "0123456789abcdefghijklmnopqrstuvwxyz"
			src := strings.NewReader(data)
			spy := &spyReader{r: src}
			got, err := drain(LimitReader(spy, tc.n), tc.buf)
			if err != nil || string(got) != data[:tc.n] {
				t.Fatalf("LimitReader(<%q>, %d) read %q, %v; want %q, <nil>", data, tc.n, got, err, data[:tc.n])
			}
			if spy.consumed != tc.n {
				t.Errorf("LimitReader(r, %d) read %d bytes out of r with a %d-byte buffer; it must take exactly %d and leave the rest in r",
					tc.n, spy.consumed, tc.buf, tc.n)
			}
			if int64(spy.maxAsk) > tc.n {
				t.Errorf("LimitReader(r, %d) called r.Read with a %d-byte buffer; it must never ask for more than the bytes still allowed",
					tc.n, spy.maxAsk)
			}
			rest, _ := drain(src, 64)
			if string(rest) != data[tc.n:] {
				t.Errorf("after LimitReader(r, %d) was drained, r still held %q, want %q", tc.n, rest, data[tc.n:])
			}
		})
	}
	t.Run("consecutive-limits", func(t *testing.T) {
		src := strings.NewReader("aaabbbbcc-rest")
		var parts []string
		for _, n := range []int64{3, 4, 2} {
			got, err := drain(LimitReader(src, n), 16)
			if err != nil {
				t.Fatalf("LimitReader(src, %d): %v", n, err)
			}
			parts = append(parts, string(got))
		}
		rest, _ := drain(src, 16)
		parts = append(parts, string(rest))
		if want := []string{"aaa", "bbbb", "cc", "-rest"}; fmt.Sprint(parts) != fmt.Sprint(want) {
			t.Errorf("three LimitReaders (3, 4, 2) one after the other on \"aaabbbbcc-rest\" read %q, want %q", parts, want)
		}
	})
	t.Run("asks-at-most-remaining", func(t *testing.T) {
		spy := &spyReader{r: iotest.OneByteReader(strings.NewReader("abcdefghij"))}
		lr := LimitReader(spy, 6)
		buf := make([]byte, 100)
		for i := 0; i < 6; i++ {
			spy.maxAsk = 0
			if n, err := lr.Read(buf); n != 1 || err != nil && err != io.EOF {
				t.Fatalf("Read %d on LimitReader(<one byte per Read>, 6) = (%d, %v), want (1, <nil>)", i+1, n, err)
			}
			if spy.maxAsk > 6-i {
				t.Fatalf("Read %d on LimitReader(r, 6) asked r for %d bytes when only %d were still allowed", i+1, spy.maxAsk, 6-i)
			}
		}
	})
}

func TestEOFAfterLimit(t *testing.T) {
	t.Run("repeated-eof", func(t *testing.T) {
		spy := &spyReader{r: strings.NewReader("abcdefgh")}
		lr := LimitReader(spy, 4)
		if got, err := drain(lr, 3); err != nil || string(got) != "abcd" {
			t.Fatalf("reading LimitReader(\"abcdefgh\", 4) gave %q, %v; want \"abcd\", <nil>", got, err)
		}
		calls := spy.calls
		buf := make([]byte, 8)
		for i := 0; i < 3; i++ {
			if n, err := lr.Read(buf); n != 0 || err != io.EOF {
				t.Fatalf("Read #%d after the limit = (%d, %v), want (0, EOF)", i+1, n, err)
			}
		}
		if spy.calls != calls {
			t.Errorf("after the limit was reached, Read still called the underlying reader %d more times; want none", spy.calls-calls)
		}
	})
	t.Run("eof-even-for-empty-buffer", func(t *testing.T) {
		lr := LimitReader(strings.NewReader("abc"), 2)
		drain(lr, 8)
		if n, err := lr.Read(nil); n != 0 || err != io.EOF {
			t.Errorf("Read(nil) after the limit = (%d, %v), want (0, EOF)", n, err)
		}
	})
	t.Run("underlying-has-more", func(t *testing.T) {
		// The source never ends: only the limit can stop the read.
		spy := &spyReader{r: iotest.OneByteReader(endless{})}
		got, err := drain(LimitReader(spy, 1000), 7)
		if err != nil || len(got) != 1000 {
			t.Errorf("LimitReader(<endless source>, 1000) gave %d bytes, %v; want 1000 bytes, <nil>", len(got), err)
		}
	})
}

// dataEOF returns a reader that hands out r's bytes and reports io.EOF together with the
// last ones, as the io.Reader contract allows (like iotest.DataErrReader, but an empty
// buffer just gets (0, nil)).
func dataEOF(r io.Reader) io.Reader {
	all, _ := io.ReadAll(r)
	return &dataEOFReader{rest: all}
}

type dataEOFReader struct{ rest []byte }

func (d *dataEOFReader) Read(p []byte) (int, error) {
	if len(d.rest) == 0 {
		return 0, io.EOF
	}
	n := copy(p, d.rest)
	d.rest = d.rest[n:]
	if len(d.rest) == 0 {
		return n, io.EOF
	}
	return n, nil
}

// endless is an infinite stream of 'x'.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestNonPositiveLimit(t *testing.T) {
	for _, n := range []int64{0, -1, -1000, math.MinInt64} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			spy := &spyReader{r: strings.NewReader("data")}
			lr := LimitReader(spy, n)
			buf := make([]byte, 4)
			for i := 0; i < 2; i++ {
				if got, err := lr.Read(buf); got != 0 || err != io.EOF {
					t.Fatalf("Read on LimitReader(r, %d) = (%d, %v), want (0, EOF)", n, got, err)
				}
			}
			if spy.calls != 0 {
				t.Errorf("LimitReader(r, %d) called r.Read %d times; with nothing allowed it must not read at all", n, spy.calls)
			}
		})
	}
}

func TestEmptyBuffer(t *testing.T) {
	src := strings.NewReader("abc")
	lr := LimitReader(src, 2)
	for _, p := range [][]byte{nil, {}} {
		if n, err := lr.Read(p); n != 0 || err != nil {
			t.Errorf("Read(%#v) on a fresh LimitReader(\"abc\", 2) = (%d, %v), want (0, <nil>): nothing was asked for, and the limit is not reached", p, n, err)
		}
	}
	if got, err := drain(lr, 8); err != nil || string(got) != "ab" {
		t.Errorf("after two empty Reads, LimitReader(\"abc\", 2) gave %q, %v; want \"ab\", <nil>", got, err)
	}
}

func TestShortReads(t *testing.T) {
	const data = "The quick brown fox jumps over the lazy dog"
	for _, tc := range []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"one-byte", iotest.OneByteReader},
		{"half", iotest.HalfReader},
		{"data-with-eof", dataEOF},
	} {
		for _, n := range []int64{0, 1, 9, 20, int64(len(data)) - 1, int64(len(data)), 100} {
			t.Run(fmt.Sprintf("%s-%d", tc.name, n), func(t *testing.T) {
				spy := &spyReader{r: tc.wrap(strings.NewReader(data))}
				got, err := drain(LimitReader(spy, n), 8)
				want := data[:min(n, int64(len(data)))]
				if err != nil || string(got) != want {
					t.Errorf("LimitReader(%s(%q), %d) gave %q, %v; want %q, <nil>", tc.name, data, n, got, err, want)
				}
				if spy.consumed != int64(len(want)) {
					t.Errorf("LimitReader(%s(r), %d) took %d bytes out of r, want %d", tc.name, n, spy.consumed, len(want))
				}
			})
		}
	}
}

func TestErrorsPassThrough(t *testing.T) {
	t.Run("error-with-data", func(t *testing.T) {
		sr := &scriptReader{steps: []step{{"abc", errBoom}, {"def", nil}}}
		lr := LimitReader(sr, 100)
		buf := make([]byte, 10)
		n, err := lr.Read(buf)
		if n != 3 || string(buf[:n]) != "abc" || err != errBoom {
			t.Fatalf("Read when the source returns (\"abc\", boom) = (%d, %q, %v), want (3, \"abc\", boom): pass data and error through unchanged",
				n, buf[:max(0, min(n, len(buf)))], err)
		}
	})
	t.Run("error-without-data", func(t *testing.T) {
		lr := LimitReader(iotest.ErrReader(errBoom), 10)
		if n, err := lr.Read(make([]byte, 4)); n != 0 || err != errBoom {
			t.Errorf("Read on LimitReader(<reader failing with boom>, 10) = (%d, %v), want (0, boom)", n, err)
		}
	})
	t.Run("eof-before-limit", func(t *testing.T) {
		sr := &scriptReader{steps: []step{{"ab", nil}}}
		got, err := drain(LimitReader(sr, 10), 4)
		if err != nil || string(got) != "ab" {
			t.Errorf("LimitReader(<2-byte source>, 10) gave %q, %v; want \"ab\", <nil>", got, err)
		}
	})
	t.Run("limit-counts-data-returned-with-error", func(t *testing.T) {
		// 4 bytes arrive with a temporary error; the reader goes on afterwards.
		sr := &scriptReader{steps: []step{{"abcd", errBoom}, {"efgh", nil}, {"ijkl", nil}}}
		lr := LimitReader(sr, 6)
		buf := make([]byte, 8)
		var got []byte
		n, err := lr.Read(buf)
		got = append(got, buf[:n]...)
		if err != errBoom {
			t.Fatalf("first Read = (%d, %v), want (4, boom)", n, err)
		}
		rest, err := drain(lr, 8)
		got = append(got, rest...)
		if err != nil || string(got) != "abcdef" {
			t.Errorf("LimitReader(r, 6), where r gives (\"abcd\", boom) then \"efgh\", \"ijkl\": read %q, %v in total; want \"abcdef\", <nil> (bytes that came with an error count towards the limit)",
				got, err)
		}
	})
	t.Run("timeout-then-data", func(t *testing.T) {
		lr := LimitReader(iotest.TimeoutReader(strings.NewReader("0123456789")), 7)
		buf := make([]byte, 4)
		var got []byte
		var errs []error
		for i := 0; i < 10; i++ {
			n, err := lr.Read(buf)
			got = append(got, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
		if string(got) != "0123456" || len(errs) != 1 || errs[0] != iotest.ErrTimeout {
			t.Errorf("LimitReader(TimeoutReader(\"0123456789\"), 7) read %q with errors %v; want \"0123456\" and exactly one ErrTimeout", got, errs)
		}
	})
	t.Run("zero-nil-passes-through", func(t *testing.T) {
		sr := &scriptReader{steps: []step{{"", nil}, {"ab", nil}}}
		lr := LimitReader(sr, 5)
		buf := make([]byte, 4)
		if n, err := lr.Read(buf); n != 0 || err != nil {
			t.Errorf("Read when the source returns (0, nil) = (%d, %v), want (0, <nil>)", n, err)
		}
		if got, err := drain(lr, 4); err != nil || string(got) != "ab" {
			t.Errorf("then reading to the end gave %q, %v; want \"ab\", <nil>", got, err)
		}
	})
}

func TestIOTest(t *testing.T) {
	const data = "Lorem ipsum dolor sit amet, consectetur adipiscing elit"
	for _, n := range []int64{0, 1, 10, 54, 55, 56, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			want := data[:min(n, int64(len(data)))]
			if err := iotest.TestReader(guard(LimitReader(strings.NewReader(data), n)), []byte(want)); err != nil {
				t.Errorf("iotest.TestReader(LimitReader(%q, %d)): %v", data, n, err)
			}
		})
	}
}

func TestWithStdlib(t *testing.T) {
	const text = "line one\nline two\nline three\nline four\n"
	t.Run("read-all", func(t *testing.T) {
		got, err := io.ReadAll(guard(LimitReader(strings.NewReader(text), 17)))
		if err != nil || string(got) != "line one\nline two" {
			t.Errorf("io.ReadAll(LimitReader(text, 17)) = %q, %v; want \"line one\\nline two\", <nil>", got, err)
		}
	})
	t.Run("copy", func(t *testing.T) {
		var b bytes.Buffer
		n, err := io.Copy(&b, guard(LimitReader(strings.NewReader(text), 30)))
		if n != 30 || err != nil || b.String() != text[:30] {
			t.Errorf("io.Copy(buf, LimitReader(text, 30)) = %d, %v with %q; want 30, <nil> with %q", n, err, b.String(), text[:30])
		}
	})
	t.Run("scanner", func(t *testing.T) {
		sc := bufio.NewScanner(guard(LimitReader(strings.NewReader(text), 22)))
		var lines []string
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if want := []string{"line one", "line two", "line"}; fmt.Sprint(lines) != fmt.Sprint(want) || sc.Err() != nil {
			t.Errorf("scanning lines of LimitReader(text, 22) gave %q (err %v), want %q", lines, sc.Err(), want)
		}
	})
	t.Run("read-full", func(t *testing.T) {
		buf := make([]byte, 10)
		n, err := io.ReadFull(guard(LimitReader(strings.NewReader(text), 6)), buf)
		if n != 6 || err != io.ErrUnexpectedEOF {
			t.Errorf("io.ReadFull(LimitReader(text, 6), <10 bytes>) = %d, %v; want 6, unexpected EOF", n, err)
		}
	})
	t.Run("nested", func(t *testing.T) {
		got, err := io.ReadAll(guard(LimitReader(LimitReader(strings.NewReader(text), 12), 20)))
		if err != nil || string(got) != text[:12] {
			t.Errorf("LimitReader(LimitReader(text, 12), 20) gave %q, %v; want %q", got, err, text[:12])
		}
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 17))
	for i := 0; i < 400 && !t.Failed(); i++ {
		data := make([]byte, r.IntN(200))
		for j := range data {
			data[j] = byte(r.IntN(256))
		}
		n := int64(r.IntN(260)) - 30
		buf := 1 + r.IntN(40)
		var src io.Reader = bytes.NewReader(data)
		switch r.IntN(3) {
		case 1:
			src = iotest.OneByteReader(src)
		case 2:
			src = iotest.HalfReader(src)
		}
		spy := &spyReader{r: src}
		got, err := drain(LimitReader(spy, n), buf)
		want := data[:max(0, min(n, int64(len(data))))]
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("LimitReader(<%d random bytes>, %d) with a %d-byte buffer gave %d bytes, %v; want the first %d bytes, <nil>",
				len(data), n, buf, len(got), err, len(want))
		}
		if spy.consumed != int64(len(want)) {
			t.Fatalf("LimitReader(<%d random bytes>, %d) with a %d-byte buffer took %d bytes out of the source, want %d",
				len(data), n, buf, spy.consumed, len(want))
		}
	}
}

func TestLarge(t *testing.T) {
	const size = 8 << 20
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	for _, n := range []int64{5<<20 + 3, size, size + 1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			spy := &spyReader{r: bytes.NewReader(data)}
			copied, err := io.Copy(io.Discard, guard(LimitReader(spy, n)))
			want := min(n, int64(size))
			if copied != want || err != nil {
				t.Errorf("io.Copy(io.Discard, LimitReader(<%d bytes>, %d)) = %d, %v; want %d, <nil>", size, n, copied, err, want)
			}
			if spy.consumed != want {
				t.Errorf("LimitReader(<%d bytes>, %d) took %d bytes out of the source, want %d", size, n, spy.consumed, want)
			}
		})
	}
}
