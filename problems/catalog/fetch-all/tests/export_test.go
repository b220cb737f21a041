package fetchpool

import "time"

// The hidden suite is compiled as the external package fetchpool_test
// (docs/problem-format.md): this gives it the statement's baseBackoff, and nothing else.

// SetBaseBackoff sets the package's base backoff (the statement's `var baseBackoff`).
func SetBaseBackoff(d time.Duration) { baseBackoff = d }
