package pit

import "fmt"

// This code has bugs: a healthy worker sometimes reports a failure, a missing
// dependency is logged as "... <nil>", and errors.Is / errors.As cannot see the
// cause. Fix it without changing the exported API (see the statement).

// ErrNilDep is reported when a Worker has no dependency to run.
var ErrNilDep = fmt.Errorf("nil dep")

type OpError struct {
	Op  string
	Err error
}

func (e *OpError) Error() string {
	return fmt.Sprintf("%s: %v", e.Op, e.Err)
}

type Worker interface {
	Do() error
}

type dep struct {
	name string
	err  error // the failure this dependency reports; nil when healthy
}

func (d *dep) run() error {
	var failure *OpError
	if d == nil {
		failure = &OpError{Op: "dep.run"}
	} else if d.err != nil {
		failure = &OpError{Op: "dep.run", Err: d.err}
	}
	return failure
}

type impl struct {
	dep *dep
}

func NewWorker(d *dep) Worker { return &impl{dep: d} }

func (i *impl) Do() error {
	return i.dep.run()
}
