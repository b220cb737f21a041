package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
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

// Fetch GETs url and returns its body, which must be at most limit bytes long.
// The request lives and dies with ctx; the body is always closed.
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
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("fetch %s: %w: Content-Length %d > %d bytes", url, ErrTooLarge, resp.ContentLength, limit)
	}

	// Read one byte more than allowed: that is the only way to tell a body of
	// exactly limit bytes from a longer one. Guard the +1 against overflow.
	n := limit
	if n < math.MaxInt64 {
		n++
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, n))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", url, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("fetch %s: %w: more than %d bytes", url, ErrTooLarge, limit)
	}
	return data, nil
}
