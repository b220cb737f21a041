package fetchpool

// Wrong: retries 5xx and network errors, but not 429 Too Many Requests.

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// baseBackoff is the wait before the first retry; each later wait doubles.
// Tests shorten it.
var baseBackoff = 100 * time.Millisecond

// client is shared by every call: one connection pool, keep-alive, and
// transport-level timeouts. No client-wide Timeout: each attempt gets its
// own deadline through its context.
var client = &http.Client{
	Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       30 * time.Second,
	},
}

// FetchAll GETs every distinct URL of urls with at most workers requests in
// flight, and returns the final HTTP status code of each URL that finished
// (0 when its last attempt got no response). Network errors, timeouts, 429
// and 5xx responses are retried up to retries times with exponential
// backoff. Each attempt is bounded by timeout (none if timeout <= 0). Once ctx
// is done no new work starts; URLs cut short by the cancellation are left out
// of the result.
func FetchAll(ctx context.Context, urls []string, workers int, retries int, timeout time.Duration) map[string]int {
	workers = max(workers, 1)
	retries = max(retries, 0)
	results := make(map[string]int, len(urls))
	if len(urls) == 0 {
		return results
	}

	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		jobs = make(chan string) // unbuffered: the producer waits for a free worker
	)
	for range min(workers, len(urls)) {
		wg.Go(func() {
			for u := range jobs {
				if code, finished := fetchWithRetry(ctx, u, retries, timeout); finished {
					mu.Lock()
					results[u] = code
					mu.Unlock()
				}
			}
		})
	}

	// The producer is this goroutine: it hands out each distinct URL once and
	// stops handing out work as soon as ctx is done.
	seen := make(map[string]bool, len(urls))
feed:
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		select {
		case <-ctx.Done():
			break feed
		case jobs <- u:
		}
	}
	close(jobs)
	wg.Wait() // no worker outlives the call
	return results
}

// fetchWithRetry returns the URL's final status and whether it finished
// (false when ctx cut it short).
func fetchWithRetry(ctx context.Context, url string, retries int, timeout time.Duration) (code int, finished bool) {
	backoff := baseBackoff
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			return 0, false
		}
		code, err := fetchOnce(ctx, url, timeout)
		switch {
		case errors.Is(err, errBadRequest):
			return 0, true // retrying cannot help
		case err != nil && ctx.Err() != nil:
			return 0, false // the attempt failed because ctx is done
		case err == nil && !transient(code):
			return code, true
		case attempt == retries:
			return code, true // last attempt: its status, or 0 after an error
		}
		if timer == nil {
			timer = time.NewTimer(backoff)
		} else {
			timer.Reset(backoff)
		}
		select {
		case <-ctx.Done():
			return 0, false
		case <-timer.C:
		}
		backoff *= 2
	}
}

var errBadRequest = errors.New("cannot build the request")

// fetchOnce makes one GET bounded by timeout and drains (part of) the body so
// the connection can be reused.
func fetchOnce(ctx context.Context, url string, timeout time.Duration) (int, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, errBadRequest
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 256<<10))
	return resp.StatusCode, nil
}

// transient reports whether a response status is worth retrying.
func transient(code int) bool {
	return code >= 500 && code <= 599 // BUG: 429 Too Many Requests is transient too
}
