package tee

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
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

// recorder is a writer that keeps every Write call separately.
type recorder struct{ calls [][]byte }

func (r *recorder) Write(p []byte) (int, error) {
	r.calls = append(r.calls, bytes.Clone(p))
	return len(p), nil
}

func (r *recorder) all() []byte { return bytes.Join(r.calls, nil) }

// limitedWriter accepts up to room bytes in total, then fails with errFull (writing
// the part that still fits, as io.Writer allows).
type limitedWriter struct {
	room  int
	got   []byte
	calls int
}

var errFull = errors.New("writer full")

func (w *limitedWriter) Write(p []byte) (int, error) {
	w.calls++
	n := min(len(p), w.room)
	w.got = append(w.got, p[:n]...)
	w.room -= n
	if n < len(p) {
		return n, errFull
	}
	return n, nil
}

// shortWriter keeps only the first byte of each Write and reports a nil error: it breaks
// the io.Writer contract, which asks for an error with any short write.
type shortWriter struct {
	got   string
	calls int
}

func (w *shortWriter) Write(p []byte) (int, error) {
	w.calls++
	if len(p) == 0 {
		return 0, nil
	}
	w.got += string(p[:1])
	return 1, nil
}

// step is one scripted result of a scriptReader.
type step struct {
	data string
	err  error
}

// scriptReader returns the scripted steps in order (data longer than p is cut and the
// remainder kept for the next call), then io.EOF forever.
type scriptReader struct{ steps []step }

func (s *scriptReader) Read(p []byte) (int, error) {
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

// guard protects standard-library helpers from a reader that never reports io.EOF.
func guard(r io.Reader) io.Reader { return &guardReader{r: r} }

type guardReader struct {
	r     io.Reader
	empty int
}

func (g *guardReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if n == 0 && err == nil && len(p) > 0 {
		if g.empty++; g.empty >= 100 {
			return 0, errors.New("Read returned (0, nil) 100 times in a row instead of io.EOF")
		}
	} else {
		g.empty = 0
	}
	return n, err
}

// short quotes s, or gives its size when it is long.
func short(s string) string {
	if len(s) <= 40 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("<%d bytes>", len(s))
}

func TestBasics(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		buf  int
	}{
		{"ascii", "hello, world", 4},
		{"empty", "", 4},
		{"unicode", "héllo 世界 😀", 4},
		{"one-byte-buffer", "hello, world", 1},
		{"big-buffer", "hello, world", 1024},
		{"buffer-equals-len", "abcdefgh", 8},
		{"binary", "\x00\xff\x00\n\r\xfe", 3},
		{"long", strings.Repeat("0123456789", 500), 64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w bytes.Buffer
			got, err := drain(TeeReader(strings.NewReader(tc.data), &w), tc.buf)
			if err != nil || string(got) != tc.data || w.String() != tc.data {
				t.Errorf("reading TeeReader(%s, &buf) to the end with a %d-byte buffer gave %s, %v and buf = %s; want %s, <nil> and buf = the same",
					short(tc.data), tc.buf, short(string(got)), err, short(w.String()), short(tc.data))
			}
		})
	}
}

