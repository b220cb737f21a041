package srv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// ---- WithDefaultDeadline ----

// probe records what the handler saw.
type probe struct {
	ctx      context.Context
	deadline time.Time
	has      bool
}

func (p *probe) handler(then func(w http.ResponseWriter, r *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p.ctx = r.Context()
		p.deadline, p.has = r.Context().Deadline()
		if then != nil {
			then(w, r)
		}
	}
}

// waitDone is a well-behaved slow handler: it gives up when its context ends
// (or after 1s, so that a missing deadline fails fast).
func waitDone(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(time.Second):
	}
}

func run(h http.Handler, req *http.Request) (*httptest.ResponseRecorder, time.Duration) {
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	return rec, time.Since(start)
}

func TestDeadlineAdded(t *testing.T) {
	for _, d := range []time.Duration{50 * time.Millisecond, 2 * time.Second, time.Hour} {
		t.Run(d.String(), func(t *testing.T) {
			var p probe
			h := WithDefaultDeadline(d)(p.handler(nil))
			before := time.Now()
			run(h, httptest.NewRequest("GET", "/", nil))
			after := time.Now()
			if !p.has {
				t.Fatalf("WithDefaultDeadline(%v): the handler's context has no deadline", d)
			}
			if p.deadline.Before(before.Add(d)) || p.deadline.After(after.Add(d)) {
				t.Errorf("WithDefaultDeadline(%v): deadline is %v after the request started, want %v",
					d, p.deadline.Sub(before).Round(time.Millisecond), d)
			}
		})
	}
}

func TestExistingDeadlineKept(t *testing.T) {
	for _, tc := range []struct {
		name     string
		parent   time.Duration
		fallback time.Duration
	}{{"earlier", 300 * time.Millisecond, 5 * time.Second}, {"later", 5 * time.Second, 100 * time.Millisecond}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), tc.parent)
			defer cancel()
			want, _ := ctx.Deadline()
			var p probe
			h := WithDefaultDeadline(tc.fallback)(p.handler(nil))
			run(h, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
			if !p.has || !p.deadline.Equal(want) {
				t.Errorf("request context already has a deadline in %v, WithDefaultDeadline(%v): handler saw deadline %v (has=%v), want the existing one unchanged",
					tc.parent, tc.fallback, p.deadline.Sub(want), p.has)
			}
		})
	}
}

