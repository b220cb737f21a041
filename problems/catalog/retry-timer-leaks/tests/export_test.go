package pit

import "time"

// The hidden suite is compiled as the external package pit_test
// (docs/problem-format.md): this gives it the statement's timing variables, and nothing else.

// SetTimings sets backoffStart, backoffCap and heartbeatEvery (the statement's variables).
func SetTimings(start, cap, every time.Duration) {
	backoffStart, backoffCap, heartbeatEvery = start, cap, every
}
