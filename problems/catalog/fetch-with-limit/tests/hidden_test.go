package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// payload returns n deterministic, non-repeating-looking bytes.
func payload(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// testServer serves the endpoints the tests need and counts requests.
type testServer struct {
	*httptest.Server
	hits    atomic.Int64
	methods sync.Map // path -> method of the last request
	release chan struct{}
}

func newServer(t *testing.T) *testServer {
	t.Helper()
	s := &testServer{release: make(chan struct{})}
	mux := http.NewServeMux()
	// /bytes?n=N[&chunked=1]: N bytes of payload, with Content-Length unless chunked.
	mux.HandleFunc("/bytes", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		body := payload(n)
		if r.URL.Query().Get("chunked") == "1" {
			// Flushing before the first write forces chunked encoding: no Content-Length.
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			for len(body) > 0 {
				k := min(len(body), 1000)
				if _, err := w.Write(body[:k]); err != nil {
					return
				}
				body = body[k:]
			}
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(n))
		w.Write(body)
	})
	// /status?code=C[&n=N]: status C with a short (or N-byte) body.
	mux.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		body := []byte("status page\n")
		if n := r.URL.Query().Get("n"); n != "" {
			k, _ := strconv.Atoi(n)
			body = payload(k)
		}
		if code == http.StatusNoContent || code == http.StatusNotModified {
			body = nil
		}
		w.WriteHeader(code)
		w.Write(body)
	})
	// /endless: a body that never ends (until the client goes away or the test
	// ends), trickling 4 KiB per millisecond so that it never fills the memory.
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("0123456789abcdef"), 256)
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-s.release:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	// /slow-headers: answers only when released or when the client gives up.
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-s.release:
			w.Write([]byte("late"))
		}
	})
	// /stall-body: headers and 10 bytes of a 100-byte body, then nothing.
	mux.HandleFunc("/stall-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		w.Write(payload(10))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-s.release:
		}
	})
	// /short: promises 100 bytes, sends 10, hangs up.
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
		buf.Write(payload(10))
		buf.Flush()
	})
	// /redirect?to=PATH: 302 to PATH.
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.methods.Store(r.URL.Path, r.Method)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		close(s.release)
		s.Close()
	})
	return s
}

type result struct {
	data     []byte
	err      error
	elapsed  time.Duration
	returned bool
	panicked any
	guard    time.Duration
}

// stuck is set once a call overran its guard: later guards are short, so a
// solution that ignores ctx fails quickly instead of hitting the time limit.
var stuck atomic.Bool

const guard = 2 * time.Second

// fetch calls Fetch in a goroutine and waits at most guard for it.
func fetch(ctx context.Context, u string, limit int64) result {
	g := guard
	if stuck.Load() {
		g = 250 * time.Millisecond
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panicked = p
			}
			r.elapsed = time.Since(start)
			r.returned = true
			done <- r
		}()
		r.data, r.err = Fetch(ctx, u, limit)
	}()
	select {
	case r := <-done:
		return r
	case <-time.After(g):
		stuck.Store(true)
		return result{guard: g, elapsed: time.Since(start)}
	}
}

func mustReturn(t *testing.T, call string, r result) {
	t.Helper()
	if r.panicked != nil {
		t.Fatalf("%s panicked: %v", call, r.panicked)
	}
	if !r.returned {
		t.Fatalf("%s has not returned after %v", call, r.guard)
	}
}

func show(b []byte) string {
	if b == nil {
		return "nil"
	}
	if len(b) <= 16 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("<%d bytes>", len(b))
}

// expectBody checks a successful fetch of want.
func expectBody(t *testing.T, call string, r result, want []byte) {
	t.Helper()
	mustReturn(t, call, r)
	if r.err != nil {
		t.Fatalf("%s returned error %q, want %s and no error", call, r.err, show(want))
	}
	if !bytes.Equal(r.data, want) {
		t.Errorf("%s = %s, want %s", call, show(r.data), show(want))
	}
}

