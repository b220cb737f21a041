package pipeline

import (
	"context"

	"golang.org/x/sync/errgroup"
)

type In struct{ Raw string }
type Out struct{ Val int }

type Transformer func(context.Context, In) (Out, error)
type Sink func(context.Context, Out) error

// The curriculum's solution: the workers' errgroup context is thrown away, so
// a failing worker does not cancel its siblings (they keep the outer ctx,
// which is cancelled only after all of them have returned).
func Run(ctx context.Context, src <-chan In, workers, buf int, transform Transformer, sink Sink) error {
	if workers <= 0 {
		workers = 1
	}
	if buf <= 0 {
		buf = workers * 2
	}

	g, ctx := errgroup.WithContext(ctx)
	mid := make(chan Out, buf)

	g.Go(func() error {
		defer close(mid)
		wg, _ := errgroup.WithContext(ctx)
		for i := 0; i < workers; i++ {
			wg.Go(func() error {
				for {
					select {
					case <-ctx.Done():
						return ctx.Err()
					case x, ok := <-src:
						if !ok {
							return nil
						}
						y, err := transform(ctx, x)
						if err != nil {
							return err
						}
						select {
						case <-ctx.Done():
							return ctx.Err()
						case mid <- y:
						}
					}
				}
			})
		}
		return wg.Wait()
	})

	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case y, ok := <-mid:
				if !ok {
					return nil
				}
				if err := sink(ctx, y); err != nil {
					return err
				}
			}
		}
	})

	return g.Wait()
}
