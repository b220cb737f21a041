package fanin

import "context"

// FanIn merges the values of every input channel into one output channel.
// See the statement for when the output must be closed.
func FanIn[T any](ctx context.Context, chans ...<-chan T) <-chan T {
	out := make(chan T)
	// TODO: forward every input to out concurrently, stop on ctx.Done(),
	// and close out exactly once, when nothing can be sent on it any more.
	return out
}
