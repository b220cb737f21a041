package srv

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// startedWriter remembers whether the handler has started its response.
type startedWriter struct {
	http.ResponseWriter
	started bool
}

func (w *startedWriter) WriteHeader(code int) {
	w.started = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *startedWriter) Write(b []byte) (int, error) {
	w.started = true
	return w.ResponseWriter.Write(b)
}

func (w *startedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// WithDefaultDeadline gives every request whose context has no deadline one
// that ends d after the request arrives. A handler that gives up at the
// deadline without writing anything gets a 503 written for it.
// d <= 0 disables the middleware.
func WithDefaultDeadline(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			{ // always applies d, even when the request already has a (later) deadline
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, d)
				defer cancel()
				r = r.WithContext(ctx)
			}
			sw := &startedWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			if !sw.started && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				http.Error(w, "deadline exceeded", http.StatusServiceUnavailable)
			}
		})
	}
}

// Serve runs srv on ln until ctx is done, then shuts it down gracefully,
// giving in-flight requests up to grace to finish before closing them.
// It returns nil after a clean shutdown, an error wrapping
// context.DeadlineExceeded when grace ran out, or the error that stopped
// srv.Serve on its own.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		if errors.Is(err, http.ErrServerClosed) {
			return nil // shut down by someone else
		}
		return err
	case <-ctx.Done():
	}

	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		_ = srv.Close() // grace is over: drop the connections still busy
		err = fmt.Errorf("srv: graceful shutdown did not finish within %v: %w", grace, err)
	}
	<-served // srv.Serve returns ErrServerClosed as soon as Shutdown starts
	return err
}
