package orc

import (
	"context"
	"sync"
)

// Or guards close(out) with a mutex, but takes a lock-free "fast path" look at
// the flag first. The flag's read and write race.
func Or(ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	out := make(chan struct{})
	var (
		mu     sync.Mutex
		closed bool
	)
	fire := func() {
		if closed { // fast path, no lock
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			closed = true
			close(out)
		}
	}
	watch := func(c <-chan struct{}) {
		select {
		case <-c:
			fire()
		case <-ctx.Done():
			fire()
		case <-out:
		}
	}
	live := 0
	for _, c := range chans {
		if c != nil {
			live++
			go watch(c)
		}
	}
	if live == 0 {
		go watch(nil)
	}
	return out
}
