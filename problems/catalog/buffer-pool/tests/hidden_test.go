package bufpool

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
)

const wantCap = 64 << 10

var zeroPage = make([]byte, wantCap)

// checkFresh reports whether b has the shape and contents GetBuf promises.
func checkFresh(b []byte) string {
	if len(b) != 0 || cap(b) != wantCap {
		return fmt.Sprintf("len %d, cap %d; want len 0, cap %d", len(b), cap(b), wantCap)
	}
	if full := b[:cap(b)]; !bytes.Equal(full, zeroPage) {
		i := 0
		for full[i] == 0 {
			i++
		}
		return fmt.Sprintf("byte %d of the buffer is %#x: a buffer from GetBuf must be all zeros up to its capacity (an earlier user's data leaked)", i, full[i])
	}
	return ""
}

func overlaps(a, b []byte) bool {
	a, b = a[:cap(a)], b[:cap(b)]
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	return &a[0] == &b[0] || (&a[len(a)-1] == &b[len(b)-1])
}

func TestGetBuf(t *testing.T) {
	t.Run("shape-and-zero", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			b := GetBuf()
			if msg := checkFresh(b); msg != "" {
				t.Fatalf("GetBuf() call %d: %s", i+1, msg)
			}
			defer PutBuf(b)
		}
	})
	t.Run("held-buffers-distinct", func(t *testing.T) {
		var held [][]byte
		for i := 0; i < 16; i++ {
			b := GetBuf()
			for j, h := range held {
				if overlaps(b, h) {
					t.Fatalf("GetBuf() call %d returned memory that call %d's caller still holds", i+1, j+1)
				}
			}
			held = append(held, b)
		}
		for i, h := range held {
			held[i] = append(h, byte(i+1))
		}
		for i, h := range held {
			if h[0] != byte(i+1) {
				t.Fatalf("buffer %d was changed by writing to another buffer from GetBuf", i+1)
			}
		}
		for _, h := range held {
			PutBuf(h)
		}
	})
}

func TestPutBuf(t *testing.T) {
	t.Run("len-reset", func(t *testing.T) {
		for i := 0; i < 20; i++ {
			b := GetBuf()
			if cap(b) != wantCap {
				t.Fatalf("GetBuf() returned cap %d, want %d", cap(b), wantCap)
			}
			b = b[:1000]
			PutBuf(b)
			c := GetBuf()
			if msg := checkFresh(c); msg != "" {
				t.Fatalf("PutBuf(<buffer with len 1000>) then GetBuf(): %s", msg)
			}
			PutBuf(c)
		}
	})
	t.Run("wipes-used-part", func(t *testing.T) {
		secret := []byte("api-key=sk_live_0123456789")
		for i := 0; i < 30; i++ {
			b := GetBuf()
			if msg := checkFresh(b); msg != "" {
				t.Fatalf("round %d: GetBuf() after PutBuf(<buffer holding %q>): %s", i+1, secret, msg)
			}
			b = append(b, secret...)
			PutBuf(b)
		}
	})
	t.Run("wipes-full-buffer", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			b := GetBuf()
			if msg := checkFresh(b); msg != "" {
				t.Fatalf("round %d: GetBuf() after PutBuf(<full 64 KiB buffer of 0xAB>): %s", i+1, msg)
			}
			b = b[:cap(b)]
			for j := range b {
				b[j] = 0xAB
			}
			PutBuf(b)
		}
	})
	t.Run("foreign-64k", func(t *testing.T) {
		mine := make([]byte, 5, wantCap)
		copy(mine, "XXXXX")
		PutBuf(mine)
		var held [][]byte
		for i := 0; i < 10; i++ {
			b := GetBuf()
			if msg := checkFresh(b); msg != "" {
				t.Fatalf("PutBuf(make([]byte, 5, 64<<10) holding \"XXXXX\") then GetBuf(): %s", msg)
			}
			held = append(held, b)
		}
		for _, b := range held {
			PutBuf(b)
		}
	})
}

