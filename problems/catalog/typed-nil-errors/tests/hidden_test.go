package pit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
)

// describe shows what an error interface really holds: a typed nil prints as
// "(*pit.OpError)(nil)" instead of a misleading "<nil>".
func describe(err error) string {
	if err == nil {
		return "nil"
	}
	return fmt.Sprintf("%T(%q)", err, safeMessage(err))
}

// safeMessage calls err.Error(), turning a panic into text.
func safeMessage(err error) (msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprintf("<Error() panicked: %v>", p)
		}
	}()
	return err.Error()
}

// safeDo calls w.Do(), turning a panic into a test failure.
func safeDo(t *testing.T, what string, w Worker) (err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("%s.Do() panicked: %v", what, p)
		}
	}()
	return w.Do()
}

type timeoutError struct{ after string }

func (e *timeoutError) Error() string { return "timeout after " + e.after }
func (e *timeoutError) Timeout() bool { return true }

// checkOpError asserts err is an *OpError with the given Op, message and cause.
func checkOpError(t *testing.T, call string, err error, wantMsg string, cause error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s = nil, want an *OpError %q", call, wantMsg)
	}
	var op *OpError
	if !errors.As(err, &op) {
		t.Fatalf("%s = %s; errors.As(err, **OpError) = false, want true", call, describe(err))
	}
	if op == nil {
		t.Fatalf("%s: errors.As found a nil *OpError", call)
	}
	if op.Op != "impl.Do" {
		t.Errorf("%s: OpError.Op = %q, want %q", call, op.Op, "impl.Do")
	}
	if got := safeMessage(err); got != wantMsg {
		t.Errorf("%s.Error() = %q, want %q", call, got, wantMsg)
	}
	if got := fmt.Sprintf("%v", err); strings.Contains(got, "<nil>") {
		t.Errorf("fmt.Sprintf(\"%%v\", %s) = %q: a real failure must never print <nil>", call, got)
	}
	if !errors.Is(err, cause) {
		t.Errorf("%s = %q; errors.Is(err, %v) = false, want true", call, safeMessage(err), cause)
	}
}

func TestHealthyIsPlainNil(t *testing.T) {
	deps := map[string]*Dep{
		"named":      NewDep("db", nil),
		"zero-value": new(Dep),
		"empty-name": NewDep("", nil),
	}
	for name, d := range deps {
		t.Run(name, func(t *testing.T) {
			if err := safeDo(t, "NewWorker(healthy dep)", NewWorker(d)); err != nil {
				t.Fatalf("NewWorker(%+v).Do() = %s, want a plain nil: an interface holding a nil pointer is not nil",
					*d, describe(err))
			}
		})
	}

	t.Run("run-direct", func(t *testing.T) {
		d := NewDep("cache", nil)
		if err := RunDep(d); err != nil {
			t.Fatalf("(&dep{name: \"cache\"}).run() = %s, want a plain nil", describe(err))
		}
	})

	t.Run("if-err-branch", func(t *testing.T) {
		// The way callers use it: the failure branch must not run.
		logged := 0
		for i := 0; i < 100; i++ {
			if err := NewWorker(NewDep(fmt.Sprint("svc", i), nil)).Do(); err != nil {
				logged++
			}
		}
		if logged != 0 {
			t.Fatalf("%d of 100 healthy workers took the `if err != nil` branch, want 0", logged)
		}
	})

	t.Run("stored-in-error-var", func(t *testing.T) {
		var err error = errors.New("previous")
		err = NewWorker(NewDep("db", nil)).Do()
		if err != nil {
			t.Fatalf("after err = Do() on a healthy worker, err = %s, want nil", describe(err))
		}
	})
}