// expectErr checks a failed fetch: nil data and an error matching target.
func expectErr(t *testing.T, call string, r result, target error) {
	t.Helper()
	mustReturn(t, call, r)
	if r.err == nil {
		t.Fatalf("%s = %s, nil error; want an error wrapping %v", call, show(r.data), target)
	}
	if target != nil && !errors.Is(r.err, target) {
		t.Errorf("%s returned error %q, want one wrapping %q (use %%w)", call, r.err, target)
	}
	if r.data != nil {
		t.Errorf("%s returned %s together with an error, want nil data", call, show(r.data))
	}
}

func TestBodyWithinLimit(t *testing.T) {
	s := newServer(t)
	cases := []struct {
		n     int
		limit int64
	}{
		{0, 0}, {0, 10}, {1, 1}, {1, 2}, {100, 1000}, {5, math.MaxInt64},
		{4096, 4096}, {4096, 4097}, {65536, 1 << 20}, {1 << 20, 1 << 20},
	}
	for _, tc := range cases {
		for _, chunked := range []bool{false, true} {
			name := fmt.Sprintf("n%d-limit%d", tc.n, tc.limit)
			q := ""
			if chunked {
				name += "-chunked"
				q = "&chunked=1"
			}
			t.Run(name, func(t *testing.T) {
				u := fmt.Sprintf("%s/bytes?n=%d%s", s.URL, tc.n, q)
				r := fetch(context.Background(), u, tc.limit)
				expectBody(t, fmt.Sprintf("Fetch(%d-byte body, limit %d)", tc.n, tc.limit), r, payload(tc.n))
			})
		}
	}
}

func TestBodyOverLimit(t *testing.T) {
	s := newServer(t)
	cases := []struct {
		n     int
		limit int64
	}{
		{1, 0}, {2, 1}, {11, 10}, {4097, 4096}, {1 << 20, 1000}, {1, -1}, {100, math.MinInt64},
	}
	for _, tc := range cases {
		for _, chunked := range []bool{false, true} {
			name := fmt.Sprintf("n%d-limit%d", tc.n, tc.limit)
			q := ""
			if chunked {
				name += "-chunked"
				q = "&chunked=1"
			}
			t.Run(name, func(t *testing.T) {
				u := fmt.Sprintf("%s/bytes?n=%d%s", s.URL, tc.n, q)
				r := fetch(context.Background(), u, tc.limit)
				expectErr(t, fmt.Sprintf("Fetch(%d-byte body, limit %d)", tc.n, tc.limit), r, ErrTooLarge)
			})
		}
	}
	t.Run("negative-limit-empty-body", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/bytes?n=0", -5)
		expectBody(t, "Fetch(empty body, limit -5)", r, []byte{})
	})
	t.Run("endless-body", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/endless", 1024)
		expectErr(t, "Fetch(endless body, limit 1024)", r, ErrTooLarge)
	})
}

func TestStatus(t *testing.T) {
	s := newServer(t)
	for _, code := range []int{200, 201, 202, 203, 204, 206, 299} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			want := []byte("status page\n")
			if code == 204 {
				want = []byte{}
			}
			r := fetch(context.Background(), fmt.Sprintf("%s/status?code=%d", s.URL, code), 100)
			expectBody(t, fmt.Sprintf("Fetch(status %d)", code), r, want)
		})
	}
	for _, code := range []int{300, 304, 400, 401, 403, 404, 418, 429, 500, 502, 503, 599} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			call := fmt.Sprintf("Fetch(status %d)", code)
			r := fetch(context.Background(), fmt.Sprintf("%s/status?code=%d", s.URL, code), 100)
			expectErr(t, call, r, nil)
			var se *StatusError
			if !errors.As(r.err, &se) {
				t.Fatalf("%s returned error %q, want one wrapping a *StatusError", call, r.err)
			}
			if se.StatusCode != code {
				t.Errorf("%s: StatusError.StatusCode = %d, want %d", call, se.StatusCode, code)
			}
			if !strings.Contains(r.err.Error(), strconv.Itoa(code)) {
				t.Errorf("%s returned error %q, want the message to mention %d", call, r.err, code)
			}
			if errors.Is(r.err, ErrTooLarge) {
				t.Errorf("%s returned error %q, which wraps ErrTooLarge: a bad status is not a size problem", call, r.err)
			}
		})
	}
	t.Run("404-with-big-body", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/status?code=404&n=100000", 10)
		expectErr(t, "Fetch(status 404 with a 100000-byte body, limit 10)", r, nil)
		var se *StatusError
		if !errors.As(r.err, &se) || se.StatusCode != 404 {
			t.Errorf("Fetch(status 404 with a 100000-byte body, limit 10) returned error %q, want a *StatusError with code 404", r.err)
		}
	})
}

