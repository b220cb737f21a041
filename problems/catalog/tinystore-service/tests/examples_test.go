package tinystore

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
	t.Run("config-defaults", func(t *testing.T) {
		t.Setenv("PORT", "")
		t.Setenv("READ_TIMEOUT_MS", "")
		t.Setenv("SHUTDOWN_GRACE_MS", "")
		got, err := Load()
		want := Config{Port: 8080, ReadTimeout: 2 * time.Second, ShutdownGrace: 5 * time.Second}
		if err != nil || got != want {
			t.Errorf("Load() with nothing set = %+v, %v; want %+v, nil", got, err, want)
		}
	})

	t.Run("config-invalid-port", func(t *testing.T) {
		t.Setenv("PORT", "http")
		if _, err := Load(); err == nil || !strings.Contains(err.Error(), "PORT") {
			t.Errorf("Load() with PORT=http: error = %v, want an error mentioning PORT", err)
		}
	})

	t.Run("store", func(t *testing.T) {
		s := NewMemStore()
		ctx := context.Background()
		if err := s.Put(ctx, "hello", "world"); err != nil {
			t.Fatalf("Put(hello, world) = %v, want nil", err)
		}
		if v, ok, err := s.Get(ctx, "hello"); v != "world" || !ok || err != nil {
			t.Errorf("Get(hello) = %q, %v, %v; want \"world\", true, nil", v, ok, err)
		}
		if v, ok, err := s.Get(ctx, "nope"); v != "" || ok || err != nil {
			t.Errorf("Get(nope) = %q, %v, %v; want \"\", false, nil", v, ok, err)
		}
	})

	t.Run("http", func(t *testing.T) {
		h := NewRouter(NewMemStore(), nil).Handler()
		send := func(method, path, body string) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
			return rec
		}
		steps := []struct {
			method, path, body string
			code               int
			wantBody           string
		}{
			{"GET", "/healthz", "", 200, "ok"},
			{"GET", "/readyz", "", 503, ""},
			{"GET", "/kv/hello", "", 404, ""},
			{"PUT", "/kv/hello", `{"value":"world"}`, 204, ""},
			{"GET", "/kv/hello", "", 200, `{"value":"world"}`},
			{"GET", "/readyz", "", 200, "ready"},
			{"PUT", "/kv/hello", `{"value":`, 400, ""},
		}
		for _, st := range steps {
			rec := send(st.method, st.path, st.body)
			if rec.Code != st.code {
				t.Errorf("%s %s %s -> status %d, want %d", st.method, st.path, st.body, rec.Code, st.code)
			}
			if st.wantBody != "" && strings.TrimSpace(rec.Body.String()) != st.wantBody {
				t.Errorf("%s %s -> body %q, want %q", st.method, st.path, rec.Body.String(), st.wantBody)
			}
			if rec.Header().Get("X-Request-ID") == "" {
				t.Errorf("%s %s -> no X-Request-ID header", st.method, st.path)
			}
		}
	})

	t.Run("serve", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		cfg := Config{Port: 0, ReadTimeout: time.Second, ShutdownGrace: time.Second}
		go func() { done <- Serve(ctx, ln, NewRouter(NewMemStore(), nil).Handler(), cfg) }()

		client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := client.Get("http://" + ln.Addr().String() + "/healthz")
		if err != nil {
			cancel()
			t.Fatalf("GET /healthz through Serve: %v", err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != "ok" {
			t.Errorf("GET /healthz through Serve = %d %q, want 200 \"ok\"", resp.StatusCode, body)
		}

		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve returned %v after its context was cancelled, want nil", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("Serve did not return within 2s after its context was cancelled")
		}
	})
}
