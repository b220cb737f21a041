package fanin

import (
	"context"
	"sync"
)

// FanIn merges the values of every input channel into one output channel.
// The output is closed once every input is closed and drained, or promptly
// after ctx is done. Nil inputs are ignored.
func FanIn[T any](ctx context.Context, chans ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, c := range chans {
		if c == nil {
			continue // a nil channel never delivers and never closes: treat it as empty
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			forward(ctx, c, out)
		}()
	}
	// The only goroutine that closes out, after every forwarder has stopped sending.
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// forward copies values from in to out until in is closed or ctx is done.
func forward[T any](ctx context.Context, in <-chan T, out chan<- T) {
	for {
		select {
		case <-ctx.Done():
			return
		case v, ok := <-in:
			if !ok {
				return
			}
			if ctx.Err() != nil {
				return // select picks at random among ready cases: prefer stopping
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}
}