func TestNilDep(t *testing.T) {
	t.Run("do", func(t *testing.T) {
		err := safeDo(t, "NewWorker(nil)", NewWorker(nil))
		checkOpError(t, "NewWorker(nil).Do()", err, "impl.Do: nil dep", ErrNilDep)
	})

	t.Run("typed-nil-dep-var", func(t *testing.T) {
		var d *Dep
		err := safeDo(t, "NewWorker((*dep)(nil))", NewWorker(d))
		checkOpError(t, "NewWorker((*dep)(nil)).Do()", err, "impl.Do: nil dep", ErrNilDep)
	})

	t.Run("worker-not-nil", func(t *testing.T) {
		if w := NewWorker(nil); w == nil {
			t.Fatal("NewWorker(nil) = nil Worker, want a Worker whose Do reports ErrNilDep")
		}
	})

	t.Run("run-direct", func(t *testing.T) {
		var d *Dep
		err := RunDep(d)
		if err == nil {
			t.Fatal("(*dep)(nil).run() = nil, want ErrNilDep")
		}
		if !errors.Is(err, ErrNilDep) {
			t.Fatalf("(*dep)(nil).run() = %s; errors.Is(err, ErrNilDep) = false, want true", describe(err))
		}
		if got := safeMessage(err); strings.Contains(got, "<nil>") {
			t.Errorf("(*dep)(nil).run().Error() = %q, must not contain <nil>", got)
		}
	})

	t.Run("sentinel", func(t *testing.T) {
		if ErrNilDep == nil {
			t.Fatal("ErrNilDep is nil")
		}
		if got := ErrNilDep.Error(); got != "nil dep" {
			t.Errorf("ErrNilDep.Error() = %q, want %q", got, "nil dep")
		}
	})

	t.Run("distinct-each-call", func(t *testing.T) {
		w := NewWorker(nil)
		a, b := safeDo(t, "NewWorker(nil)", w), safeDo(t, "NewWorker(nil)", w)
		if !errors.Is(a, ErrNilDep) || !errors.Is(b, ErrNilDep) {
			t.Fatalf("two calls of NewWorker(nil).Do() = %s, %s; both must wrap ErrNilDep", describe(a), describe(b))
		}
	})
}

// TestNilWorkerPointer calls Do on a nil *impl held in a Worker interface. It does
// not recover: a nil-pointer dereference here crashes the test binary.
func TestNilWorkerPointer(t *testing.T) {
	var p *Impl
	var w Worker = p
	if w == nil {
		t.Fatal("a Worker holding a nil *impl compared equal to nil; this cannot happen in Go")
	}
	err := w.Do()
	checkOpError(t, "Worker((*impl)(nil)).Do()", err, "impl.Do: nil dep", ErrNilDep)
}

func TestFailingDep(t *testing.T) {
	t.Run("sentinel-cause", func(t *testing.T) {
		err := safeDo(t, "NewWorker(&dep{err: io.ErrUnexpectedEOF})", NewWorker(NewDep("db", io.ErrUnexpectedEOF)))
		checkOpError(t, "NewWorker(&dep{err: io.ErrUnexpectedEOF}).Do()", err, "impl.Do: unexpected EOF", io.ErrUnexpectedEOF)
		if errors.Is(err, ErrNilDep) {
			t.Errorf("Do() with a failing (non-nil) dep: errors.Is(err, ErrNilDep) = true, want false")
		}
	})

	t.Run("wrapped-cause", func(t *testing.T) {
		cause := fmt.Errorf("open config: %w", fs.ErrNotExist)
		err := safeDo(t, "NewWorker(&dep{err: wrapped fs.ErrNotExist})", NewWorker(NewDep("fs", cause)))
		checkOpError(t, "Do() with a wrapped fs.ErrNotExist", err,
			"impl.Do: open config: file does not exist", fs.ErrNotExist)
	})

	t.Run("custom-type-as", func(t *testing.T) {
		cause := &timeoutError{after: "3s"}
		err := safeDo(t, "NewWorker(&dep{err: *timeoutError})", NewWorker(NewDep("net", cause)))
		checkOpError(t, "Do() with a *timeoutError", err, "impl.Do: timeout after 3s", cause)
		var te *timeoutError
		if !errors.As(err, &te) || te != cause {
			t.Errorf("Do() with a *timeoutError: errors.As(err, **timeoutError) did not find the dependency's error")
		}
		var to interface{ Timeout() bool }
		if !errors.As(err, &to) || !to.Timeout() {
			t.Errorf("Do() with a *timeoutError: errors.As(err, *interface{ Timeout() bool }) = false, want true")
		}
	})

	t.Run("opError-cause", func(t *testing.T) {
		inner := &OpError{Op: "db.query", Err: io.EOF}
		err := safeDo(t, "NewWorker(&dep{err: *OpError})", NewWorker(NewDep("db", inner)))
		checkOpError(t, "Do() with an *OpError cause", err, "impl.Do: db.query: EOF", io.EOF)
		var outer *OpError
		if errors.As(err, &outer) && outer == inner {
			t.Errorf("Do() returned the dependency's *OpError itself; want a new *OpError{Op: \"impl.Do\"} wrapping it")
		}
		if errors.As(err, &outer) && outer.Err != inner {
			t.Errorf("Do(): outer OpError.Err = %s, want the dependency's error", describe(outer.Err))
		}
	})

	t.Run("run-direct", func(t *testing.T) {
		d := NewDep("db", io.ErrClosedPipe)
		if err := RunDep(d); !errors.Is(err, io.ErrClosedPipe) {
			t.Errorf("(&dep{err: io.ErrClosedPipe}).run() = %s, want io.ErrClosedPipe", describe(err))
		}
	})
}

