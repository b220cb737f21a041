package pit

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// oracle is the specification: split on '\n', drop the empty text after a
// final '\n', keep the first n.
func oracle(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
	parts := strings.Split(string(b), "\n")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > n {
		parts = parts[:n]
	}
	return parts
}

// quote shows short inputs in full and long ones by size.
func quote(b []byte) string {
	if len(b) <= 60 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("<%d bytes, %d newlines>", len(b), bytes.Count(b, []byte{'\n'}))
}

func showLines(s []string) string {
	if len(s) <= 8 {
		total := 0
		for _, l := range s {
			total += len(l)
		}
		if total <= 200 {
			return fmt.Sprintf("%q", s)
		}
	}
	return fmt.Sprintf("<%d lines>", len(s))
}

func nstr(n int) string {
	switch n {
	case math.MaxInt:
		return "math.MaxInt"
	case math.MinInt:
		return "math.MinInt"
	}
	return fmt.Sprint(n)
}

// checkLines runs ExtractLines on a copy of in and compares with the oracle.
func checkLines(t *testing.T, in []byte, n int) {
	t.Helper()
	arg := slices.Clone(in)
	got := ExtractLines(arg, n)
	want := oracle(in, n)
	if len(got) != len(want) {
		t.Errorf("ExtractLines(%s, %s) returned %d lines %s, want %d lines %s", quote(in), nstr(n), len(got), showLines(got), len(want), showLines(want))
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ExtractLines(%s, %s): line %d is %q, want %q", quote(in), nstr(n), i, got[i], want[i])
			return
		}
	}
	if !bytes.Equal(arg, in) {
		t.Errorf("ExtractLines(%s, %s) modified its input", quote(in), nstr(n))
	}
}

func TestBasics(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
	}{
		{"first-two", "alpha\nbeta\ngamma\n", 2},
		{"exactly-all", "alpha\nbeta\ngamma\n", 3},
		{"more-than-there-are", "alpha\nbeta\ngamma\n", 10},
		{"first-one", "alpha\nbeta", 1},
		{"no-newline", "just one line", 1},
		{"no-newline-many", "just one line", 7},
		{"no-final-newline", "one\ntwo", 5},
		{"final-newline", "one\ntwo\n", 5},
		{"empty-middle", "a\n\nb", 3},
		{"lone-newline", "\n", 1},
		{"lone-newline-more", "\n", 4},
		{"two-newlines", "\n\n", 5},
		{"two-newlines-one", "\n\n", 1},
		{"leading-empty", "\nx", 2},
		{"only-empty-lines", "\n\n\n\n", 2},
		{"crlf", "a\r\nb\r\n", 2},
		{"lone-cr", "a\rb\nc", 3},
		{"tabs-spaces", "  a \t\n\t b  \n", 2},
		{"unicode", "héllo\nмир\n世界\n🙂\n", 3},
		{"invalid-utf8", "\xff\xfe\n\xc3\n", 2},
		{"nul-bytes", "a\x00b\n\x00\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkLines(t, []byte(tc.in), tc.n) })
	}
}

func TestNonPositiveN(t *testing.T) {
	for _, n := range []int{0, -1, -1000, math.MinInt} {
		t.Run("n="+nstr(n), func(t *testing.T) {
			got := ExtractLines([]byte("a\nb\nc\n"), n)
			if len(got) != 0 {
				t.Errorf("ExtractLines(\"a\\nb\\nc\\n\", %s) = %q, want no lines", nstr(n), got)
			}
		})
	}
}

func TestEmptyInput(t *testing.T) {
	for _, n := range []int{1, 5, math.MaxInt} {
		t.Run("nil-n="+nstr(n), func(t *testing.T) {
			if got := ExtractLines(nil, n); len(got) != 0 {
				t.Errorf("ExtractLines(nil, %s) = %q, want no lines", nstr(n), got)
			}
		})
		t.Run("empty-n="+nstr(n), func(t *testing.T) {
			if got := ExtractLines([]byte{}, n); len(got) != 0 {
				t.Errorf("ExtractLines([]byte{}, %s) = %q, want no lines", nstr(n), got)
			}
		})
	}
}

func TestHugeN(t *testing.T) {
	for _, n := range []int{math.MaxInt, math.MaxInt - 1, 1 << 62, math.MaxInt32} {
		t.Run("n="+nstr(n), func(t *testing.T) {
			checkLines(t, []byte("first\nsecond\nthird"), n)
		})
	}
	t.Run("many-lines", func(t *testing.T) {
		var sb strings.Builder
		for i := range 5000 {
			fmt.Fprintf(&sb, "line %d\n", i)
		}
		checkLines(t, []byte(sb.String()), math.MaxInt)
	})
}

