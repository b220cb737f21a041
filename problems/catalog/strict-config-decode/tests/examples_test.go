package cfg

import (
	"strings"
	"testing"
	"time"
)

func TestExamples(t *testing.T) {
	t.Run("full", func(t *testing.T) {
		in := `{"name": "api", "enabled": false, "ports": [80, 443], "meta": {"team": "core"}, "timeout_ms": 250}`
		c, err := LoadConfig(strings.NewReader(in))
		if err != nil || c == nil {
			t.Fatalf("LoadConfig(%s) = (%v, %v), want a config and no error", in, c, err)
		}
		if c.Name != "api" || c.Enabled || len(c.Ports) != 2 || c.Ports[0] != 80 || c.Ports[1] != 443 ||
			c.Meta["team"] != "core" || len(c.Meta) != 1 || c.Timeout != 250*time.Millisecond {
			t.Errorf("LoadConfig(%s) = %+v, want {Name:api Enabled:false Ports:[80 443] Meta:map[team:core] Timeout:250ms}", in, *c)
		}
	})

	t.Run("defaults", func(t *testing.T) {
		in := `{"name": "api"}`
		c, err := LoadConfig(strings.NewReader(in))
		if err != nil || c == nil {
			t.Fatalf("LoadConfig(%s) = (%v, %v), want a config and no error", in, c, err)
		}
		if c.Name != "api" || !c.Enabled || len(c.Ports) != 0 || len(c.Meta) != 0 || c.Timeout != 1500*time.Millisecond {
			t.Errorf("LoadConfig(%s) = %+v, want {Name:api Enabled:true Ports:[] Meta:map[] Timeout:1.5s}", in, *c)
		}
	})

	for _, bad := range []string{
		`{"name": "api", "colour": "blue"}`,
		`{"name": "api", "timeout_ms": "1500"}`,
		`{"name": "api", "ports": [0]}`,
		`{"name": "api"} {"name": "again"}`,
		`{"enabled": true}`,
	} {
		t.Run("rejects", func(t *testing.T) {
			c, err := LoadConfig(strings.NewReader(bad))
			if err == nil || c != nil {
				t.Errorf("LoadConfig(%s) = (%+v, %v), want (nil, an error)", bad, c, err)
			}
		})
	}
}
