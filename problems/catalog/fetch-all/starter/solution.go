package fetchpool

import (
	"context"
	"time"
)

// baseBackoff is the wait before the first retry; each later wait doubles.
// Keep this variable: the tests shorten it.
var baseBackoff = 100 * time.Millisecond

// FetchAll GETs every distinct URL of urls with at most workers requests in
// flight and returns the final HTTP status code of each URL that finished.
// See the statement for retries, timeouts and cancellation.
func FetchAll(ctx context.Context, urls []string, workers int, retries int, timeout time.Duration) map[string]int {
	results := make(map[string]int)
	// TODO: a bounded pool of workers fed through a channel, a per-attempt
	// timeout, retries with exponential backoff, and ctx everywhere.
	return results
}
