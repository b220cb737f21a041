package fanin

import (
	"context"
	"sync"
)

// FanIn is the curriculum's final version, unchanged.
func FanIn[T any](ctx context.Context, chans ...<-chan T) <-chan T {
	out := make(chan T)
	if len(chans) == 0 {
		close(out)
		return out
	}

	var wg sync.WaitGroup
	wg.Add(len(chans))

	for _, ch := range chans {
		c := ch
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case v, ok := <-c:
					if !ok {
						return
					}
					select {
					case <-ctx.Done():
						return
					case out <- v:
					}
				}
			}
		}()
	}

	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
