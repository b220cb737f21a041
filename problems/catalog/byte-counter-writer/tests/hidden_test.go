package bytecount

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// *Counter must be usable wherever an io.Writer is expected.
var _ io.Writer = (*Counter)(nil)

// writeVia writes s through the io.Writer interface, as library code would.
func writeVia(w io.Writer, s string) (int, error) { return w.Write([]byte(s)) }

func TestZeroValue(t *testing.T) {
	var c Counter
	if got := c.Value(); got != 0 {
		t.Fatalf("a zero Counter has Value() = %d, want 0", got)
	}
	steps := []struct {
		s    string
		want uint64
	}{{"hello", 5}, {"world", 10}, {"", 10}, {"!", 11}}
	for _, st := range steps {
		writeVia(&c, st.s)
		if got := c.Value(); got != st.want {
			t.Fatalf("after writing %q (through io.Writer): Value() = %d, want %d", st.s, got, st.want)
		}
	}
	t.Run("new", func(t *testing.T) {
		c := new(Counter)
		c.Write([]byte("abc"))
		if got := c.Value(); got != 3 {
			t.Errorf("new(Counter) after Write(\"abc\"): Value() = %d, want 3", got)
		}
	})
	t.Run("struct-field", func(t *testing.T) {
		var holder struct {
			name  string
			bytes Counter
		}
		fmt.Fprint(&holder.bytes, "12345678")
		if got := holder.bytes.Value(); got != 8 {
			t.Errorf("a Counter inside a struct, after Fprint of 8 bytes: Value() = %d, want 8", got)
		}
	})
}

func TestWriteResult(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    []byte
	}{
		{"ascii", []byte("hello")},
		{"empty", []byte{}},
		{"nil", nil},
		{"one-byte", []byte{0}},
		{"binary", []byte{0xff, 0x00, 0xfe, 0x80}},
		{"kilobyte", bytes.Repeat([]byte("k"), 1024)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Counter
			orig := bytes.Clone(tc.p)
			n, err := c.Write(tc.p)
			if n != len(tc.p) || err != nil {
				t.Errorf("Write(<%d bytes>) = (%d, %v), want (%d, <nil>): a successful Write reports every byte", len(tc.p), n, err, len(tc.p))
			}
			if got := c.Value(); got != uint64(len(tc.p)) {
				t.Errorf("after Write(<%d bytes>): Value() = %d, want %d", len(tc.p), got, len(tc.p))
			}
			if !bytes.Equal(tc.p, orig) {
				t.Errorf("Write changed the caller's bytes from %q to %q", orig, tc.p)
			}
		})
	}
}

func TestCountsBytes(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		want uint64
	}{
		{"latin", "héllo", 6},
		{"cjk", "日本語", 9},
		{"emoji", "😀👍", 8},
		{"combining", "e\u0301", 3},
		{"invalid-utf8", "\xff\xfe\xfd", 3},
		{"newlines", "a\nb\r\n", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Counter
			writeVia(&c, tc.s)
			if got := c.Value(); got != tc.want {
				t.Errorf("after writing %q: Value() = %d, want %d (bytes, not runes or characters)", tc.s, got, tc.want)
			}
		})
	}
}

func TestReset(t *testing.T) {
	var c Counter
	writeVia(&c, "0123456789")
	c.Reset()
	if got := c.Value(); got != 0 {
		t.Fatalf("after 10 bytes and Reset(): Value() = %d, want 0", got)
	}
	writeVia(&c, "abc")
	if got := c.Value(); got != 3 {
		t.Errorf("after Reset() and then \"abc\": Value() = %d, want 3", got)
	}
	c.Reset()
	c.Reset()
	if got := c.Value(); got != 0 {
		t.Errorf("after Reset() twice: Value() = %d, want 0", got)
	}
	var fresh Counter
	fresh.Reset()
	if got := fresh.Value(); got != 0 {
		t.Errorf("Reset() on a zero Counter: Value() = %d, want 0", got)
	}
}

func TestIndependentCounters(t *testing.T) {
	var a, b Counter
	writeVia(&a, "aaaa")
	writeVia(&b, "bb")
	a.Reset()
	writeVia(&a, "a")
	if a.Value() != 1 || b.Value() != 2 {
		t.Errorf("a got 4 bytes, Reset, then 1 byte; b got 2 bytes: a.Value() = %d, b.Value() = %d, want 1 and 2", a.Value(), b.Value())
	}
}

