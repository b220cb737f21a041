package pit

// BUG: cfg is read and written from many goroutines without any
// synchronisation. Under load this panics with "concurrent map read and map
// write" (and the race detector reports a data race). Fix it, keeping the
// signatures of Get and Set.
var cfg = map[string]string{}

// Get returns the value stored for key.
func Get(key string) (string, bool) {
	v, ok := cfg[key]
	return v, ok
}

// Set stores val under key.
func Set(key, val string) {
	cfg[key] = val
}
