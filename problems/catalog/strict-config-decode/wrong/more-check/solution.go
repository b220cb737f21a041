package cfg

// Variant: checks for trailing data with dec.More(), which is false for a stray '}' or ']'.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Config is the decoded configuration. Timeout is read from "timeout_ms".
type Config struct {
	Name    string            `json:"name"`
	Enabled bool              `json:"enabled"`
	Ports   []int             `json:"ports,omitempty"`
	Meta    map[string]string `json:"meta,omitempty"`
	Timeout time.Duration     `json:"-"`
}

const (
	defaultTimeout = 1500 * time.Millisecond
	maxTimeoutMS   = 3_600_000 // one hour
)

// ApplyDefaults fills in the defaults that a zero value can express: a zero
// Timeout becomes 1.5 s. It is idempotent. It leaves Enabled alone: a bool
// cannot tell "absent" from "false", so LoadConfig decides that one.
func (c *Config) ApplyDefaults() {
	if c.Timeout == 0 {
		c.Timeout = defaultTimeout
	}
}

// wire is the JSON shape. Pointers tell an absent (or null) key from a zero value.
type wire struct {
	Name      *string           `json:"name"`
	Enabled   *bool             `json:"enabled"`
	Ports     []int             `json:"ports"`
	Meta      map[string]string `json:"meta"`
	TimeoutMS *int64            `json:"timeout_ms"` // a JSON string such as "1500" is a type error
}

// LoadConfig decodes exactly one JSON object from r, strictly: unknown keys,
// wrong types, out-of-range values and anything after the object are errors.
func LoadConfig(r io.Reader) (*Config, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()

	var w *wire // stays nil for a top-level null
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if w == nil {
		return nil, errors.New("config: want a JSON object, got null")
	}
	if dec.More() {
		return nil, errors.New("config: unexpected data after the object")
	}

	c := &Config{Enabled: true, Ports: w.Ports, Meta: w.Meta}
	if w.Name == nil || *w.Name == "" {
		return nil, errors.New(`config: "name" is required and must not be empty`)
	}
	c.Name = *w.Name
	if w.Enabled != nil {
		c.Enabled = *w.Enabled
	}
	for i, p := range w.Ports {
		if p < 1 || p > 65535 {
			return nil, fmt.Errorf(`config: "ports"[%d] = %d, want 1..65535`, i, p)
		}
	}
	if w.TimeoutMS != nil {
		ms := *w.TimeoutMS
		if ms < 1 || ms > maxTimeoutMS {
			return nil, fmt.Errorf(`config: "timeout_ms" = %d, want 1..%d`, ms, maxTimeoutMS)
		}
		c.Timeout = time.Duration(ms) * time.Millisecond
	}
	c.ApplyDefaults()
	return c, nil
}
