package orc

import (
	"context"
	"sync"
)

// Or watches only the inputs; ctx is never looked at.
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
				fire()
			case <-out:
			}
		}()
	}
	return out
}
