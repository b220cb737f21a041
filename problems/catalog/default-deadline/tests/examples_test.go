package srv

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestExamples(t *testing.T) {
	t.Run("adds-deadline", func(t *testing.T) {
		var deadline time.Time
		var has bool
		h := WithDefaultDeadline(2 * time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			deadline, has = r.Context().Deadline()
		}))
		before := time.Now()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		after := time.Now()
		// The deadline is 2s after the moment the middleware ran, somewhere between before and after.
		if !has || deadline.Before(before.Add(2*time.Second)) || deadline.After(after.Add(2*time.Second)) {
			t.Errorf("WithDefaultDeadline(2s): handler saw deadline=%v (has=%v) after the start, want 2s", deadline.Sub(before), has)
		}
	})
	t.Run("keeps-existing", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		want, _ := ctx.Deadline()
		var got time.Time
		h := WithDefaultDeadline(100 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, _ = r.Context().Deadline()
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil).WithContext(ctx))
		if !got.Equal(want) {
			t.Errorf("request already has a deadline in 5s: handler saw one %v away from it, want it unchanged", got.Sub(want))
		}
	})
	t.Run("503-when-unanswered", func(t *testing.T) {
		h := WithDefaultDeadline(50 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select { // gives up at the deadline without writing
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/slow", nil))
		if rec.Code != 503 || strings.TrimSpace(rec.Body.String()) != "deadline exceeded" {
			t.Errorf("handler hit the 50ms deadline without writing: got %d %q, want 503 \"deadline exceeded\"", rec.Code, rec.Body.String())
		}
	})
	t.Run("graceful-serve", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		started := make(chan struct{})
		hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(started)
			time.Sleep(100 * time.Millisecond) // still busy when the shutdown begins
			io.WriteString(w, "done")
		})}
		go func() { done <- Serve(ctx, hs, ln, 2*time.Second) }()
		reply := make(chan string, 1)
		go func() {
			resp, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + ln.Addr().String())
			if err != nil {
				reply <- "error: " + err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			reply <- string(b)
		}()
		select {
		case <-started: // the request is in flight
		case got := <-reply:
			cancel()
			t.Fatalf("GET while Serve(ctx, srv, ln, 2s) runs got %q before reaching the handler, want \"done\"", got)
		case <-time.After(5 * time.Second):
			cancel()
			t.Fatalf("GET while Serve(ctx, srv, ln, 2s) runs: the request did not reach the handler within 5s")
		}
		cancel()
		if got := <-reply; got != "done" {
			t.Errorf("request in flight during the graceful shutdown got %q, want \"done\"", got)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve returned %v after a clean shutdown, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Serve did not return within 5s after ctx was cancelled")
		}
	})
}