func TestPutBufOddSizes(t *testing.T) {
	t.Run("nil-and-empty", func(t *testing.T) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("PutBuf(nil) or PutBuf([]byte{}) panicked: %v", p)
			}
		}()
		PutBuf(nil)
		PutBuf([]byte{})
		PutBuf(make([]byte, 0))
	})
	caps := []int{1, 100, 1000, 4096, wantCap - 1, wantCap + 1, 2 * wantCap, 1 << 20}
	t.Run("never-handed-out", func(t *testing.T) {
		for round := 0; round < 3; round++ {
			for _, c := range caps {
				PutBuf(make([]byte, 0, c))
				PutBuf(make([]byte, c)) // full length too
			}
			var held [][]byte
			for i := 0; i < 4*len(caps); i++ {
				b := GetBuf()
				if len(b) != 0 || cap(b) != wantCap {
					t.Fatalf("after PutBuf of buffers with capacities %v, GetBuf() returned len %d, cap %d; want len 0, cap %d (odd sizes must be dropped)", caps, len(b), cap(b), wantCap)
				}
				held = append(held, b)
			}
			for _, b := range held {
				PutBuf(b)
			}
		}
	})
	t.Run("subslice-of-bigger", func(t *testing.T) {
		big := make([]byte, 2*wantCap)
		PutBuf(big[:10]) // cap 128 KiB: must be dropped
		for i := 0; i < 8; i++ {
			b := GetBuf()
			if cap(b) != wantCap {
				t.Fatalf("after PutBuf(big[:10]) with cap(big) = %d, GetBuf() returned cap %d, want %d", cap(big), cap(b), wantCap)
			}
			defer PutBuf(b)
		}
	})
}

func TestConcurrentGetPut(t *testing.T) {
	const workers, rounds = 8, 150
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(id byte) {
			defer wg.Done()
			sig := bytes.Repeat([]byte{id}, 512)
			for r := 0; r < rounds; r++ {
				b := GetBuf()
				if msg := checkFresh(b); msg != "" {
					errs <- fmt.Sprintf("goroutine %d, round %d: GetBuf(): %s", id, r, msg)
					return
				}
				b = append(b, sig...)
				full := b[:cap(b)]
				full[len(full)-1] = id
				if r%8 == 0 {
					runtimeYield()
				}
				if !bytes.Equal(b, sig) || full[len(full)-1] != id {
					errs <- fmt.Sprintf("goroutine %d, round %d: another goroutine wrote into the buffer this one got from GetBuf", id, r)
					return
				}
				PutBuf(full)
			}
		}(byte(w + 1))
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// ---- CopyN ----

type copyResult struct {
	n   int64
	err error
}

// spyReader serves data, records every Read and fails the test if asked for
// more than the caller may still take.
type spyReader struct {
	data     []byte
	off      int
	calls    int
	maxAsked int
	chunk    int // 0: fill p as far as possible; else at most chunk bytes per Read
}

func (s *spyReader) Read(p []byte) (int, error) {
	s.calls++
	s.maxAsked = max(s.maxAsked, len(p))
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

func pattern(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(uint64(n), 3))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestCopyNBasics(t *testing.T) {
	tests := []struct {
		name  string
		size  int
		limit int64
		chunk int
		want  int64
	}{
		{"short-source", 11, 100, 0, 11},
		{"exact", 11, 11, 0, 11},
		{"cut", 11, 5, 0, 5},
		{"one-byte", 11, 1, 0, 1},
		{"empty-source", 0, 10, 0, 0},
		{"buffer-size", wantCap, wantCap, 0, wantCap},
		{"buffer-plus-one", wantCap + 1, wantCap + 1, 0, wantCap + 1},
		{"cut-after-buffer", 3 * wantCap, wantCap + 7, 0, wantCap + 7},
		{"one-mib", 1 << 20, 1 << 30, 0, 1 << 20},
		{"one-mib-cut", 1 << 20, 300_001, 0, 300_001},
		{"small-reads", 10_000, 9_999, 7, 9_999},
		{"uneven-reads", 200_000, 1 << 20, 40_000, 200_000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := pattern(tc.size)
			src := &spyReader{data: data, chunk: tc.chunk}
			var dst bytes.Buffer
			n, err := CopyN(&dst, src, tc.limit)
			call := fmt.Sprintf("CopyN(dst, <%d bytes>, %d)", tc.size, tc.limit)
			if n != tc.want || err != nil {
				t.Fatalf("%s = (%d, %v), want (%d, nil)", call, n, err, tc.want)
			}
			if !bytes.Equal(dst.Bytes(), data[:tc.want]) {
				t.Fatalf("%s wrote %d bytes that are not the first %d bytes of the source", call, dst.Len(), tc.want)
			}
			if src.off != int(tc.want) {
				t.Fatalf("%s consumed %d bytes of the source, want %d (never read past the limit)", call, src.off, tc.want)
			}
			if src.maxAsked > wantCap {
				t.Errorf("%s called Read with len(p) = %d, more than the 64 KiB pooled buffer", call, src.maxAsked)
			}
		})
	}
}

func TestCopyNNonPositiveLimit(t *testing.T) {
	for _, limit := range []int64{0, -1, -1 << 40} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			src := &spyReader{data: []byte("data")}
			var dst bytes.Buffer
			n, err := CopyN(&dst, src, limit)
			if n != 0 || err != nil || dst.Len() != 0 {
				t.Fatalf("CopyN(dst, \"data\", %d) = (%d, %v), dst %q; want (0, nil), nothing written", limit, n, err, dst.String())
			}
			if src.calls != 0 {
				t.Errorf("CopyN(dst, src, %d) called src.Read %d times, want 0", limit, src.calls)
			}
		})
	}
}

