package pit

// The hidden suite is compiled as the external package pit_test (docs/problem-format.md):
// these give it the statement's unexported names, and nothing else.

// Dep is the statement's dep; Impl its impl.
type (
	Dep  = dep
	Impl = impl
)

// NewDep builds a dependency named name that reports err (nil when healthy).
func NewDep(name string, err error) *Dep { return &dep{name: name, err: err} }

// RunDep calls d.run(), on a nil d too.
func RunDep(d *Dep) error { return d.run() }