func TestWritesExactlyWhatWasRead(t *testing.T) {
	t.Run("one-write-per-read", func(t *testing.T) {
		rec := &recorder{}
		tr := TeeReader(iotest.HalfReader(strings.NewReader("abcdefghijklmnop")), rec)
		buf := make([]byte, 8)
		var reads []string
		for i := 0; i < 20; i++ {
			before := len(rec.calls)
			n, err := tr.Read(buf)
			if n > 0 {
				reads = append(reads, string(buf[:n]))
				if len(rec.calls) != before+1 || string(rec.calls[len(rec.calls)-1]) != string(buf[:n]) {
					t.Fatalf("Read returned %q, but w received %q during that call; want exactly one Write of the %d bytes read", buf[:n], rec.calls[before:], n)
				}
			} else if len(rec.calls) != before {
				t.Fatalf("Read returned 0 bytes (err %v) but called w.Write %d times; want no Write when nothing was read", err, len(rec.calls)-before)
			}
			if err == io.EOF {
				break
			}
		}
		if got := strings.Join(reads, ""); got != "abcdefghijklmnop" {
			t.Errorf("reads gave %q, want \"abcdefghijklmnop\"", got)
		}
	})
	t.Run("only-the-bytes-read", func(t *testing.T) {
		// A 100-byte buffer, but the source has 3 bytes: w must get 3, not 100.
		rec := &recorder{}
		buf := bytes.Repeat([]byte{'#'}, 100)
		n, err := TeeReader(strings.NewReader("xyz"), rec).Read(buf)
		if n != 3 || err != nil && err != io.EOF {
			t.Fatalf("Read(<100 bytes>) on TeeReader(\"xyz\", w) = (%d, %v), want (3, <nil>)", n, err)
		}
		if got := rec.all(); string(got) != "xyz" {
			t.Errorf("Read(<100 bytes>) on TeeReader(\"xyz\", w) wrote %d bytes %.20q to w, want exactly \"xyz\"", len(got), got)
		}
	})
	t.Run("written-before-return", func(t *testing.T) {
		rec := &recorder{}
		tr := TeeReader(strings.NewReader("0123456789"), rec)
		buf := make([]byte, 3)
		total := ""
		for {
			n, err := tr.Read(buf)
			total += string(buf[:n])
			if string(rec.all()) != total {
				t.Fatalf("after Read returned, the caller has %q in total but w has only %q; write before returning", total, rec.all())
			}
			if err != nil {
				break
			}
		}
	})
	t.Run("no-write-for-empty-source", func(t *testing.T) {
		lw := &limitedWriter{room: 0}
		n, err := TeeReader(strings.NewReader(""), lw).Read(make([]byte, 4))
		if n != 0 || err != io.EOF {
			t.Errorf("Read on TeeReader(<empty>, <full writer>) = (%d, %v), want (0, EOF): with nothing read, w must not be called", n, err)
		}
		if lw.calls != 0 {
			t.Errorf("Read on TeeReader(<empty>, w) called w.Write %d times, want 0", lw.calls)
		}
	})
	t.Run("empty-buffer", func(t *testing.T) {
		lw := &limitedWriter{room: 0}
		n, err := TeeReader(strings.NewReader("abc"), lw).Read(nil)
		if n != 0 || err != nil || lw.calls != 0 {
			t.Errorf("Read(nil) on TeeReader(\"abc\", <full writer>) = (%d, %v) with %d Write calls; want (0, <nil>) and no Write", n, err, lw.calls)
		}
	})
}