func TestCopyNNeverAsksPastLimit(t *testing.T) {
	for _, limit := range []int64{1, 10, 4095, wantCap - 1, wantCap + 3, 2*wantCap + 100} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			src := &spyReader{data: pattern(4 * wantCap), chunk: 1000}
			var dst bytes.Buffer
			if n, err := CopyN(&dst, src, limit); n != limit || err != nil {
				t.Fatalf("CopyN(dst, <%d bytes, ≤1000 per Read>, %d) = (%d, %v), want (%d, nil)", 4*wantCap, limit, n, err, limit)
			}
			if src.off != int(limit) {
				t.Fatalf("CopyN(dst, src, %d) consumed %d bytes of src, want exactly %d", limit, src.off, limit)
			}
		})
	}
	t.Run("request-sizes", func(t *testing.T) {
		// A reader that always fills p completely: asking for more than the
		// remaining limit would consume bytes that belong to the next reader.
		src := strings.NewReader(strings.Repeat("x", 3*wantCap))
		var dst bytes.Buffer
		n, err := CopyN(&dst, src, wantCap+10)
		if n != wantCap+10 || err != nil || src.Len() != 2*wantCap-10 {
			t.Fatalf("CopyN(dst, <%d bytes>, %d) = (%d, %v) leaving %d unread; want (%d, nil) leaving %d", 3*wantCap, wantCap+10, n, err, src.Len(), wantCap+10, 2*wantCap-10)
		}
	})
}

func TestCopyNReaders(t *testing.T) {
	data := pattern(150_000)
	readers := []struct {
		name string
		r    func() io.Reader
	}{
		{"one-byte", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }},
		{"half", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }},
		{"data-with-eof", func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) }},
		{"multi", func() io.Reader {
			return io.MultiReader(bytes.NewReader(data[:1]), bytes.NewReader(data[1:70000]), bytes.NewReader(data[70000:]))
		}},
	}
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			var dst bytes.Buffer
			n, err := CopyN(&dst, rd.r(), 1<<40)
			if n != int64(len(data)) || err != nil || !bytes.Equal(dst.Bytes(), data) {
				t.Fatalf("CopyN(dst, %s reader of %d bytes, 1<<40) = (%d, %v) with %d bytes written; want (%d, nil) and the same bytes", rd.name, len(data), n, err, dst.Len(), len(data))
			}
		})
		t.Run(rd.name+"-cut", func(t *testing.T) {
			var dst bytes.Buffer
			n, err := CopyN(&dst, rd.r(), 99_999)
			if n != 99_999 || err != nil || !bytes.Equal(dst.Bytes(), data[:99_999]) {
				t.Fatalf("CopyN(dst, %s reader of %d bytes, 99999) = (%d, %v) with %d bytes written; want (99999, nil) and the first 99999 bytes", rd.name, len(data), n, err, dst.Len())
			}
		})
	}
}

