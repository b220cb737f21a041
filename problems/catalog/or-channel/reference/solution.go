package orc

import (
	"context"
	"sync"
)

// Or returns a channel that is closed as soon as any input fires (is closed
// or delivers a value) or ctx is done. Once it is closed, every goroutine Or
// started has returned or is about to.
func Or(ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	out := make(chan struct{})
	var once sync.Once
	fire := func() { once.Do(func() { close(out) }) }

	watch := func(c <-chan struct{}) {
		select {
		case <-c:
			fire()
		case <-ctx.Done():
			fire()
		case <-out: // someone else fired: stop watching
		}
	}

	watching := false
	for _, c := range chans {
		if c == nil {
			continue // a nil channel never fires
		}
		watching = true
		go watch(c)
	}
	if !watching && ctx.Done() != nil {
		// No live input: only ctx can close out. (With a context that can never
		// be cancelled, out simply stays open and no goroutine is needed.)
		go watch(nil)
	}
	return out
}