func TestWithStdlib(t *testing.T) {
	t.Run("fprintf", func(t *testing.T) {
		var c Counter
		n, err := fmt.Fprintf(&c, "%d-%s-%v", 42, "héllo", []int{1, 2})
		want := len(fmt.Sprintf("%d-%s-%v", 42, "héllo", []int{1, 2}))
		if n != want || err != nil || c.Value() != uint64(want) {
			t.Errorf("fmt.Fprintf(&c, ...) = %d, %v and Value() = %d, want %d, <nil> and %d", n, err, c.Value(), want, want)
		}
	})
	t.Run("io-copy", func(t *testing.T) {
		var c Counter
		const size = 3<<20 + 7
		n, err := io.Copy(&c, io.LimitReader(zeros{}, size))
		if n != size || err != nil || c.Value() != size {
			t.Errorf("io.Copy(&c, <%d bytes>) = %d, %v and Value() = %d, want %d, <nil> and %d", size, n, err, c.Value(), size, size)
		}
	})
	t.Run("bufio", func(t *testing.T) {
		var c Counter
		bw := bufio.NewWriterSize(&c, 16)
		for i := 0; i < 100; i++ {
			bw.WriteString("0123456")
		}
		if err := bw.Flush(); err != nil || c.Value() != 700 {
			t.Errorf("700 bytes through bufio.NewWriterSize(&c, 16): Flush() = %v, Value() = %d, want <nil> and 700", err, c.Value())
		}
	})
	t.Run("multi-writer", func(t *testing.T) {
		var c Counter
		var buf bytes.Buffer
		w := io.MultiWriter(&buf, &c)
		n, err := io.WriteString(w, "tee time")
		if n != 8 || err != nil || buf.String() != "tee time" || c.Value() != 8 {
			t.Errorf("io.WriteString(io.MultiWriter(&buf, &c), \"tee time\") = %d, %v; buf = %q, Value() = %d; want 8, <nil>, \"tee time\", 8", n, err, buf.String(), c.Value())
		}
	})
	t.Run("json", func(t *testing.T) {
		var c Counter
		v := map[string]any{"name": "Gopher", "tags": []string{"a", "b"}}
		if err := json.NewEncoder(&c).Encode(v); err != nil {
			t.Fatalf("json.NewEncoder(&c).Encode = %v", err)
		}
		b, _ := json.Marshal(v)
		if want := uint64(len(b) + 1); c.Value() != want { // Encode adds a newline
			t.Errorf("json.NewEncoder(&c).Encode(%v): Value() = %d, want %d", v, c.Value(), want)
		}
	})
	t.Run("write-to", func(t *testing.T) {
		var c Counter
		n, err := strings.NewReader(strings.Repeat("x", 12345)).WriteTo(&c)
		if n != 12345 || err != nil || c.Value() != 12345 {
			t.Errorf("strings.Reader.WriteTo(&c) of 12345 bytes = %d, %v and Value() = %d, want 12345, <nil>, 12345", n, err, c.Value())
		}
	})
}

// zeros is an endless source of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestBeyond32Bits(t *testing.T) {
	var c Counter
	chunk := bytes.Repeat([]byte("é"), 1<<19) // 1 MiB
	const writes = 5000                       // 5000 MiB: more than fits in 32 bits
	for i := 0; i < writes; i++ {
		c.Write(chunk)
		if i == 0 && c.Value() != 1<<20 {
			t.Fatalf("after one write of 1 MiB (\"é\" repeated): Value() = %d, want %d", c.Value(), 1<<20)
		}
	}
	if got, want := c.Value(), uint64(writes)<<20; got != want {
		t.Errorf("after %d writes of 1 MiB: Value() = %d, want %d (the count must not wrap at 32 bits)", writes, got, want)
	}
}

func TestConcurrentWrites(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // real parallelism, even on a small machine
	const goroutines, perG = 16, 20_000
	var c Counter
	var w io.Writer = &c
	var wg sync.WaitGroup
	start := make(chan struct{})
	var want uint64
	for g := range goroutines {
		size := 1 + g%5
		want += uint64(size * perG)
		wg.Go(func() {
			p := bytes.Repeat([]byte{'g'}, size)
			<-start
			for range perG {
				w.Write(p)
			}
		})
	}
	close(start)
	wg.Wait()
	if got := c.Value(); got != want {
		t.Errorf("%d goroutines each wrote %d times (1-5 bytes a time): Value() = %d, want %d (lost updates?)", goroutines, perG, got, want)
	}
}

func TestConcurrentValueAndReset(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	const writers, perW = 6, 2000
	var c Counter
	var wg sync.WaitGroup
	var stop atomic.Bool
	var bad atomic.Value
	start := make(chan struct{})
	for range 3 {
		wg.Go(func() {
			<-start
			for i := 0; i < 5000 && !stop.Load(); i++ {
				if v := c.Value(); v > writers*perW*4 {
					bad.CompareAndSwap(nil, fmt.Sprintf("Value() = %d, more than the %d bytes written in total", v, writers*perW*4))
				}
				runtime.Gosched()
			}
		})
	}
	wg.Go(func() {
		<-start
		for i := 0; i < 200 && !stop.Load(); i++ {
			c.Reset()
			runtime.Gosched()
		}
	})
	var ww sync.WaitGroup
	for range writers {
		ww.Go(func() {
			<-start
			for range perW {
				writeVia(&c, "four")
			}
		})
	}
	close(start)
	ww.Wait()
	stop.Store(true)
	wg.Wait()
	if msg := bad.Load(); msg != nil {
		t.Errorf("while %d goroutines wrote and others called Value and Reset: %s", writers, msg)
	}
	c.Reset()
	writeVia(&c, "end")
	if got := c.Value(); got != 3 {
		t.Errorf("after the concurrent phase, Reset() and \"end\": Value() = %d, want 3", got)
	}

	// A few short rounds of one writer against one resetter on a fresh Counter each.
	for round := 0; round < 5; round++ {
		var c Counter
		var wg sync.WaitGroup
		wg.Go(func() {
			for range 500 {
				writeVia(&c, "ab")
			}
		})
		wg.Go(func() {
			for range 50 {
				c.Reset()
				runtime.Gosched()
			}
		})
		wg.Wait()
		if v := c.Value(); v > 1000 || v%2 != 0 {
			t.Fatalf("one goroutine wrote \"ab\" 500 times while another called Reset: Value() = %d afterwards, want an even number <= 1000", v)
		}
	}
}

func TestLoggerPattern(t *testing.T) {
	// A typical use: count what several goroutines log through one shared writer.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var c Counter
	var wg sync.WaitGroup
	var want atomic.Int64
	for g := range 8 {
		wg.Go(func() {
			for i := range 300 {
				n, _ := fmt.Fprintf(&c, "worker %d: step %d\n", g, i)
				want.Add(int64(n))
			}
		})
	}
	wg.Wait()
	if got := c.Value(); got != uint64(want.Load()) {
		t.Errorf("8 goroutines logged %d bytes in total through fmt.Fprintf(&c, ...): Value() = %d", want.Load(), got)
	}
}