func TestReadErrors(t *testing.T) {
	t.Run("data-with-eof", func(t *testing.T) {
		rec := &recorder{}
		tr := TeeReader(&scriptReader{steps: []step{{"ab", nil}, {"cd", io.EOF}}}, rec)
		buf := make([]byte, 8)
		tr.Read(buf)
		n, err := tr.Read(buf)
		if n != 2 || string(buf[:n]) != "cd" || err != io.EOF {
			t.Errorf("Read when the source returns (\"cd\", EOF) = (%d, %v), want (2, EOF) with \"cd\"", n, err)
		}
		if string(rec.all()) != "abcd" {
			t.Errorf("w received %q, want \"abcd\": the bytes that came with EOF must be written too", rec.all())
		}
	})
	t.Run("data-with-error", func(t *testing.T) {
		rec := &recorder{}
		tr := TeeReader(&scriptReader{steps: []step{{"abc", errBoom}, {"def", nil}}}, rec)
		buf := make([]byte, 8)
		n, err := tr.Read(buf)
		if n != 3 || err != errBoom {
			t.Fatalf("Read when the source returns (\"abc\", boom) = (%d, %v), want (3, boom)", n, err)
		}
		if string(rec.all()) != "abc" {
			t.Errorf("w received %q, want \"abc\": write the data that came with the error", rec.all())
		}
		rest, err := drain(tr, 8)
		if err != nil || string(rest) != "def" || string(rec.all()) != "abcdef" {
			t.Errorf("reading on after the error gave %q, %v with w = %q; want \"def\", <nil> with w = \"abcdef\"", rest, err, rec.all())
		}
	})
	t.Run("error-without-data", func(t *testing.T) {
		lw := &limitedWriter{room: 0}
		n, err := TeeReader(iotest.ErrReader(errBoom), lw).Read(make([]byte, 4))
		if n != 0 || err != errBoom || lw.calls != 0 {
			t.Errorf("Read on TeeReader(<source failing with boom>, w) = (%d, %v) with %d Write calls; want (0, boom) and no Write", n, err, lw.calls)
		}
	})
	t.Run("zero-nil", func(t *testing.T) {
		rec := &recorder{}
		tr := TeeReader(&scriptReader{steps: []step{{"", nil}, {"ok", nil}}}, rec)
		buf := make([]byte, 4)
		if n, err := tr.Read(buf); n != 0 || err != nil || len(rec.calls) != 0 {
			t.Errorf("Read when the source returns (0, nil) = (%d, %v) with %d Write calls; want (0, <nil>) and no Write", n, err, len(rec.calls))
		}
	})
	t.Run("timeout-then-data", func(t *testing.T) {
		var w bytes.Buffer
		tr := TeeReader(iotest.TimeoutReader(strings.NewReader("0123456789")), &w)
		buf := make([]byte, 4)
		var got []byte
		var errs []error
		for i := 0; i < 10; i++ {
			n, err := tr.Read(buf)
			got = append(got, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
		if string(got) != "0123456789" || w.String() != "0123456789" || len(errs) != 1 || errs[0] != iotest.ErrTimeout {
			t.Errorf("TeeReader(TimeoutReader(\"0123456789\"), &buf) read %q with errors %v, buf = %q; want all 10 bytes, exactly one ErrTimeout, buf = the same", got, errs, w.String())
		}
	})
}

func TestWriteErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   string
		room   int
		buf    int
		wantN  int // from the Read that fails
		reads  int // successful reads before it
		wantRx string
	}{
		{"fails-at-once", "abcdef", 0, 8, 0, 0, ""},
		{"fails-midway", "abcdef", 2, 8, 2, 0, "ab"},
		{"fails-on-second-read", "abcdefgh", 5, 4, 1, 1, "abcde"},
		{"fails-at-boundary", "abcdefgh", 4, 4, 0, 1, "abcd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lw := &limitedWriter{room: tc.room}
			tr := TeeReader(strings.NewReader(tc.data), lw)
			buf := make([]byte, tc.buf)
			var seen []byte
			for i := 0; i < tc.reads; i++ {
				n, err := tr.Read(buf)
				if err != nil {
					t.Fatalf("Read #%d on TeeReader(%q, <writer with room for %d bytes>) = (%d, %v), want no error yet", i+1, tc.data, tc.room, n, err)
				}
				seen = append(seen, buf[:n]...)
			}
			n, err := tr.Read(buf)
			if err != errFull || n != tc.wantN {
				t.Fatalf("Read #%d on TeeReader(%q, <writer with room for %d bytes>) = (%d, %v), want (%d, %v): report the write error with the number of bytes w accepted",
					tc.reads+1, tc.data, tc.room, n, err, tc.wantN, errFull)
			}
			seen = append(seen, buf[:n]...)
			if string(seen) != tc.wantRx || string(lw.got) != tc.wantRx {
				t.Errorf("the caller was given %q and w received %q; want both %q (never report a byte w did not get)", seen, lw.got, tc.wantRx)
			}
		})
	}
	t.Run("write-error-beats-eof", func(t *testing.T) {
		lw := &limitedWriter{room: 1}
		tr := TeeReader(&scriptReader{steps: []step{{"xyz", io.EOF}}}, lw)
		n, err := tr.Read(make([]byte, 8))
		if n != 1 || err != errFull {
			t.Errorf("Read when the source returns (\"xyz\", EOF) and w takes only 1 byte = (%d, %v), want (1, %v)", n, err, errFull)
		}
	})
	t.Run("write-error-beats-read-error", func(t *testing.T) {
		lw := &limitedWriter{room: 0}
		tr := TeeReader(&scriptReader{steps: []step{{"xyz", errBoom}}}, lw)
		n, err := tr.Read(make([]byte, 8))
		if n != 0 || err != errFull {
			t.Errorf("Read when the source returns (\"xyz\", boom) and w fails = (%d, %v), want (0, %v)", n, err, errFull)
		}
	})
	t.Run("short-write-nil-error", func(t *testing.T) {
		// Breaks the io.Writer contract (a short write must return an error); the
		// statement says TeeReader trusts a nil error, as io.TeeReader does.
		sw := &shortWriter{}
		tr := TeeReader(strings.NewReader("abcdef"), sw)
		n, err := tr.Read(make([]byte, 8))
		if n != 6 || err != nil {
			t.Errorf("Read when w takes 1 byte of 6 and returns a nil error = (%d, %v), want (6, <nil>): a nil write error counts as success", n, err)
		}
		if sw.calls != 1 || sw.got != "a" {
			t.Errorf("w saw %d Write calls and kept %q, want 1 call (no retry of the rest) keeping \"a\"", sw.calls, sw.got)
		}
	})
	t.Run("io-copy-reports-it", func(t *testing.T) {
		lw := &limitedWriter{room: 10}
		copied, err := io.Copy(io.Discard, guard(TeeReader(strings.NewReader(strings.Repeat("z", 100)), lw)))
		if err != errFull || copied != 10 {
			t.Errorf("io.Copy(io.Discard, TeeReader(<100 bytes>, <writer with room for 10>)) = %d, %v; want 10, %v", copied, err, errFull)
		}
	})
}

func TestIOTest(t *testing.T) {
	const data = "Lorem ipsum dolor sit amet, consectetur adipiscing elit"
	for _, tc := range []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"plain", func(r io.Reader) io.Reader { return r }},
		{"one-byte", iotest.OneByteReader},
		{"half", iotest.HalfReader},
		{"data-with-eof", dataEOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := iotest.TestReader(guard(TeeReader(tc.wrap(strings.NewReader(data)), io.Discard)), []byte(data)); err != nil {
				t.Errorf("iotest.TestReader(TeeReader(%s(%q), io.Discard)): %v", tc.name, data, err)
			}
		})
	}
}

