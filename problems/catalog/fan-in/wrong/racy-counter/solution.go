package fanin

import (
	"context"
	"time"
)

// FanIn counts the forwarders still running in a plain int that every
// forwarder decrements and a closer goroutine polls. Nothing synchronises it.
func FanIn[T any](ctx context.Context, chans ...<-chan T) <-chan T {
	out := make(chan T)
	remaining := 0
	for _, c := range chans {
		if c != nil {
			remaining++
		}
	}
	for _, c := range chans {
		if c == nil {
			continue
		}
		go func() {
			defer func() { remaining-- }()
			for {
				if ctx.Err() != nil {
					return
				}
				select {
				case <-ctx.Done():
					return
				case v, ok := <-c:
					if !ok {
						return
					}
					select {
					case out <- v:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
	}
	go func() {
		for remaining > 0 {
			time.Sleep(time.Millisecond)
		}
		close(out)
	}()
	return out
}
