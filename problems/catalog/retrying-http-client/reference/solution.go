package hclient

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Client sends requests to one service, retrying transient failures of
// idempotent requests with exponential backoff. It is safe for concurrent use.
type Client struct {
	// Retries is how many times a failed attempt may be retried (so at most
	// 1+Retries attempts). New sets it to 2; a negative value means 0.
	Retries int
	// Backoff is the wait before the first retry; it doubles before each
	// further retry. New sets it to 100ms; zero or negative means no wait.
	Backoff time.Duration

	hc      *http.Client
	base    *url.URL
	baseErr error
}

// New returns a Client whose relative request URLs are resolved against base
// and whose every attempt is limited to timeout (no limit if timeout <= 0).
func New(base string, timeout time.Duration) *Client {
	u, err := url.Parse(base)
	tr := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          200,
		MaxIdleConnsPerHost:   100,
		IdleConnTimeout:       90 * time.Second,
	}
	return &Client{
		Retries: 2,
		Backoff: 100 * time.Millisecond,
		hc:      &http.Client{Transport: tr, Timeout: max(timeout, 0)},
		base:    u,
		baseErr: err,
	}
}

// Do sends req (resolved against the base URL if it is relative) and returns
// the first response that is not worth retrying, or the last attempt's result.
// The caller must close the returned response's body.
func (cl *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	target := req.URL
	if !target.IsAbs() {
		if cl.baseErr != nil {
			return nil, fmt.Errorf("hclient: bad base URL: %w", cl.baseErr)
		}
		target = cl.base.ResolveReference(target)
	}
	retries := max(cl.Retries, 0)
	if !retryable(req, method) {
		retries = 0
	}

	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("hclient: %s %s: %w", method, target, err)
		}
		areq, err := attemptRequest(ctx, req, target, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := cl.hc.Do(areq)
		if err != nil && ctx.Err() != nil {
			return nil, fmt.Errorf("hclient: %s %s: %w", method, target, ctx.Err())
		}
		if err == nil && !retryStatus(resp.StatusCode) {
			return resp, nil
		}
		if attempt >= retries {
			return resp, err
		}
		if resp != nil {
			discard(resp)
		}
		if err := sleep(ctx, backoff(cl.Backoff, attempt)); err != nil {
			return nil, fmt.Errorf("hclient: %s %s: %w", method, target, err)
		}
	}
}

// retryable reports whether req may be sent more than once: its method is
// idempotent (or it carries an Idempotency-Key) and its body can be replayed.
func retryable(req *http.Request, method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace,
		http.MethodPut, http.MethodDelete:
	default:
		if req.Header.Get("Idempotency-Key") == "" {
			return false
		}
	}
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

func retryStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code <= 599)
}

// attemptRequest makes the request for one attempt without touching req.
func attemptRequest(ctx context.Context, req *http.Request, target *url.URL, attempt int) (*http.Request, error) {
	r := req.Clone(ctx)
	r.URL = target
	r.RequestURI = ""
	if attempt > 0 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("hclient: rewinding the request body: %w", err)
		}
		r.Body = body
	}
	return r, nil
}

// backoff is the wait after the given (0-based) failed attempt: base·2^attempt.
func backoff(base time.Duration, attempt int) time.Duration {
	if base <= 0 {
		return 0
	}
	d := base
	for i := 0; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return d
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// discard drains a little of a response we will not return, so that its
// connection can be reused, and closes it.
func discard(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	_ = resp.Body.Close()
}
