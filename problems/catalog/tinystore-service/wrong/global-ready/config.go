package tinystore

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"time"
)

// Config is the service's configuration, read from the environment.
type Config struct {
	Port          int           // PORT, default 8080
	ReadTimeout   time.Duration // READ_TIMEOUT_MS, default 2000
	ShutdownGrace time.Duration // SHUTDOWN_GRACE_MS, default 5000
}

// Load reads PORT, READ_TIMEOUT_MS and SHUTDOWN_GRACE_MS. An unset or empty
// variable takes its default; anything else must be valid, or Load fails
// with an error naming the variable.
func Load() (Config, error) {
	var c Config
	port, err := intEnv("PORT", 8080)
	if err != nil {
		return Config{}, err
	}
	if port < 1 || port > 65535 {
		return Config{}, fmt.Errorf("invalid PORT %d: want 1..65535", port)
	}
	c.Port = port

	if c.ReadTimeout, err = msEnv("READ_TIMEOUT_MS", 2000); err != nil {
		return Config{}, err
	}
	if c.ShutdownGrace, err = msEnv("SHUTDOWN_GRACE_MS", 5000); err != nil {
		return Config{}, err
	}
	return c, nil
}

func intEnv(name string, def int) (int, error) {
	s := os.Getenv(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("invalid %s %q: not an integer", name, s)
	}
	return n, nil
}

// msEnv reads a positive number of milliseconds that fits a time.Duration.
func msEnv(name string, def int) (time.Duration, error) {
	ms, err := intEnv(name, def)
	if err != nil {
		return 0, err
	}
	if ms <= 0 || int64(ms) > math.MaxInt64/int64(time.Millisecond) {
		return 0, fmt.Errorf("invalid %s %d: want a positive number of milliseconds", name, ms)
	}
	return time.Duration(ms) * time.Millisecond, nil
}
