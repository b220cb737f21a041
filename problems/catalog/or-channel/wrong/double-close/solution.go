package orc

import "context"

// Or lets every watcher that wakes up close out itself.
func Or(ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	out := make(chan struct{})
	watch := func(c <-chan struct{}) {
		select {
		case <-c:
		case <-ctx.Done():
		case <-out:
			return
		}
		close(out)
	}
	live := 0
	for _, c := range chans {
		if c != nil {
			live++
			go watch(c)
		}
	}
	if live == 0 {
		go watch(nil)
	}
	return out
}
