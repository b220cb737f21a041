package cfg

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func showCfg(c *Config) string {
	if c == nil {
		return "nil"
	}
	var ports, meta any = c.Ports, c.Meta
	if len(c.Ports) > 20 {
		ports = fmt.Sprintf("<%d ports>", len(c.Ports))
	}
	if len(c.Meta) > 10 {
		meta = fmt.Sprintf("<%d entries>", len(c.Meta))
	}
	return fmt.Sprintf("&{Name:%q Enabled:%v Ports:%v Meta:%v Timeout:%v}", short(c.Name), c.Enabled, ports, meta, c.Timeout)
}

func short(s string) string {
	if len(s) <= 160 {
		return s
	}
	return fmt.Sprintf("%s... (%d bytes)", s[:120], len(s))
}

// sameCfg compares two configs, treating nil and empty Ports/Meta as equal.
func sameCfg(a, b *Config) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Name == b.Name && a.Enabled == b.Enabled && a.Timeout == b.Timeout &&
		slices.Equal(a.Ports, b.Ports) && maps.Equal(a.Meta, b.Meta)
}

func expectOK(t *testing.T, in string, want *Config) {
	t.Helper()
	got, err := LoadConfig(strings.NewReader(in))
	if err != nil {
		t.Fatalf("LoadConfig(%s) returned error %v, want %s", short(in), err, showCfg(want))
	}
	if !sameCfg(got, want) {
		t.Fatalf("LoadConfig(%s) = %s, want %s", short(in), showCfg(got), showCfg(want))
	}
}

// expectErr checks for (nil, error); mention, if not empty, must appear in the message.
func expectErr(t *testing.T, in string, mention string) {
	t.Helper()
	got, err := LoadConfig(strings.NewReader(in))
	if err == nil {
		t.Fatalf("LoadConfig(%s) = (%s, nil), want an error", short(in), showCfg(got))
	}
	if got != nil {
		t.Errorf("LoadConfig(%s) returned a config %s together with error %q; want nil with the error", short(in), showCfg(got), err)
	}
	if mention != "" && !strings.Contains(err.Error(), mention) {
		t.Errorf("LoadConfig(%s) error %q does not mention %q", short(in), err, mention)
	}
}

const dflt = 1500 * time.Millisecond

func TestValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Config
	}{
		{"full", `{"name": "api", "enabled": false, "ports": [80, 443], "meta": {"team": "core"}, "timeout_ms": 250}`,
			Config{Name: "api", Enabled: false, Ports: []int{80, 443}, Meta: map[string]string{"team": "core"}, Timeout: 250 * time.Millisecond}},
		{"enabled-true", `{"name": "api", "enabled": true}`, Config{Name: "api", Enabled: true, Timeout: dflt}},
		{"key-order", `{"timeout_ms": 10, "meta": {}, "ports": [], "enabled": false, "name": "x"}`,
			Config{Name: "x", Timeout: 10 * time.Millisecond}},
		{"whitespace", " \n\t{ \"name\" : \"api\" }\n\n ", Config{Name: "api", Enabled: true, Timeout: dflt}},
		{"unicode-name", `{"name": "сервис-α ✓"}`, Config{Name: "сервис-α ✓", Enabled: true, Timeout: dflt}},
		{"escaped-name", `{"name": "a\"b\\c\u00e9"}`, Config{Name: "a\"b\\cé", Enabled: true, Timeout: dflt}},
		{"port-edges", `{"name": "p", "ports": [1, 65535, 8080, 8080]}`,
			Config{Name: "p", Enabled: true, Ports: []int{1, 65535, 8080, 8080}, Timeout: dflt}},
		{"meta-many", `{"name": "m", "meta": {"a": "1", "b": "", "c d": "é"}}`,
			Config{Name: "m", Enabled: true, Meta: map[string]string{"a": "1", "b": "", "c d": "é"}, Timeout: dflt}},
		{"meta-null-value", `{"name": "m", "meta": {"team": null, "env": "prod"}}`,
			Config{Name: "m", Enabled: true, Meta: map[string]string{"team": "", "env": "prod"}, Timeout: dflt}},
		{"timeout-min", `{"name": "t", "timeout_ms": 1}`, Config{Name: "t", Enabled: true, Timeout: time.Millisecond}},
		{"timeout-max", `{"name": "t", "timeout_ms": 3600000}`, Config{Name: "t", Enabled: true, Timeout: time.Hour}},
		{"timeout-default-value", `{"name": "t", "timeout_ms": 1500}`, Config{Name: "t", Enabled: true, Timeout: dflt}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { expectOK(t, tc.in, &tc.want) })
	}
}

