package pit

import (
	"fmt"
	"sync"
	"testing"
)

// The configuration is global: every test uses keys of its own.

func TestExamples(t *testing.T) {
	t.Run("missing-key", func(t *testing.T) {
		if v, ok := Get("ex/missing"); v != "" || ok {
			t.Errorf("Get(\"ex/missing\") before any Set = (%q, %v), want (\"\", false)", v, ok)
		}
	})
	t.Run("set-then-get", func(t *testing.T) {
		Set("ex/region", "eu-west-1")
		if v, ok := Get("ex/region"); v != "eu-west-1" || !ok {
			t.Errorf("after Set(\"ex/region\", \"eu-west-1\"): Get = (%q, %v), want (\"eu-west-1\", true)", v, ok)
		}
		Set("ex/region", "us-east-2")
		if v, ok := Get("ex/region"); v != "us-east-2" || !ok {
			t.Errorf("after Set(\"ex/region\", \"us-east-2\"): Get = (%q, %v), want (\"us-east-2\", true)", v, ok)
		}
	})
	t.Run("empty-value", func(t *testing.T) {
		Set("ex/empty", "")
		if v, ok := Get("ex/empty"); v != "" || !ok {
			t.Errorf("after Set(\"ex/empty\", \"\"): Get = (%q, %v), want (\"\", true)", v, ok)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := range 50 {
					Set(fmt.Sprintf("ex/w%d/%d", w, i), "v")
				}
			})
			wg.Go(func() {
				for i := range 200 {
					Get(fmt.Sprintf("ex/w%d/%d", w, i%50))
				}
			})
		}
		wg.Wait()
		for w := range 4 {
			for i := range 50 {
				if _, ok := Get(fmt.Sprintf("ex/w%d/%d", w, i)); !ok {
					t.Fatalf("after 4 goroutines each called Set 50 times: Get(%q) is missing", fmt.Sprintf("ex/w%d/%d", w, i))
				}
			}
		}
	})
}