func TestRequest(t *testing.T) {
	s := newServer(t)
	t.Run("method-get", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/bytes?n=3", 10)
		expectBody(t, "Fetch(3-byte body, limit 10)", r, payload(3))
		if m, _ := s.methods.Load("/bytes"); m != http.MethodGet {
			t.Errorf("Fetch sent method %v, want GET", m)
		}
	})
	t.Run("redirect-followed", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/redirect?to=/bytes%3Fn%3D7", 10)
		expectBody(t, "Fetch(302 to a 7-byte body)", r, payload(7))
	})
	t.Run("redirect-to-404", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/redirect?to=/status%3Fcode%3D404", 10)
		expectErr(t, "Fetch(302 to a 404)", r, nil)
		var se *StatusError
		if !errors.As(r.err, &se) || se.StatusCode != 404 {
			t.Errorf("Fetch(302 to a 404) returned error %q, want a *StatusError with code 404", r.err)
		}
	})
}

func TestContext(t *testing.T) {
	s := newServer(t)
	t.Run("cancelled-before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		before := s.hits.Load()
		r := fetch(ctx, s.URL+"/bytes?n=5", 10)
		expectErr(t, "Fetch(cancelled ctx)", r, context.Canceled)
		if h := s.hits.Load() - before; h != 0 {
			t.Errorf("Fetch(cancelled ctx) sent %d requests to the server, want 0", h)
		}
	})
	t.Run("expired-before-start", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		before := s.hits.Load()
		r := fetch(ctx, s.URL+"/bytes?n=5", 10)
		expectErr(t, "Fetch(expired ctx)", r, context.DeadlineExceeded)
		if h := s.hits.Load() - before; h != 0 {
			t.Errorf("Fetch(expired ctx) sent %d requests to the server, want 0", h)
		}
	})
	t.Run("deadline-waiting-for-headers", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		r := fetch(ctx, s.URL+"/slow-headers", 10)
		expectErr(t, "Fetch(server never answers, ctx deadline 50ms)", r, context.DeadlineExceeded)
	})
	t.Run("cancel-waiting-for-headers", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(30*time.Millisecond, cancel)
		r := fetch(ctx, s.URL+"/slow-headers", 10)
		expectErr(t, "Fetch(server never answers, ctx cancelled after 30ms)", r, context.Canceled)
	})
	t.Run("deadline-reading-body", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		r := fetch(ctx, s.URL+"/stall-body", 1000)
		expectErr(t, "Fetch(body stalls after 10 of 100 bytes, ctx deadline 100ms)", r, context.DeadlineExceeded)
	})
	t.Run("deadline-not-reached", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		r := fetch(ctx, s.URL+"/bytes?n=20", 20)
		expectBody(t, "Fetch(20-byte body, limit 20, ctx deadline in 1m)", r, payload(20))
	})
}

func TestFailures(t *testing.T) {
	s := newServer(t)
	t.Run("connection-refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Skip("cannot listen on loopback:", err)
		}
		addr := l.Addr().String()
		l.Close()
		r := fetch(context.Background(), "http://"+addr+"/", 10)
		expectErr(t, "Fetch(nobody listening)", r, nil)
		var ue *url.Error
		if !errors.As(r.err, &ue) {
			t.Errorf("Fetch(nobody listening) returned error %q, want it to wrap the client's *url.Error (use %%w)", r.err)
		}
	})
	for _, bad := range []string{"", "://no-scheme", "ftp://127.0.0.1/file", "http://[::1", "http://%zz/", "not a url"} {
		t.Run(fmt.Sprintf("bad-url-%q", bad), func(t *testing.T) {
			r := fetch(context.Background(), bad, 10)
			expectErr(t, fmt.Sprintf("Fetch(%q)", bad), r, nil)
		})
	}
	t.Run("truncated-body", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/short", 1000)
		expectErr(t, "Fetch(server hangs up after 10 of 100 promised bytes)", r, io.ErrUnexpectedEOF)
	})
}