var errBoom = errors.New("boom")

// errAfter serves data, then returns err (with the last bytes or alone).
type errAfter struct {
	data     []byte
	err      error
	withData bool // return the final bytes together with err
}

func (e *errAfter) Read(p []byte) (int, error) {
	if len(e.data) == 0 {
		return 0, e.err
	}
	n := copy(p, e.data)
	e.data = e.data[n:]
	if len(e.data) == 0 && e.withData {
		return n, e.err
	}
	return n, nil
}

type limitedWriter struct {
	buf   bytes.Buffer
	room  int   // bytes accepted before failing
	err   error // nil: a silent short write
	calls int
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	w.calls++
	if len(p) <= w.room {
		w.room -= len(p)
		return w.buf.Write(p)
	}
	n, _ := w.buf.Write(p[:w.room])
	w.room = 0
	return n, w.err
}

func TestCopyNErrors(t *testing.T) {
	t.Run("read-error", func(t *testing.T) {
		src := &errAfter{data: pattern(70_000), err: errBoom}
		var dst bytes.Buffer
		n, err := CopyN(&dst, src, 1<<20)
		if n != 70_000 || !errors.Is(err, errBoom) || dst.Len() != 70_000 {
			t.Fatalf("CopyN(dst, <70000 bytes then error boom>, 1<<20) = (%d, %v) with %d bytes written; want (70000, boom)", n, err, dst.Len())
		}
	})
	t.Run("read-error-with-data", func(t *testing.T) {
		src := &errAfter{data: []byte("abc"), err: errBoom, withData: true}
		var dst bytes.Buffer
		n, err := CopyN(&dst, src, 100)
		if n != 3 || !errors.Is(err, errBoom) || dst.String() != "abc" {
			t.Fatalf("CopyN(dst, <Read returns (3, boom)>, 100) = (%d, %v), dst %q; want (3, boom), dst \"abc\" (write the bytes, then report the error)", n, err, dst.String())
		}
	})
	t.Run("unexpected-eof", func(t *testing.T) {
		src := &errAfter{data: []byte("abc"), err: io.ErrUnexpectedEOF}
		n, err := CopyN(io.Discard, src, 100)
		if n != 3 || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("CopyN(io.Discard, <3 bytes then io.ErrUnexpectedEOF>, 100) = (%d, %v); want (3, io.ErrUnexpectedEOF): only io.EOF means a clean end", n, err)
		}
	})
	t.Run("eof-with-data", func(t *testing.T) {
		src := &errAfter{data: []byte("abc"), err: io.EOF, withData: true}
		var dst bytes.Buffer
		n, err := CopyN(&dst, src, 100)
		if n != 3 || err != nil || dst.String() != "abc" {
			t.Fatalf("CopyN(dst, <Read returns (3, io.EOF)>, 100) = (%d, %v), dst %q; want (3, nil), dst \"abc\"", n, err, dst.String())
		}
	})
	t.Run("error-past-limit-unseen", func(t *testing.T) {
		src := &errAfter{data: []byte("abcdef"), err: errBoom}
		var dst bytes.Buffer
		n, err := CopyN(&dst, src, 6)
		if n != 6 || err != nil {
			t.Fatalf("CopyN(dst, <6 bytes then error>, 6) = (%d, %v); want (6, nil): after the limit, stop without reading again", n, err)
		}
	})
	t.Run("write-error", func(t *testing.T) {
		w := &limitedWriter{room: 10, err: errBoom}
		n, err := CopyN(w, bytes.NewReader(pattern(1000)), 1000)
		if n != 10 || !errors.Is(err, errBoom) {
			t.Fatalf("CopyN(<writer failing after 10 bytes>, <1000 bytes>, 1000) = (%d, %v); want (10, boom)", n, err)
		}
		if w.calls != 1 {
			t.Errorf("CopyN kept writing after a write error: %d Write calls, want 1", w.calls)
		}
	})
	t.Run("short-write", func(t *testing.T) {
		w := &limitedWriter{room: 10}
		n, err := CopyN(w, bytes.NewReader(pattern(1000)), 1000)
		if n != 10 || !errors.Is(err, io.ErrShortWrite) {
			t.Fatalf("CopyN(<writer that silently takes only 10 bytes>, <1000 bytes>, 1000) = (%d, %v); want (10, io.ErrShortWrite)", n, err)
		}
	})
}