func TestDefaults(t *testing.T) {
	t.Run("minimal", func(t *testing.T) {
		expectOK(t, `{"name": "api"}`, &Config{Name: "api", Enabled: true, Timeout: dflt})
	})
	t.Run("enabled-false-kept", func(t *testing.T) {
		expectOK(t, `{"name": "api", "enabled": false}`, &Config{Name: "api", Enabled: false, Timeout: dflt})
	})
	t.Run("enabled-false-with-timeout", func(t *testing.T) {
		expectOK(t, `{"name": "api", "enabled": false, "timeout_ms": 99}`, &Config{Name: "api", Timeout: 99 * time.Millisecond})
	})
	t.Run("nulls-are-absent", func(t *testing.T) {
		expectOK(t, `{"name": "api", "enabled": null, "ports": null, "meta": null, "timeout_ms": null}`,
			&Config{Name: "api", Enabled: true, Timeout: dflt})
	})
	t.Run("empty-collections", func(t *testing.T) {
		expectOK(t, `{"name": "api", "ports": [], "meta": {}}`, &Config{Name: "api", Enabled: true, Timeout: dflt})
	})
}

func TestTimeout(t *testing.T) {
	for _, bad := range []struct{ name, value string }{
		{"zero", "0"},
		{"negative", "-5"},
		{"over-an-hour", "3600001"},
		{"max-int64", "9223372036854775807"},
		{"huge", "1e30"},
		{"fraction", "1500.5"},
		{"exponent", "1.5e3"},
		{"point-zero", "1500.0"},
		{"quoted", `"1500"`},
		{"bool", "true"},
		{"object", `{"ms": 5}`},
	} {
		t.Run(bad.name, func(t *testing.T) {
			mention := ""
			if bad.name == "zero" || bad.name == "negative" || bad.name == "over-an-hour" || bad.name == "max-int64" {
				mention = "timeout_ms"
			}
			expectErr(t, `{"name": "api", "timeout_ms": `+bad.value+`}`, mention)
		})
	}
}

func TestPorts(t *testing.T) {
	for _, bad := range []struct{ name, value string }{
		{"zero", "[0]"},
		{"too-big", "[65536]"},
		{"negative", "[80, -1]"},
		{"last-bad", "[80, 443, 70000]"},
		{"null-element", "[80, null]"},
		{"fraction", "[80.5]"},
		{"exponent", "[8e1]"},
		{"quoted", `["80"]`},
		{"not-array", "80"},
		{"object", `{"http": 80}`},
		{"nested", "[[80]]"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			mention := ""
			if bad.name == "zero" || bad.name == "too-big" || bad.name == "negative" || bad.name == "last-bad" || bad.name == "null-element" {
				mention = "ports"
			}
			expectErr(t, `{"name": "api", "ports": `+bad.value+`}`, mention)
		})
	}
}

func TestName(t *testing.T) {
	for _, bad := range []struct{ name, in string }{
		{"missing", `{"enabled": true}`},
		{"null", `{"name": null}`},
		{"empty", `{"name": ""}`},
		{"empty-object", `{}`},
	} {
		t.Run(bad.name, func(t *testing.T) { expectErr(t, bad.in, "name") })
	}
	for _, bad := range []struct{ name, in string }{
		{"number", `{"name": 5}`},
		{"array", `{"name": ["a"]}`},
	} {
		t.Run(bad.name, func(t *testing.T) { expectErr(t, bad.in, "") })
	}
}

