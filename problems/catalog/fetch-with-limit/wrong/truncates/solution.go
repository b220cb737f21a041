package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
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

// Fetch caps the body with io.LimitReader(body, limit): a longer body is cut, not rejected.
func Fetch(ctx context.Context, url string, limit int64) ([]byte, error) {
	limit = max(limit, 0)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: build request: %w", err)
	}
	// The default client has no timeout of its own: ctx decides how long we wait.
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err) // *url.Error already names the URL
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Best-effort drain of a short error page so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		return nil, fmt.Errorf("fetch %s: %w", url, &StatusError{StatusCode: resp.StatusCode})
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", url, err)
	}
	return data, nil
}
