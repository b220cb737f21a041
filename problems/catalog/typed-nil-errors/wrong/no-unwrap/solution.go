package pit

import "errors"

// ErrNilDep is reported when a Worker has no dependency to run.
var ErrNilDep = errors.New("nil dep")

// OpError records which operation failed and why.
type OpError struct {
	Op  string
	Err error
}

// Error returns "Op: cause", or just Op when there is no cause, so a log line
// never shows "<nil>".
func (e *OpError) Error() string {
	if e.Err == nil {
		return e.Op
	}
	return e.Op + ": " + e.Err.Error()
}

// Worker does one unit of work.
type Worker interface {
	Do() error
}

type dep struct {
	name string
	err  error // the failure this dependency reports; nil when healthy
}

// run returns ErrNilDep for a nil dependency, the dependency's failure if it
// has one, and a true nil interface otherwise.
func (d *dep) run() error {
	if d == nil {
		return ErrNilDep
	}
	if d.err != nil {
		return d.err
	}
	return nil
}

type impl struct {
	dep *dep
}

// NewWorker returns a Worker that runs d.
func NewWorker(d *dep) Worker { return &impl{dep: d} }

// Do runs the dependency. Failures come back as *OpError{Op: "impl.Do"}
// wrapping the cause; success is a plain nil, never a nil *OpError.
func (i *impl) Do() error {
	var d *dep
	if i != nil {
		d = i.dep
	}
	if err := d.run(); err != nil {
		return &OpError{Op: "impl.Do", Err: err}
	}
	return nil
}
