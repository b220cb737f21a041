package pipeline

import (
	"context"
	"errors"
)

type In struct{ Raw string }
type Out struct{ Val int }

type Transformer func(context.Context, In) (Out, error)
type Sink func(context.Context, Out) error

// Run: src -> transform (workers goroutines) -> bounded buffer of buf results
// -> sink (one at a time). Stops at the first error or when ctx ends.
// golang.org/x/sync/errgroup is available.
func Run(ctx context.Context, src <-chan In, workers, buf int, transform Transformer, sink Sink) error {
	// TODO
	return errors.New("not implemented")
}