func TestDisabled(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		t.Run(d.String(), func(t *testing.T) {
			var p probe
			h := WithDefaultDeadline(d)(p.handler(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fine") }))
			rec, _ := run(h, httptest.NewRequest("GET", "/", nil))
			if p.has {
				t.Errorf("WithDefaultDeadline(%v) added a deadline; d <= 0 must leave requests alone", d)
			}
			if rec.Code != 200 || rec.Body.String() != "fine" {
				t.Errorf("WithDefaultDeadline(%v): response %d %q, want 200 \"fine\"", d, rec.Code, rec.Body.String())
			}
		})
	}
}

func TestContextHygiene(t *testing.T) {
	t.Run("cancelled-after-return", func(t *testing.T) {
		var p probe
		h := WithDefaultDeadline(time.Hour)(p.handler(nil))
		run(h, httptest.NewRequest("GET", "/", nil))
		if p.ctx == nil || p.ctx.Err() == nil {
			t.Errorf("after the handler returned, its context is still live: the middleware must cancel the context it made (defer cancel())")
		}
	})
	t.Run("keeps-values", func(t *testing.T) {
		type key struct{}
		var p probe
		h := WithDefaultDeadline(time.Second)(p.handler(nil))
		req := httptest.NewRequest("GET", "/", nil)
		req = req.WithContext(context.WithValue(req.Context(), key{}, "req-42"))
		run(h, req)
		if got := p.ctx.Value(key{}); got != "req-42" {
			t.Errorf("a value in the request context reached the handler as %v, want req-42", got)
		}
	})
	t.Run("caller-request-untouched", func(t *testing.T) {
		var p probe
		h := WithDefaultDeadline(time.Second)(p.handler(nil))
		req := httptest.NewRequest("GET", "/", nil)
		orig := req.Context()
		run(h, req)
		if req.Context() != orig {
			t.Errorf("the middleware changed the caller's *http.Request; use r.WithContext, which makes a copy")
		}
	})
	t.Run("parent-cancel-reaches-handler", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var p probe
		ended := false
		h := WithDefaultDeadline(time.Hour)(p.handler(func(w http.ResponseWriter, r *http.Request) {
			cancel()
			select {
			case <-r.Context().Done():
				ended = true
			case <-time.After(5 * time.Second):
			}
		}))
		run(h, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
		if !ended {
			t.Errorf("the client went away (request context cancelled) but the handler's context did not end within 5s")
		}
	})
}

func TestUnansweredDeadline(t *testing.T) {
	t.Run("503", func(t *testing.T) {
		h := WithDefaultDeadline(60 * time.Millisecond)(http.HandlerFunc(waitDone))
		rec, took := run(h, httptest.NewRequest("GET", "/slow", nil))
		if rec.Code != 503 || strings.TrimSpace(rec.Body.String()) != "deadline exceeded" {
			t.Errorf("handler gave up at the 60ms deadline without writing: response %d %q, want 503 \"deadline exceeded\"",
				rec.Code, rec.Body.String())
		}
		if took < 55*time.Millisecond || took > 5*time.Second {
			t.Errorf("the request took %v, want about 60ms", took)
		}
	})
	t.Run("existing-deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
		defer cancel()
		h := WithDefaultDeadline(time.Hour)(http.HandlerFunc(waitDone))
		rec, _ := run(h, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
		if rec.Code != 503 {
			t.Errorf("the request's own 40ms deadline passed and the handler wrote nothing: status %d, want 503", rec.Code)
		}
	})
	t.Run("handler-wrote-body", func(t *testing.T) {
		h := WithDefaultDeadline(40 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "partial")
			waitDone(w, r)
		}))
		rec, _ := run(h, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 200 || rec.Body.String() != "partial" {
			t.Errorf("handler wrote \"partial\" then hit the deadline: response %d %q, want 200 \"partial\" (nothing added once the response started)",
				rec.Code, rec.Body.String())
		}
	})
	t.Run("handler-wrote-status", func(t *testing.T) {
		h := WithDefaultDeadline(40 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			waitDone(w, r)
		}))
		rec, _ := run(h, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 202 || rec.Body.Len() != 0 {
			t.Errorf("handler sent 202 then hit the deadline: response %d %q, want 202 with an empty body", rec.Code, rec.Body.String())
		}
	})
	t.Run("handler-own-error", func(t *testing.T) {
		h := WithDefaultDeadline(40 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			waitDone(w, r)
			http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
		}))
		rec, _ := run(h, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 504 || strings.TrimSpace(rec.Body.String()) != "upstream timed out" {
			t.Errorf("handler answered 504 itself after the deadline: response %d %q, want its 504 untouched", rec.Code, rec.Body.String())
		}
	})
	t.Run("fast-empty-handler", func(t *testing.T) {
		h := WithDefaultDeadline(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		rec, _ := run(h, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 200 || rec.Body.Len() != 0 {
			t.Errorf("a handler that returns at once without writing: response %d %q, want 200 and no body", rec.Code, rec.Body.String())
		}
	})
	t.Run("client-gone", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		h := WithDefaultDeadline(time.Hour)(http.HandlerFunc(waitDone))
		rec, _ := run(h, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
		if rec.Body.Len() != 0 || rec.Code != 200 {
			t.Errorf("the client cancelled (not a deadline): response %d %q, want nothing written", rec.Code, rec.Body.String())
		}
	})
	t.Run("flush", func(t *testing.T) {
		var ferr error
		h := WithDefaultDeadline(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "data: 1\n\n")
			ferr = http.NewResponseController(w).Flush()
		}))
		rec, _ := run(h, httptest.NewRequest("GET", "/events", nil))
		if ferr != nil || !rec.Flushed {
			t.Errorf("behind the middleware, http.NewResponseController(w).Flush() returned %v; the wrapping writer needs an Unwrap method", ferr)
		}
	})
	t.Run("real-server", func(t *testing.T) {
		srv := httptest.NewServer(WithDefaultDeadline(80 * time.Millisecond)(http.HandlerFunc(waitDone)))
		defer srv.Close()
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatalf("GET through an httptest server: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != 503 {
			t.Errorf("GET through an httptest server with an 80ms default deadline: status %d, want 503", resp.StatusCode)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		h := WithDefaultDeadline(30 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/fast" {
				io.WriteString(w, "fast")
				return
			}
			waitDone(w, r)
		}))
		var wg sync.WaitGroup
		errs := make(chan string, 100)
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				path, want := "/fast", 200
				if i%2 == 0 {
					path, want = "/slow", 503
				}
				rec, _ := run(h, httptest.NewRequest("GET", path, nil))
				if rec.Code != want {
					errs <- fmt.Sprintf("GET %s: status %d, want %d", path, rec.Code, want)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error("concurrent requests: " + e)
		}
	})
}

