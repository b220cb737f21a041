package tinystore

import (
	"context"
	"errors"
	"net"
	"net/http"
)

// Serve serves h on ln until ctx is done, then shuts down gracefully within
// cfg.ShutdownGrace.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, cfg Config) error {
	// TODO: http.Server with cfg.ReadTimeout, Serve in a goroutine, Shutdown on ctx.Done().
	return errors.New("not implemented")
}
