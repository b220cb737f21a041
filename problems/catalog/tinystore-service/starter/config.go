package tinystore

import "time"

// Config is the service's configuration, read from the environment.
type Config struct {
	Port          int           // PORT, default 8080
	ReadTimeout   time.Duration // READ_TIMEOUT_MS, default 2000
	ShutdownGrace time.Duration // SHUTDOWN_GRACE_MS, default 5000
}

// Load reads PORT, READ_TIMEOUT_MS and SHUTDOWN_GRACE_MS from the environment.
func Load() (Config, error) {
	// TODO: defaults for unset/empty variables, validation, errors naming the variable.
	return Config{}, nil
}
