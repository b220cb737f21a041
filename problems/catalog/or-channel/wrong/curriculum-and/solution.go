package orc

import (
	"context"
	"sync"
)

// Or is the curriculum's final version, unchanged.
func Or(ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	out := make(chan struct{})
	var once sync.Once
	closeOut := func() { once.Do(func() { close(out) }) }

	// if no inputs, close immediately (but still honor ctx)
	if len(chans) == 0 {
		go func() {
			select {
			case <-ctx.Done():
			default:
			}
			closeOut()
		}()
		return out
	}

	go func() {
		defer closeOut()
		var wg sync.WaitGroup
		wg.Add(len(chans) + 1)

		// ctx watcher
		go func() { defer wg.Done(); <-ctx.Done() }()

		// each input watcher
		for _, ch := range chans {
			c := ch
			go func() { defer wg.Done(); <-c }()
		}

		// return as soon as any watcher unblocks
		wg.Wait()
	}()
	return out
}