func TestWrongTypes(t *testing.T) {
	for _, bad := range []struct{ name, in string }{
		{"enabled-string", `{"name": "a", "enabled": "false"}`},
		{"enabled-number", `{"name": "a", "enabled": 0}`},
		{"meta-number-value", `{"name": "a", "meta": {"k": 1}}`},
		{"meta-array", `{"name": "a", "meta": ["k"]}`},
		{"meta-nested", `{"name": "a", "meta": {"k": {"x": "y"}}}`},
	} {
		t.Run(bad.name, func(t *testing.T) { expectErr(t, bad.in, "") })
	}
}

func TestUnknownFields(t *testing.T) {
	for _, bad := range []struct{ name, in, key string }{
		{"extra", `{"name": "a", "colour": "blue"}`, "colour"},
		{"typo", `{"name": "a", "timeout": 100}`, "timeout"},
		{"first", `{"debug": true, "name": "a"}`, "debug"},
		{"null-valued", `{"name": "a", "extra": null}`, "extra"},
	} {
		t.Run(bad.name, func(t *testing.T) { expectErr(t, bad.in, bad.key) })
	}
	t.Run("meta-keys-are-free", func(t *testing.T) {
		expectOK(t, `{"name": "a", "meta": {"colour": "blue", "timeout": "x"}}`,
			&Config{Name: "a", Enabled: true, Meta: map[string]string{"colour": "blue", "timeout": "x"}, Timeout: dflt})
	})
}

func TestNotAnObject(t *testing.T) {
	for _, bad := range []struct{ name, in string }{
		{"empty-input", ``},
		{"only-space", "  \n\t "},
		{"null", `null`},
		{"array", `[{"name": "a"}]`},
		{"string", `"name"`},
		{"number", `42`},
		{"bool", `true`},
		{"truncated", `{"name": "a"`},
		{"truncated-value", `{"name": "a", "ports": [80,`},
		{"garbage", `name=a`},
		{"single-quotes", `{'name': 'a'}`},
		{"trailing-comma-inside", `{"name": "a",}`},
	} {
		t.Run(bad.name, func(t *testing.T) { expectErr(t, bad.in, "") })
	}
}

func TestTrailingData(t *testing.T) {
	for _, bad := range []struct{ name, in string }{
		{"second-object", `{"name": "a"} {"name": "b"}`},
		{"second-object-no-space", `{"name": "a"}{"name": "b"}`},
		{"word", `{"name": "a"} x`},
		{"number", `{"name": "a"} 1`},
		{"close-brace", `{"name": "a"}}`},
		{"close-bracket", `{"name": "a"}]`},
		{"comma", `{"name": "a"},`},
		{"null", `{"name": "a"} null`},
		{"late-garbage", "{\"name\": \"a\"}\n\n\n   #"},
	} {
		t.Run(bad.name, func(t *testing.T) { expectErr(t, bad.in, "") })
	}
	t.Run("trailing-whitespace-ok", func(t *testing.T) {
		expectOK(t, "{\"name\": \"a\"} \r\n\t  \n", &Config{Name: "a", Enabled: true, Timeout: dflt})
	})
}

var errBoom = errors.New("boom")

