package tinystore

import (
	"context"
	"fmt"
	"net"
	"net/http"
)

// Serve serves h on ln until ctx is done, then shuts down gracefully: it stops
// accepting connections and waits up to cfg.ShutdownGrace for in-flight
// requests. It returns nil after a clean shutdown, an error wrapping
// context.DeadlineExceeded if the grace period ran out (the remaining
// connections are then closed), or the error that stopped the server early.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, cfg Config) error {
	srv := &http.Server{
		Handler:           h,
		ReadTimeout:       cfg.ReadTimeout,
		ReadHeaderTimeout: cfg.ReadTimeout,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc: // the server stopped on its own, e.g. a broken listener
		return err
	case <-ctx.Done():
	}

	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		_ = srv.Close() // grace ran out: drop what is left
	}
	<-errc // Serve has returned (http.ErrServerClosed)
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
