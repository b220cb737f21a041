package pit

import (
	"errors"
	"io"
	"testing"
)

func TestExamples(t *testing.T) {
	t.Run("healthy", func(t *testing.T) {
		err := NewWorker(&dep{name: "db"}).Do()
		if err != nil {
			t.Fatalf("NewWorker(&dep{name: \"db\"}).Do() = %#v (a non-nil error interface), want a plain nil", err)
		}
	})

	t.Run("nil-dep", func(t *testing.T) {
		err := NewWorker(nil).Do()
		if err == nil {
			t.Fatal("NewWorker(nil).Do() = nil, want an error wrapping ErrNilDep")
		}
		if !errors.Is(err, ErrNilDep) {
			t.Errorf("NewWorker(nil).Do() = %q; errors.Is(err, ErrNilDep) = false, want true", err)
		}
		if got, want := err.Error(), "impl.Do: nil dep"; got != want {
			t.Errorf("NewWorker(nil).Do().Error() = %q, want %q", got, want)
		}
	})

	t.Run("failing-dep", func(t *testing.T) {
		err := NewWorker(&dep{name: "db", err: io.ErrUnexpectedEOF}).Do()
		var op *OpError
		if !errors.As(err, &op) {
			t.Fatalf("Do() with a failing dep = %#v; errors.As(err, **OpError) = false, want true", err)
		}
		if op.Op != "impl.Do" {
			t.Errorf("Do() with a failing dep: OpError.Op = %q, want %q", op.Op, "impl.Do")
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("Do() with a failing dep = %q; errors.Is(err, io.ErrUnexpectedEOF) = false, want true", err)
		}
	})
}