func TestReaders(t *testing.T) {
	in := `{"name": "api", "enabled": false, "ports": [80, 443], "meta": {"team": "core"}, "timeout_ms": 250}`
	want := &Config{Name: "api", Ports: []int{80, 443}, Meta: map[string]string{"team": "core"}, Timeout: 250 * time.Millisecond}
	t.Run("one-byte", func(t *testing.T) {
		got, err := LoadConfig(iotest.OneByteReader(strings.NewReader(in)))
		if err != nil || !sameCfg(got, want) {
			t.Fatalf("LoadConfig(OneByteReader(%s)) = (%s, %v), want %s", in, showCfg(got), err, showCfg(want))
		}
	})
	t.Run("data-with-eof", func(t *testing.T) {
		got, err := LoadConfig(iotest.DataErrReader(strings.NewReader(in)))
		if err != nil || !sameCfg(got, want) {
			t.Fatalf("LoadConfig(DataErrReader(%s)) = (%s, %v), want %s", in, showCfg(got), err, showCfg(want))
		}
	})
	t.Run("read-error", func(t *testing.T) {
		r := io.MultiReader(strings.NewReader(`{"name": "api", "po`), iotest.ErrReader(errBoom))
		got, err := LoadConfig(r)
		if err == nil || got != nil || !errors.Is(err, errBoom) {
			t.Fatalf("LoadConfig(<reader failing with boom mid-object>) = (%s, %v), want (nil, an error wrapping boom)", showCfg(got), err)
		}
	})
	t.Run("read-error-after-object", func(t *testing.T) {
		r := io.MultiReader(strings.NewReader(`{"name": "api"}`), iotest.ErrReader(errBoom))
		got, err := LoadConfig(r)
		if err == nil || got != nil || !errors.Is(err, errBoom) {
			t.Fatalf("LoadConfig(<object, then the reader fails with boom>) = (%s, %v), want (nil, an error wrapping boom): the end of the input was never confirmed", showCfg(got), err)
		}
	})
}

func TestLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"name": "big", "meta": {`)
	meta := make(map[string]string)
	for i := 0; i < 50_000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		k, v := fmt.Sprintf("key-%d", i), fmt.Sprintf("value-%d", i*7)
		meta[k] = v
		fmt.Fprintf(&b, "%q: %q", k, v)
	}
	b.WriteString(`}, "ports": [`)
	var ports []int
	for i := 0; i < 20_000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		p := 1 + i*3%65535
		ports = append(ports, p)
		fmt.Fprint(&b, p)
	}
	b.WriteString(`], "timeout_ms": 42}`)
	expectOK(t, b.String(), &Config{Name: "big", Enabled: true, Ports: ports, Meta: meta, Timeout: 42 * time.Millisecond})
}

func TestApplyDefaults(t *testing.T) {
	t.Run("zero-config", func(t *testing.T) {
		var c Config
		c.ApplyDefaults()
		if c.Timeout != dflt || c.Enabled || c.Name != "" || c.Ports != nil || c.Meta != nil {
			t.Errorf("Config{}.ApplyDefaults() gave %s, want only Timeout set to 1.5s (Enabled stays false: a bool cannot tell absent from false)", showCfg(&c))
		}
	})
	t.Run("keeps-values", func(t *testing.T) {
		c := Config{Name: "x", Enabled: false, Ports: []int{1}, Timeout: 3 * time.Second}
		c.ApplyDefaults()
		if c.Timeout != 3*time.Second || c.Enabled || c.Name != "x" || len(c.Ports) != 1 {
			t.Errorf("ApplyDefaults() on {Name:x Enabled:false Ports:[1] Timeout:3s} gave %s, want it unchanged", showCfg(&c))
		}
	})
	t.Run("idempotent", func(t *testing.T) {
		var c Config
		c.ApplyDefaults()
		first := c
		c.ApplyDefaults()
		if !sameCfg(&c, &first) {
			t.Errorf("ApplyDefaults() twice gave %s, once gave %s", showCfg(&c), showCfg(&first))
		}
	})
}

func TestIndependentResults(t *testing.T) {
	in := `{"name": "a", "ports": [1, 2], "meta": {"k": "v"}}`
	a, err1 := LoadConfig(strings.NewReader(in))
	b, err2 := LoadConfig(strings.NewReader(in))
	if err1 != nil || err2 != nil || a == nil || b == nil || len(a.Ports) != 2 || len(b.Ports) != 2 || b.Meta == nil {
		t.Fatalf("LoadConfig(%s) twice = (%s, %v) and (%s, %v), want two configs with Ports [1 2] and Meta map[k:v]", in, showCfg(a), err1, showCfg(b), err2)
	}
	b.Ports[0] = 99
	b.Meta["k"] = "changed"
	if a.Ports[0] != 1 || a.Meta["k"] != "v" {
		t.Errorf("changing one result of LoadConfig(%s) changed another: %s", in, showCfg(a))
	}
}