func TestOpError(t *testing.T) {
	t.Run("message", func(t *testing.T) {
		e := &OpError{Op: "read", Err: io.EOF}
		if got := e.Error(); got != "read: EOF" {
			t.Errorf("(&OpError{Op: \"read\", Err: io.EOF}).Error() = %q, want %q", got, "read: EOF")
		}
	})

	t.Run("nil-cause-no-<nil>", func(t *testing.T) {
		e := &OpError{Op: "flush"}
		got := safeMessage(e)
		if got != "flush" {
			t.Errorf("(&OpError{Op: \"flush\"}).Error() = %q, want %q (never \"<nil>\")", got, "flush")
		}
	})

	t.Run("unwrap", func(t *testing.T) {
		e := &OpError{Op: "read", Err: io.EOF}
		u, ok := any(e).(interface{ Unwrap() error })
		if !ok {
			t.Fatal("*OpError has no Unwrap() error method, so errors.Is / errors.As cannot see its cause")
		}
		if got := u.Unwrap(); got != io.EOF {
			t.Errorf("(&OpError{Err: io.EOF}).Unwrap() = %s, want io.EOF", describe(got))
		}
		if got := any(&OpError{Op: "x"}).(interface{ Unwrap() error }).Unwrap(); got != nil {
			t.Errorf("(&OpError{Op: \"x\"}).Unwrap() = %s, want nil", describe(got))
		}
	})

	t.Run("is-through-fmt-wrap", func(t *testing.T) {
		err := fmt.Errorf("request 42: %w", &OpError{Op: "impl.Do", Err: ErrNilDep})
		if !errors.Is(err, ErrNilDep) {
			t.Errorf("errors.Is(fmt.Errorf(\"...: %%w\", &OpError{Err: ErrNilDep}), ErrNilDep) = false, want true")
		}
		var op *OpError
		if !errors.As(err, &op) || op.Op != "impl.Do" {
			t.Errorf("errors.As through fmt.Errorf %%w did not find the *OpError")
		}
	})

	t.Run("is-through-join", func(t *testing.T) {
		err := errors.Join(io.ErrShortWrite, &OpError{Op: "sync", Err: ErrNilDep})
		if !errors.Is(err, ErrNilDep) {
			t.Errorf("errors.Is(errors.Join(..., &OpError{Err: ErrNilDep}), ErrNilDep) = false, want true")
		}
	})

	t.Run("is-error", func(t *testing.T) {
		var err error = &OpError{Op: "a", Err: io.EOF}
		if !errors.Is(err, io.EOF) {
			t.Errorf("errors.Is(&OpError{Err: io.EOF}, io.EOF) = false, want true")
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("errors.Is(&OpError{Err: io.EOF}, io.ErrUnexpectedEOF) = true, want false")
		}
	})
}

func TestLogging(t *testing.T) {
	logLine := func(w Worker) string {
		if err := w.Do(); err != nil {
			return fmt.Sprintf("worker failed: %v", err)
		}
		return ""
	}

	if got := logLine(NewWorker(NewDep("db", nil))); got != "" {
		t.Errorf("a healthy worker logged %q, want nothing", got)
	}
	if got, want := logLine(NewWorker(nil)), "worker failed: impl.Do: nil dep"; got != want {
		t.Errorf("a worker without a dep logged %q, want %q", got, want)
	}
	if got, want := logLine(NewWorker(NewDep("", io.ErrNoProgress))),
		"worker failed: impl.Do: multiple Read calls return no data or error"; got != want {
		t.Errorf("a failing worker logged %q, want %q", got, want)
	}
}

func TestConcurrentWorkers(t *testing.T) {
	// Workers and errors are immutable values: many goroutines may use them at once.
	ws := []Worker{NewWorker(nil), NewWorker(NewDep("ok", nil)), NewWorker(NewDep("", io.EOF))}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var bad []string
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				e0, e1, e2 := ws[0].Do(), ws[1].Do(), ws[2].Do()
				if !errors.Is(e0, ErrNilDep) || e1 != nil || !errors.Is(e2, io.EOF) {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("%s / %s / %s", describe(e0), describe(e1), describe(e2)))
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(bad) > 0 {
		t.Fatalf("concurrent Do() calls gave (nil dep / healthy / failing) = %s", bad[0])
	}
}
