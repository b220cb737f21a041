package orc

import "context"

// Or returns a channel that is closed as soon as any input channel fires or
// ctx is done. See the statement for the exact rules.
func Or(ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	out := make(chan struct{})
	// TODO: watch every input and ctx.Done(); close out exactly once when the
	// first of them fires, and make sure no watcher is left behind.
	return out
}
