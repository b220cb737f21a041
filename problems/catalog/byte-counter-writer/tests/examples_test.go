package bytecount

import (
	"fmt"
	"io"
	"sync"
	"testing"
)

func TestExamples(t *testing.T) {
	t.Run("hello-world", func(t *testing.T) {
		var c Counter
		io.WriteString(&c, "hello")
		io.WriteString(&c, "world")
		if got := c.Value(); got != 10 {
			t.Errorf("after writing \"hello\" and \"world\" to &c: c.Value() = %d, want 10", got)
		}
	})

	t.Run("write-result", func(t *testing.T) {
		var c Counter
		n, err := c.Write([]byte("héllo")) // é is 2 bytes in UTF-8
		if n != 6 || err != nil || c.Value() != 6 {
			t.Errorf("c.Write([]byte(\"héllo\")) = (%d, %v) and c.Value() = %d; want (6, <nil>) and 6: count bytes, not runes", n, err, c.Value())
		}
	})

	t.Run("reset", func(t *testing.T) {
		var c Counter
		fmt.Fprintf(&c, "%d apples", 42) // "42 apples": 9 bytes
		c.Reset()
		io.WriteString(&c, "abc")
		if got := c.Value(); got != 3 {
			t.Errorf("after 9 bytes, Reset, then \"abc\": c.Value() = %d, want 3", got)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		const goroutines, perG = 8, 500
		var c Counter
		var w io.Writer = &c
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range perG {
					w.Write([]byte("xyz"))
				}
			})
		}
		wg.Wait()
		if got, want := c.Value(), uint64(goroutines*perG*3); got != want {
			t.Errorf("%d goroutines each wrote \"xyz\" %d times: c.Value() = %d, want %d", goroutines, perG, got, want)
		}
	})
}
