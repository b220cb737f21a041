package pipeline

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

type In struct{ Raw string }
type Out struct{ Val int }

type Transformer func(context.Context, In) (Out, error)
type Sink func(context.Context, Out) error

// Run reads src until it is closed, transforms the items with `workers`
// goroutines, and hands the results to sink one at a time, through a buffer of
// `buf` results. It stops at the first error or when ctx ends, and returns only
// when every goroutine it started has finished.
func Run(ctx context.Context, src <-chan In, workers, buf int, transform Transformer, sink Sink) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if workers <= 0 {
		workers = 1
	}
	if buf <= 0 {
		buf = 2 * workers
	}

	g, ctx := errgroup.WithContext(ctx) // cancelled at the first error
	mid := make(chan Out, buf)

	var transformers sync.WaitGroup
	transformers.Add(workers)
	for range workers {
		g.Go(func() error {
			defer transformers.Done()
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				select {
				case <-ctx.Done():
					return ctx.Err()
				case in, ok := <-src:
					if !ok {
						return nil
					}
					out, err := transform(ctx, in)
					if err != nil {
						return err
					}
					select {
					case mid <- out: // blocks while the buffer is full: backpressure
					case <-ctx.Done():
						return ctx.Err()
					}
				}
			}
		})
	}
	g.Go(func() error {
		transformers.Wait()
		close(mid) // the sink stops once it has drained what is left
		return nil
	})
	go func() { // the sink runs outside the group: Run does not wait for it
		for {
			select {
			case <-ctx.Done():
				return
			case out, ok := <-mid:
				if !ok {
					return
				}
				if err := sink(ctx, out); err != nil {
					return
				}
			}
		}
	}()
	return g.Wait()
}