// settle waits up to 2s for the goroutine count to drop to at most want.
func settle(want int) int {
	deadline := time.Now().Add(2 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBodyClosed(t *testing.T) {
	if tr, ok := http.DefaultTransport.(*http.Transport); ok {
		tr.CloseIdleConnections()
	}
	before := settledGoroutines()
	func() {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/missing":
				w.WriteHeader(http.StatusNotFound)
				w.Write(payload(20000))
			case "/big":
				w.Write(payload(20000))
			default:
				w.Write(payload(100))
			}
		}))
		defer s.Close()
		// A background ctx: a body that is never closed keeps its connection's
		// goroutines alive for as long as the ctx lives, that is forever.
		for i := range 30 {
			path := []string{"/missing", "/big", "/ok"}[i%3]
			r := fetch(context.Background(), s.URL+path, 1000)
			mustReturn(t, "Fetch("+path+")", r)
		}
	}()
	if tr, ok := http.DefaultTransport.(*http.Transport); ok {
		tr.CloseIdleConnections()
	}
	if after := settle(before); after > before {
		t.Errorf("after 30 fetches (10 of them 404s, 10 over the limit) and closing the server, %d goroutines are left, %d before: is every response body closed?", after, before)
	}
}

func TestConcurrent(t *testing.T) {
	s := newServer(t)
	const n = 40
	var wg sync.WaitGroup
	problems := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			size := 100 * i
			switch i % 4 {
			case 0, 1:
				data, err := Fetch(context.Background(), fmt.Sprintf("%s/bytes?n=%d", s.URL, size), int64(size))
				if err != nil || !bytes.Equal(data, payload(size)) {
					problems[i] = fmt.Sprintf("Fetch(%d-byte body, limit %d) = %s, %v; want the body", size, size, show(data), err)
				}
			case 2:
				data, err := Fetch(context.Background(), fmt.Sprintf("%s/bytes?n=%d&chunked=1", s.URL, size+1), int64(size))
				if !errors.Is(err, ErrTooLarge) || data != nil {
					problems[i] = fmt.Sprintf("Fetch(%d-byte body, limit %d) = %s, %v; want ErrTooLarge", size+1, size, show(data), err)
				}
			case 3:
				_, err := Fetch(context.Background(), fmt.Sprintf("%s/status?code=%d", s.URL, 500+i), 100)
				var se *StatusError
				if !errors.As(err, &se) || se.StatusCode != 500+i {
					problems[i] = fmt.Sprintf("Fetch(status %d) = %v; want a *StatusError", 500+i, err)
				}
			}
		}()
	}
	wg.Wait()
	for _, p := range problems {
		if p != "" {
			t.Error(p)
		}
	}
}

func TestExamples(t *testing.T) {
	s := newServer(t)
	t.Run("within-limit", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/bytes?n=5", 10)
		expectBody(t, "Fetch(5-byte body, limit 10)", r, payload(5))
	})
	t.Run("exactly-limit", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/bytes?n=10", 10)
		expectBody(t, "Fetch(10-byte body, limit 10)", r, payload(10))
	})
	t.Run("over-limit", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/bytes?n=11", 10)
		expectErr(t, "Fetch(11-byte body, limit 10)", r, ErrTooLarge)
	})
	t.Run("not-found", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/status?code=404", 10)
		expectErr(t, "Fetch(status 404)", r, nil)
		var se *StatusError
		if !errors.As(r.err, &se) || se.StatusCode != 404 {
			t.Errorf("Fetch(status 404) returned error %q, want a *StatusError with code 404", r.err)
		}
	})
	t.Run("no-content-limit-0", func(t *testing.T) {
		r := fetch(context.Background(), s.URL+"/status?code=204", 0)
		expectBody(t, "Fetch(status 204, limit 0)", r, []byte{})
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		r := fetch(ctx, s.URL+"/slow-headers", 10)
		expectErr(t, "Fetch(server never answers, ctx deadline 50ms)", r, context.DeadlineExceeded)
	})
}

// settledGoroutines is the number of goroutines once it stops falling: an earlier test's
// goroutines may still be winding down, and a baseline counting them would hide a leak.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 100 {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			return m
		}
		n = m
	}
	return n
}
