package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// ErrTooLarge is wrapped by the error Fetch returns when the body is longer
// than the limit.
var ErrTooLarge = errors.New("response body exceeds the limit")

// StatusError is wrapped by the error Fetch returns for a non-2xx response.
type StatusError struct {
	StatusCode int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("unexpected HTTP status %d %s", e.StatusCode, http.StatusText(e.StatusCode))
}

// Fetch GETs url under ctx and returns the body, which may be at most limit
// bytes long. See the statement for the exact rules.
func Fetch(ctx context.Context, url string, limit int64) ([]byte, error) {
	// TODO: build the request with ctx, check the status, read at most what
	// you need to enforce limit, and always close the body.
	return nil, errors.New("not implemented")
}