// ---- Serve ----

type served struct {
	url    string
	addr   string
	cancel context.CancelFunc
	done   chan error
	client *http.Client
}

func startServe(t *testing.T, h http.Handler, grace time.Duration) *served {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{url: "http://" + ln.Addr().String(), addr: ln.Addr().String(), cancel: cancel,
		done: make(chan error, 1), client: &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}}
	go func() { s.done <- Serve(ctx, &http.Server{Handler: h}, ln, grace) }()
	t.Cleanup(func() {
		cancel()
		s.client.CloseIdleConnections()
	})
	return s
}

func (s *served) get(path string) (int, string, error) {
	resp, err := s.client.Get(s.url + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func (s *served) wait(t *testing.T, within time.Duration, what string) error {
	t.Helper()
	select {
	case err := <-s.done:
		return err
	case <-time.After(within):
		t.Fatalf("%s: Serve did not return within %v", what, within)
		return nil
	}
}

func (s *served) waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case err := <-s.done:
		t.Fatalf("waiting for %s: Serve returned %v before ctx was cancelled", what, err)
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out after 5s waiting for %s; is Serve serving?", what)
	}
}

func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if err != nil {
		return true
	}
	c.Close()
	return false
}

func TestServe(t *testing.T) {
	t.Run("serves-then-stops", func(t *testing.T) {
		s := startServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hi") }), time.Second)
		code, body, err := s.get("/")
		if err != nil || code != 200 || body != "hi" {
			t.Fatalf("GET while serving: %d %q %v, want 200 \"hi\"", code, body, err)
		}
		s.cancel()
		if err := s.wait(t, 5*time.Second, "ctx cancelled, nothing in flight"); err != nil {
			t.Errorf("clean shutdown: Serve returned %v, want nil", err)
		}
		if !refused(s.addr) {
			t.Errorf("after Serve returned, the listener still accepts connections")
		}
	})
	t.Run("drains-in-flight", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		var finished time.Time
		var mu sync.Mutex
		s := startServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(started)
			select { // busy until the test has seen the shutdown begin
			case <-release:
			case <-time.After(8 * time.Second):
			}
			io.WriteString(w, "done")
			mu.Lock()
			finished = time.Now()
			mu.Unlock()
		}), 10*time.Second)
		type res struct {
			code int
			body string
			err  error
		}
		got := make(chan res, 1)
		go func() {
			c, b, e := s.get("/work")
			got <- res{c, b, e}
		}()
		s.waitFor(t, started, "the request reaching the handler")
		s.cancel()
		// The shutdown has begun once the listener refuses connections. Serve
		// must not return while the handler is still busy: give it a moment to
		// do so wrongly, then let the handler finish.
		for deadline := time.Now().Add(5 * time.Second); !refused(s.addr) && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		select {
		case err := <-s.done:
			s.done <- err
			t.Errorf("Serve returned (%v) while a request was still being handled; it must wait for in-flight requests", err)
		case <-time.After(500 * time.Millisecond):
		}
		close(release)
		err := s.wait(t, 5*time.Second, "graceful shutdown with a request in flight")
		returned := time.Now()
		if err != nil {
			t.Errorf("graceful shutdown within grace: Serve returned %v, want nil", err)
		}
		var r res
		select {
		case r = <-got:
		case <-time.After(5 * time.Second):
			t.Fatalf("the in-flight request never got an answer")
		}
		if r.err != nil || r.code != 200 || r.body != "done" {
			t.Errorf("the in-flight request got %d %q %v, want 200 \"done\": Shutdown must let it finish", r.code, r.body, r.err)
		}
		mu.Lock()
		defer mu.Unlock()
		if finished.IsZero() || returned.Before(finished) {
			t.Errorf("Serve returned before the in-flight handler had finished")
		}
	})
	t.Run("refuses-new-during-drain", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		s := startServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			once.Do(func() { close(started) })
			select {
			case <-release:
			case <-time.After(8 * time.Second):
			}
		}), 10*time.Second)
		go s.get("/hold")
		s.waitFor(t, started, "the request reaching the handler")
		s.cancel()
		deadline := time.Now().Add(5 * time.Second)
		for !refused(s.addr) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		isRefused := refused(s.addr)
		close(release)
		if !isRefused {
			t.Errorf("during the graceful shutdown new connections are still accepted; the listener must close first")
		}
		if err := s.wait(t, 5*time.Second, "drain after release"); err != nil {
			t.Errorf("Serve returned %v, want nil", err)
		}
	})
	t.Run("grace-runs-out", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		defer close(release)
		s := startServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(started)
			select { // stuck until the test ends
			case <-release:
			case <-time.After(10 * time.Second):
			}
		}), 100*time.Millisecond)
		clientErr := make(chan error, 1)
		go func() {
			_, _, err := s.get("/stuck")
			clientErr <- err
		}()
		s.waitFor(t, started, "the request reaching the handler")
		begin := time.Now()
		s.cancel()
		err := s.wait(t, 5*time.Second, "grace 100ms, a handler that never finishes")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("grace ran out: Serve returned %v, want an error matching context.DeadlineExceeded", err)
		}
		if took := time.Since(begin); took < 90*time.Millisecond {
			t.Errorf("Serve gave up after %v, before the 100ms grace was over", took)
		}
		select {
		case err := <-clientErr:
			if err == nil {
				t.Errorf("the stuck request got a response; after the grace its connection must be closed")
			}
		case <-time.After(5 * time.Second):
			t.Errorf("the stuck request's connection is still open 5s after Serve returned; close the server (srv.Close) when grace runs out")
		}
	})
	t.Run("zero-grace-idle", func(t *testing.T) {
		s := startServe(t, http.NotFoundHandler(), 0)
		s.cancel()
		if err := s.wait(t, 5*time.Second, "grace 0, nothing in flight"); err != nil {
			t.Errorf("grace 0 with no request in flight: Serve returned %v, want nil", err)
		}
	})
	t.Run("already-cancelled", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		done := make(chan error, 1)
		go func() { done <- Serve(ctx, &http.Server{Handler: http.NotFoundHandler()}, ln, time.Second) }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve with a cancelled ctx returned %v, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Serve with an already cancelled ctx did not return within 5s")
		}
		if !refused(ln.Addr().String()) {
			t.Errorf("Serve with a cancelled ctx returned but the listener still accepts connections")
		}
	})
	t.Run("listener-fails", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ln.Close()
		done := make(chan error, 1)
		go func() {
			done <- Serve(context.Background(), &http.Server{Handler: http.NotFoundHandler()}, ln, time.Second)
		}()
		select {
		case err := <-done:
			if err == nil || errors.Is(err, http.ErrServerClosed) {
				t.Errorf("Serve on a closed listener returned %v, want the error from srv.Serve", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Serve on a closed listener did not return within 5s (ctx never ends): srv.Serve's own error must end it")
		}
	})
	t.Run("closed-elsewhere", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		hs := &http.Server{Handler: http.NotFoundHandler()}
		done := make(chan error, 1)
		go func() { done <- Serve(context.Background(), hs, ln, time.Second) }()
		for start := time.Now(); refused(ln.Addr().String()); time.Sleep(5 * time.Millisecond) {
			select {
			case err := <-done:
				t.Fatalf("Serve(ctx, srv, ln, 1s) returned %v before anyone closed the server", err)
			default:
			}
			if time.Since(start) > 5*time.Second {
				t.Fatalf("Serve(ctx, srv, ln, 1s) is not accepting connections after 5s")
			}
		}
		hs.Close()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server closed by its owner (srv.Close): Serve returned %v, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("server closed by its owner: Serve did not return within 5s")
		}
	})
	t.Run("no-goroutines-left", func(t *testing.T) {
		before := settledGoroutines()
		for i := 0; i < 5; i++ {
			s := startServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "x") }), time.Second)
			s.get("/")
			s.client.CloseIdleConnections()
			s.cancel()
			s.wait(t, 5*time.Second, "shutdown")
		}
		deadline := time.Now().Add(5 * time.Second)
		after := runtime.NumGoroutine()
		for after > before+2 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			after = runtime.NumGoroutine()
		}
		if after > before+2 {
			t.Errorf("5 Serve lifecycles left %d goroutines behind (before %d, after %d)", after-before, before, after)
		}
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
