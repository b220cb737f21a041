package fanin

import "context"

// FanIn forwards the inputs one after another from a single goroutine.
func FanIn[T any](ctx context.Context, chans ...<-chan T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, c := range chans {
			if c == nil {
				continue
			}
			for {
				if ctx.Err() != nil {
					return
				}
				select {
				case <-ctx.Done():
					return
				case v, ok := <-c:
					if !ok {
						goto next
					}
					select {
					case out <- v:
					case <-ctx.Done():
						return
					}
				}
			}
		next:
		}
	}()
	return out
}
