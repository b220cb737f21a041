package fetch

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func exampleServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("hello"))
	})
	mux.HandleFunc("/ten", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("0123456789"))
	})
	mux.HandleFunc("/created", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte("made it"))
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no such page", http.StatusNotFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	return srv
}

func TestExamples(t *testing.T) {
	srv := exampleServer(t)
	ok := []struct {
		name  string
		path  string
		limit int64
		want  string
	}{
		{"within-limit", "/hello", 10, "hello"},
		{"exactly-limit", "/ten", 10, "0123456789"},
		{"status-201", "/created", 100, "made it"},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Fetch(context.Background(), srv.URL+tc.path, tc.limit)
			if err != nil || !bytes.Equal(got, []byte(tc.want)) {
				t.Errorf("Fetch(%s, limit %d) = %q, %v; want %q, nil", tc.path, tc.limit, got, err, tc.want)
			}
		})
	}

	t.Run("over-limit", func(t *testing.T) {
		got, err := Fetch(context.Background(), srv.URL+"/ten", 9)
		if !errors.Is(err, ErrTooLarge) || got != nil {
			t.Errorf("Fetch(/ten (10 bytes), limit 9) = %q, %v; want nil and an error wrapping ErrTooLarge", got, err)
		}
	})

	t.Run("not-found", func(t *testing.T) {
		got, err := Fetch(context.Background(), srv.URL+"/missing", 100)
		var se *StatusError
		if !errors.As(err, &se) || se.StatusCode != http.StatusNotFound || got != nil {
			t.Errorf("Fetch(/missing) = %q, %v; want nil and an error wrapping &StatusError{StatusCode: 404}", got, err)
		} else if !strings.Contains(err.Error(), "404") {
			t.Errorf("Fetch(/missing) error = %q, want it to mention 404", err)
		}
	})

	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		type res struct {
			data []byte
			err  error
		}
		done := make(chan res, 1)
		go func() {
			d, err := Fetch(ctx, srv.URL+"/slow", 100)
			done <- res{d, err}
		}()
		select {
		case r := <-done:
			if !errors.Is(r.err, context.DeadlineExceeded) || r.data != nil {
				t.Errorf("Fetch(/slow, ctx deadline 50ms) = %q, %v; want nil and an error wrapping context.DeadlineExceeded", r.data, r.err)
			}
		case <-time.After(2 * time.Second):
			t.Errorf("Fetch(/slow, ctx deadline 50ms) has not returned after 2s: is ctx attached to the request?")
		}
	})

	t.Run("cancelled-before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		got, err := Fetch(ctx, srv.URL+"/hello", 100)
		if !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("Fetch(/hello, cancelled ctx) = %q, %v; want nil and an error wrapping context.Canceled", got, err)
		}
	})
}
