package safecounter

import (
	"sync"
	"testing"
)

func TestExamples(t *testing.T) {
	t.Run("counts-per-key", func(t *testing.T) {
		c := NewSafeCounter()
		c.Inc("a")
		c.Inc("a")
		c.Inc("b")
		for key, want := range map[string]int{"a": 2, "b": 1, "missing": 0} {
			if got := c.Load(key); got != want {
				t.Errorf("after Inc(a), Inc(a), Inc(b): Load(%q) = %d, want %d", key, got, want)
			}
		}
	})

	t.Run("concurrent-inc", func(t *testing.T) {
		const goroutines, perG = 8, 500
		c := NewSafeCounter()
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range perG {
					c.Inc("hits")
				}
			})
		}
		wg.Wait()
		if got, want := c.Load("hits"), goroutines*perG; got != want {
			t.Errorf("%d goroutines each called Inc(\"hits\") %d times: Load(\"hits\") = %d, want %d", goroutines, perG, got, want)
		}
	})
}
