package orc

import (
	"context"
	"sync"
)

// Or starts a watcher per input that waits for its input or ctx, but never
// for out: watchers of inputs that never fire outlive the call.
func Or(ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	out := make(chan struct{})
	var once sync.Once
	fire := func() { once.Do(func() { close(out) }) }
	for _, c := range chans {
		if c == nil {
			continue
		}
		go func() {
			select {
			case <-c:
			case <-ctx.Done():
			}
			fire()
		}()
	}
	go func() {
		<-ctx.Done()
		fire()
	}()
	return out
}
