package cfg

import (
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

// ApplyDefaults sets a zero Timeout to 1.5 s (and nothing else). Idempotent.
func (c *Config) ApplyDefaults() {
	// TODO
}

// LoadConfig strictly decodes one JSON object from r. See the statement.
func LoadConfig(r io.Reader) (*Config, error) {
	// TODO: json.NewDecoder(r), DisallowUnknownFields, a wire struct with
	// pointers for optional keys, validation, and a check for trailing data.
	return nil, nil
}
