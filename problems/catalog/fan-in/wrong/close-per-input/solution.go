package fanin

import "context"

// FanIn lets each forwarder close out when its own input is done.
func FanIn[T any](ctx context.Context, chans ...<-chan T) <-chan T {
	out := make(chan T)
	if len(chans) == 0 {
		close(out)
		return out
	}
	for _, c := range chans {
		go func() {
			defer close(out)
			if c == nil {
				return
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
	return out
}