func TestLongLines(t *testing.T) {
	long := strings.Repeat("x", 200_000) // longer than bufio.Scanner's 64 KiB default
	checkLines(t, []byte("short\n"+long+"\nafter\n"), 3)
	checkLines(t, []byte(long), 1)
	checkLines(t, []byte(long+"\n"+long), 2)
}

func TestResultIndependentOfInput(t *testing.T) {
	t.Run("overwrite-buffer", func(t *testing.T) {
		b := []byte("keep\nme\nplease\n")
		got := ExtractLines(b, 3)
		for i := range b {
			b[i] = 'X'
		}
		if want := []string{"keep", "me", "please"}; !slices.Equal(got, want) {
			t.Errorf("ExtractLines([]byte(\"keep\\nme\\nplease\\n\"), 3) = %q after the caller overwrote its buffer, want %q (the lines must be copies)", got, want)
		}
	})
	t.Run("reuse-buffer", func(t *testing.T) {
		buf := make([]byte, 0, 64)
		buf = append(buf, "first\nbatch\n"...)
		a := ExtractLines(buf, 2)
		buf = append(buf[:0], "other\nlines\n"...)
		b := ExtractLines(buf, 2)
		if want := []string{"first", "batch"}; !slices.Equal(a, want) {
			t.Errorf("lines of the first batch changed to %q when the buffer was reused, want %q", a, want)
		}
		if want := []string{"other", "lines"}; !slices.Equal(b, want) {
			t.Errorf("ExtractLines of the second batch = %q, want %q", b, want)
		}
	})
	t.Run("window", func(t *testing.T) {
		arr := []byte("skip\nkeep\nthis\nnot-this\n")
		w := arr[5:15] // "keep\nthis\n"
		got := ExtractLines(w, 5)
		if want := []string{"keep", "this"}; !slices.Equal(got, want) {
			t.Errorf("ExtractLines(%q, 5) = %q, want %q", w, got, want)
		}
		if string(arr) != "skip\nkeep\nthis\nnot-this\n" {
			t.Errorf("ExtractLines modified the caller's array: %q", arr)
		}
	})
}

// bigBuffer returns size bytes of 63-byte lines, each ending in '\n'.
func bigBuffer(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		if i%64 == 63 {
			b[i] = '\n'
		} else {
			b[i] = 'a' + byte(i/64%26)
		}
	}
	return b
}

func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// extractFromBig fills a big buffer, extracts n lines from it, and reports
// whether the buffer itself was garbage collected while the lines were kept.
func extractFromBig(size, n int) (lines []string, freed chan struct{}) {
	big := bigBuffer(size)
	freed = make(chan struct{})
	runtime.AddCleanup(&big[0], func(ch chan struct{}) { close(ch) }, freed)
	return ExtractLines(big, n), freed
}

// waitFreed collects garbage until the buffer's cleanup has run, or gives up.
func waitFreed(freed chan struct{}, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for {
		runtime.GC()
		select {
		case <-freed:
			return true
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

func TestDoesNotRetainBuffer(t *testing.T) {
	const size = 16 << 20
	for _, n := range []int{1, 100} {
		t.Run(fmt.Sprint("lines=", n), func(t *testing.T) {
			before := heapAlloc()
			lines, freed := extractFromBig(size, n)
			after := heapAlloc()

			if len(lines) != n || lines[0] != strings.Repeat("a", 63) {
				t.Fatalf("ExtractLines(<16 MiB of 63-byte lines>, %d) = %s, want %d lines of 63 letters", n, showLines(lines), n)
			}
			if !waitFreed(freed, time.Second) {
				t.Errorf("ExtractLines(<16 MiB buffer>, %d): the buffer is still reachable after a GC while the result is alive; the returned strings must not point into it", n)
			}
			if retained := int64(after) - int64(before); retained > 4<<20 {
				t.Errorf("ExtractLines(<16 MiB buffer>, %d): the live heap grew by %d KiB while only %d short lines are kept; the result holds on to a copy of (most of) the buffer", n, retained>>10, n)
			}
			runtime.KeepAlive(lines)
		})
	}
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 5))
	alphabet := []byte("ab\n\n\r é")
	for i := 0; i < 3000 && !t.Failed(); i++ {
		b := make([]byte, r.IntN(30))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		n := r.IntN(12) - 2
		if r.IntN(10) == 0 {
			n = math.MaxInt
		}
		checkLines(t, b, n)
	}
}