// scratchReader writes its secret over all of p (io.Reader allows using p as
// scratch space) but reports only one byte read per call.
type scratchReader struct {
	secret []byte
	left   int
}

func (s *scratchReader) Read(p []byte) (int, error) {
	if s.left == 0 {
		return 0, io.EOF
	}
	for i := 0; i < len(p); i += len(s.secret) {
		copy(p[i:], s.secret)
	}
	s.left--
	return 1, nil
}

func TestCopyNWipes(t *testing.T) {
	check := func(t *testing.T, what string) {
		t.Helper()
		var held [][]byte
		defer func() {
			for _, b := range held {
				PutBuf(b)
			}
		}()
		for i := 0; i < 6; i++ {
			b := GetBuf()
			if msg := checkFresh(b); msg != "" {
				t.Fatalf("GetBuf() after %s: %s", what, msg)
			}
			held = append(held, b)
		}
	}
	t.Run("copied-data", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			src := strings.NewReader(strings.Repeat("secret!", 3000))
			if _, err := CopyN(io.Discard, src, 1<<20); err != nil {
				t.Fatalf("CopyN(io.Discard, <21000 bytes>, 1<<20) returned error %v", err)
			}
			check(t, "CopyN of 21000 secret bytes")
		}
	})
	t.Run("cut-copy", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			src := strings.NewReader(strings.Repeat("secret!", 30000))
			if _, err := CopyN(io.Discard, src, 100_000); err != nil {
				t.Fatalf("CopyN(io.Discard, <210000 bytes>, 100000) returned error %v", err)
			}
			check(t, "CopyN of 100000 secret bytes")
		}
	})
	t.Run("after-error", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			src := &errAfter{data: bytes.Repeat([]byte("secret!"), 100), err: errBoom}
			if _, err := CopyN(io.Discard, src, 1<<20); !errors.Is(err, errBoom) {
				t.Fatalf("CopyN(io.Discard, <700 bytes then boom>, 1<<20) returned error %v, want boom", err)
			}
			check(t, "a CopyN that failed with a read error")
		}
	})
	t.Run("reader-scratch", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			src := &scratchReader{secret: []byte("scratch-secret"), left: 3}
			if n, err := CopyN(io.Discard, src, 5000); n != 3 || err != nil {
				t.Fatalf("CopyN(io.Discard, <3 one-byte reads>, 5000) = (%d, %v), want (3, nil)", n, err)
			}
			check(t, "CopyN from a reader that used all of p as scratch space")
		}
	})
}

func TestCopyNConcurrent(t *testing.T) {
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for r := 0; r < 6; r++ {
				size := 1000 + id*37_000 + r*5_000
				data := bytes.Repeat([]byte{byte('a' + id)}, size)
				var dst bytes.Buffer
				n, err := CopyN(&dst, bytes.NewReader(data), int64(size))
				if n != int64(size) || err != nil || !bytes.Equal(dst.Bytes(), data) {
					errs <- fmt.Sprintf("goroutine %d: CopyN(dst, <%d bytes of %c>, %d) = (%d, %v); the copy is wrong (buffers shared between goroutines?)", id, size, rune('a'+id), size, n, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

func runtimeYield() { runtime.Gosched() }