func TestWithStdlib(t *testing.T) {
	const text = "line one\nline two\nline three\n"
	t.Run("read-all", func(t *testing.T) {
		var w bytes.Buffer
		got, err := io.ReadAll(guard(TeeReader(strings.NewReader(text), &w)))
		if err != nil || string(got) != text || w.String() != text {
			t.Errorf("io.ReadAll(TeeReader(text, &buf)) = %q, %v with buf = %q; want the text, <nil>, buf = the text", got, err, w.String())
		}
	})
	t.Run("scanner", func(t *testing.T) {
		var w bytes.Buffer
		sc := bufio.NewScanner(guard(TeeReader(strings.NewReader(text), &w)))
		var lines []string
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if fmt.Sprint(lines) != fmt.Sprint([]string{"line one", "line two", "line three"}) || sc.Err() != nil || w.String() != text {
			t.Errorf("scanning TeeReader(text, &buf) gave %q (err %v), buf = %q", lines, sc.Err(), w.String())
		}
	})
	t.Run("hash-while-reading", func(t *testing.T) {
		h := sha256.New()
		data := bytes.Repeat([]byte("hash me "), 1000)
		got, err := io.ReadAll(guard(TeeReader(bytes.NewReader(data), h)))
		want := sha256.Sum256(data)
		if err != nil || !bytes.Equal(got, data) || !bytes.Equal(h.Sum(nil), want[:]) {
			t.Errorf("TeeReader(<8000 bytes>, sha256) gave %d bytes, %v and hash %x; want the data and %x", len(got), err, h.Sum(nil), want)
		}
	})
	t.Run("chained", func(t *testing.T) {
		var a, b bytes.Buffer
		got, err := io.ReadAll(guard(TeeReader(TeeReader(strings.NewReader(text), &a), &b)))
		if err != nil || string(got) != text || a.String() != text || b.String() != text {
			t.Errorf("TeeReader(TeeReader(text, &a), &b) gave %q, %v with a = %q, b = %q; want the text everywhere", got, err, a.String(), b.String())
		}
	})
	t.Run("read-full", func(t *testing.T) {
		var w bytes.Buffer
		buf := make([]byte, 12)
		n, err := io.ReadFull(guard(TeeReader(strings.NewReader(text), &w)), buf)
		if n != 12 || err != nil || w.String() != text[:12] {
			t.Errorf("io.ReadFull(TeeReader(text, &buf), <12 bytes>) = %d, %v with buf = %q; want 12, <nil>, %q", n, err, w.String(), text[:12])
		}
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 12))
	for i := 0; i < 400 && !t.Failed(); i++ {
		data := make([]byte, r.IntN(300))
		for j := range data {
			data[j] = byte(r.IntN(256))
		}
		var src io.Reader = bytes.NewReader(data)
		switch r.IntN(3) {
		case 1:
			src = iotest.OneByteReader(src)
		case 2:
			src = iotest.HalfReader(src)
		}
		bufSize := 1 + r.IntN(50)
		room := len(data) + 1 // usually enough room
		if r.IntN(3) == 0 {
			room = r.IntN(len(data) + 1)
		}
		lw := &limitedWriter{room: room}
		got, err := drain(TeeReader(src, lw), bufSize)
		if room >= len(data) {
			if err != nil || !bytes.Equal(got, data) || !bytes.Equal(lw.got, data) {
				t.Fatalf("TeeReader(<%d random bytes>, w) with a %d-byte buffer: read %d bytes, %v, w got %d; want all %d, <nil>, and w all %d",
					len(data), bufSize, len(got), err, len(lw.got), len(data), len(data))
			}
			continue
		}
		if err != errFull || !bytes.Equal(got, data[:room]) || !bytes.Equal(lw.got, data[:room]) {
			t.Fatalf("TeeReader(<%d random bytes>, <writer with room for %d>) with a %d-byte buffer: read %d bytes, %v, w got %d; want %d bytes, %v, and w the same %d",
				len(data), room, bufSize, len(got), err, len(lw.got), room, errFull, room)
		}
	}
}

func TestLarge(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), (8<<20)/16)
	h := sha256.New()
	copied, err := io.Copy(io.Discard, guard(TeeReader(bytes.NewReader(data), h)))
	if copied != int64(len(data)) || err != nil {
		t.Fatalf("io.Copy(io.Discard, TeeReader(<%d bytes>, sha256)) = %d, %v; want %d, <nil>", len(data), copied, err, len(data))
	}
	if got, want := fmt.Sprintf("%x", h.Sum(nil)), fmt.Sprintf("%x", sha256.Sum256(data)); got != want {
		t.Errorf("sha256 of what TeeReader wrote = %s, want %s", got, want)
	}
}
