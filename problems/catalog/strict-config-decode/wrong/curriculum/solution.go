package cfg

// Variant: the textbook version. ApplyDefaults turns an explicit "enabled": false into
// true, a quoted "1500" is accepted through json.Number, trailing data is ignored, and
// nothing is validated (empty name, port 0, timeout 0 or negative).

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

type Config struct {
	Name    string            `json:"name"`
	Enabled bool              `json:"enabled"`
	Ports   []int             `json:"ports,omitempty"`
	Meta    map[string]string `json:"meta,omitempty"`
	Timeout time.Duration     `json:"-"`
}

func (c *Config) ApplyDefaults() {
	if !c.Enabled {
		c.Enabled = true
	}
	if c.Timeout == 0 {
		c.Timeout = 1500 * time.Millisecond
	}
}

func LoadConfig(r io.Reader) (*Config, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	dec.UseNumber()

	var aux struct {
		Name    string            `json:"name"`
		Enabled *bool             `json:"enabled"`
		Ports   []int             `json:"ports"`
		Meta    map[string]string `json:"meta"`
		Timeout json.Number       `json:"timeout_ms"`
	}
	if err := dec.Decode(&aux); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}

	var c Config
	c.Name = aux.Name
	if aux.Enabled != nil {
		c.Enabled = *aux.Enabled
	}
	c.Ports = aux.Ports
	c.Meta = aux.Meta
	if aux.Timeout != "" {
		ms, err := aux.Timeout.Int64()
		if err != nil {
			return nil, fmt.Errorf("timeout_ms: %w", err)
		}
		c.Timeout = time.Duration(ms) * time.Millisecond
	}
	c.ApplyDefaults()
	return &c, nil
}
