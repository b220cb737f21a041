package hclient

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Client sends requests to one service, retrying transient failures of
// idempotent requests with exponential backoff. It must be safe for
// concurrent use.
type Client struct {
	Retries int           // retries after the first attempt (New sets 2)
	Backoff time.Duration // wait before the first retry, doubled each time (New sets 100ms)

	// TODO: one reusable *http.Client, the parsed base URL, ...
}

// New returns a Client for the service at base; every attempt is limited to
// timeout (no limit if timeout <= 0).
func New(base string, timeout time.Duration) *Client {
	return &Client{Retries: 2, Backoff: 100 * time.Millisecond}
}

// Do sends req, retrying as the statement describes. The caller closes the
// returned response's body.
func (cl *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	// TODO: resolve relative URLs, attempt, decide, back off, respect ctx.
	return nil, errors.New("not implemented")
}
