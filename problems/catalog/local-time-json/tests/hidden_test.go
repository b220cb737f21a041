package jtime

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// base is a fixed wall-clock time in time.Local.
var base = time.Date(2024, time.March, 10, 12, 4, 5, 0, time.Local)

const baseText = `"2024-03-10 12:04:05"`

// shifted shows the same instant in a zone `minutes` ahead of time.Local.
func shifted(t time.Time, minutes int) time.Time {
	_, off := t.In(time.Local).Zone()
	return t.In(time.FixedZone(fmt.Sprintf("L%+d", minutes), off+minutes*60))
}

// marshal calls MarshalJSON directly and turns a panic into an error text.
func marshal(lt LocalTime) (out []byte, err error, panicked string) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprint(p)
		}
	}()
	out, err = lt.MarshalJSON()
	return out, err, ""
}

// unmarshal calls UnmarshalJSON directly on lt and turns a panic into a text.
func unmarshal(lt *LocalTime, b []byte) (err error, panicked string) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprint(p)
		}
	}()
	return lt.UnmarshalJSON(b), ""
}

func TestMarshal(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"local", base, baseText},
		{"padding", time.Date(2001, 2, 3, 4, 5, 6, 0, time.Local), `"2001-02-03 04:05:06"`},
		{"midnight", time.Date(2023, 12, 31, 0, 0, 0, 0, time.Local), `"2023-12-31 00:00:00"`},
		{"end-of-day", time.Date(2023, 12, 31, 23, 59, 59, 0, time.Local), `"2023-12-31 23:59:59"`},
		{"truncates-nanos", time.Date(2024, 1, 2, 3, 4, 5, 999_999_999, time.Local), `"2024-01-02 03:04:05"`},
		{"millis", time.Date(2024, 1, 2, 3, 4, 5, 500_000_000, time.Local), `"2024-01-02 03:04:05"`},
		{"zone-ahead", shifted(base, 180), baseText},
		{"zone-behind", shifted(base, -420), baseText},
		{"zone-half-hour", shifted(base, 330), baseText},
		{"zone-next-day", shifted(base, 14*60), baseText},
		{"utc", base.UTC(), baseText},
		{"year-1", time.Date(1, 1, 1, 0, 0, 1, 0, time.Local), `"0001-01-01 00:00:01"`},
		{"year-9999", time.Date(9999, 12, 31, 23, 59, 59, 0, time.Local), `"9999-12-31 23:59:59"`},
		{"leap-day", time.Date(2024, 2, 29, 13, 0, 0, 0, time.Local), `"2024-02-29 13:00:00"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err, p := marshal(LocalTime{tc.in})
			if p != "" {
				t.Fatalf("LocalTime{%v}.MarshalJSON() panicked: %s", tc.in, p)
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("LocalTime{%v}.MarshalJSON() = (%s, %v), want (%s, nil)", tc.in, got, err, tc.want)
			}
			viaJSON, err := json.Marshal(LocalTime{tc.in})
			if err != nil || string(viaJSON) != tc.want {
				t.Fatalf("json.Marshal(LocalTime{%v}) = (%s, %v), want (%s, nil)", tc.in, viaJSON, err, tc.want)
			}
		})
	}
	t.Run("zero-is-null", func(t *testing.T) {
		got, err, p := marshal(LocalTime{})
		if p != "" || err != nil || string(got) != "null" {
			t.Fatalf("LocalTime{}.MarshalJSON() = (%s, %v) panic=%q, want (null, nil)", got, err, p)
		}
	})
	t.Run("now", func(t *testing.T) {
		now := time.Now() // carries a monotonic clock reading
		want := `"` + now.In(time.Local).Format("2006-01-02 15:04:05") + `"`
		got, err, p := marshal(LocalTime{now})
		if p != "" || err != nil || string(got) != want {
			t.Fatalf("LocalTime{time.Now()}.MarshalJSON() = (%s, %v) panic=%q, want (%s, nil)", got, err, p, want)
		}
	})
	t.Run("pointer", func(t *testing.T) {
		lt := LocalTime{base}
		got, err := json.Marshal(&lt)
		if err != nil || string(got) != baseText {
			t.Fatalf("json.Marshal(&LocalTime{%v}) = (%s, %v), want (%s, nil)", base, got, err, baseText)
		}
	})
}

func TestMarshalYearRange(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   time.Time
	}{
		{"year-10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.Local)},
		{"year-12345", time.Date(12345, 6, 7, 8, 9, 10, 0, time.Local)},
		{"year-minus-1", time.Date(-1, 12, 31, 0, 0, 0, 0, time.Local)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err, p := marshal(LocalTime{tc.in})
			if p != "" {
				t.Fatalf("LocalTime{%v}.MarshalJSON() panicked: %s", tc.in, p)
			}
			if err == nil {
				t.Fatalf("LocalTime{%v}.MarshalJSON() = (%s, nil), want an error: the year does not fit the 4-digit layout", tc.in, got)
			}
			if b, err := json.Marshal(Event{ID: "x", When: LocalTime{tc.in}}); err == nil {
				t.Fatalf("json.Marshal(Event{When: %v}) = (%s, nil), want an error", tc.in, b)
			}
		})
	}
}

type withPtr struct {
	A *LocalTime `json:"a"`
	B *LocalTime `json:"b,omitempty"`
}

func TestMarshalInValues(t *testing.T) {
	lt := LocalTime{base}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"event", Event{ID: "e1", When: lt}, `{"id":"e1","when":` + baseText + `}`},
		{"event-pointer", &Event{ID: "e1", When: lt}, `{"id":"e1","when":` + baseText + `}`},
		{"event-zero-when", Event{ID: "e2"}, `{"id":"e2","when":null}`},
		{"slice", []LocalTime{lt, {}}, `[` + baseText + `,null]`},
		{"array-in-struct", struct{ T [2]LocalTime }{[2]LocalTime{lt, lt}}, `{"T":[` + baseText + `,` + baseText + `]}`},
		{"map-value", map[string]LocalTime{"a": lt}, `{"a":` + baseText + `}`},
		{"any", []any{lt}, `[` + baseText + `]`},
		{"nil-pointers", withPtr{}, `{"a":null}`},
		{"pointers", withPtr{A: &lt, B: &lt}, `{"a":` + baseText + `,"b":` + baseText + `}`},
		{"events", []Event{{ID: "a", When: lt}, {ID: "b", When: LocalTime{shifted(base, 60)}}},
			`[{"id":"a","when":` + baseText + `},{"id":"b","when":` + baseText + `}]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.v)
			if err != nil || string(got) != tc.want {
				t.Fatalf("json.Marshal(%s value) = (%s, %v), want (%s, nil)", tc.name, got, err, tc.want)
			}
		})
	}
}

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time
	}{
		{"basic", baseText, base},
		{"padding", `"2001-02-03 04:05:06"`, time.Date(2001, 2, 3, 4, 5, 6, 0, time.Local)},
		{"leap-day", `"2024-02-29 13:00:00"`, time.Date(2024, 2, 29, 13, 0, 0, 0, time.Local)},
		{"year-9999", `"9999-12-31 23:59:59"`, time.Date(9999, 12, 31, 23, 59, 59, 0, time.Local)},
		{"escaped-space", `"2024-03-10\u002012:04:05"`, base},
		{"escaped-digit", `"\u0032024-03-10 12:04:05"`, base},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lt LocalTime
			err, p := unmarshal(&lt, []byte(tc.in))
			if p != "" {
				t.Fatalf("UnmarshalJSON(%s) panicked: %s", tc.in, p)
			}
			if err != nil || !lt.Equal(tc.want) {
				t.Fatalf("UnmarshalJSON(%s) = (%v, %v), want (%v, nil)", tc.in, lt.Time, err, tc.want)
			}
			if lt.Location() != time.Local {
				t.Errorf("UnmarshalJSON(%s) gave a time in %q, want time.Local", tc.in, lt.Location())
			}
			var viaJSON LocalTime
			if err := json.Unmarshal([]byte(tc.in), &viaJSON); err != nil || !viaJSON.Equal(tc.want) {
				t.Fatalf("json.Unmarshal(%s) = (%v, %v), want (%v, nil)", tc.in, viaJSON.Time, err, tc.want)
			}
		})
	}
	t.Run("null", func(t *testing.T) {
		lt := LocalTime{base}
		err, p := unmarshal(&lt, []byte("null"))
		if p != "" || err != nil || !lt.IsZero() {
			t.Fatalf("UnmarshalJSON(null) on a set LocalTime = (%v, %v) panic=%q, want the zero value and nil", lt.Time, err, p)
		}
	})
	t.Run("event", func(t *testing.T) {
		in := `{"id":"e1","when":"2024-03-10 12:04:05"}`
		var ev Event
		if err := json.Unmarshal([]byte(in), &ev); err != nil || ev.ID != "e1" || !ev.When.Equal(base) {
			t.Fatalf("json.Unmarshal(%s) = (ID %q, When %v, %v), want (\"e1\", %v, nil)", in, ev.ID, ev.When.Time, err, base)
		}
	})
	t.Run("event-null", func(t *testing.T) {
		in := `{"id":"e1","when":null}`
		ev := Event{When: LocalTime{base}}
		if err := json.Unmarshal([]byte(in), &ev); err != nil || !ev.When.IsZero() {
			t.Fatalf("json.Unmarshal(%s) = (When %v, %v), want the zero When and nil", in, ev.When.Time, err)
		}
	})
	t.Run("event-missing", func(t *testing.T) {
		in := `{"id":"e1"}`
		var ev Event
		if err := json.Unmarshal([]byte(in), &ev); err != nil || !ev.When.IsZero() {
			t.Fatalf("json.Unmarshal(%s) = (When %v, %v), want the zero When and nil", in, ev.When.Time, err)
		}
	})
	t.Run("pointer-field", func(t *testing.T) {
		var v withPtr
		in := `{"a":"2024-03-10 12:04:05","b":null}`
		if err := json.Unmarshal([]byte(in), &v); err != nil || v.A == nil || !v.A.Equal(base) || v.B != nil {
			t.Fatalf("json.Unmarshal(%s) into {A, B *LocalTime} = (%+v, %v), want A = %v, B = nil", in, v, err, base)
		}
	})
}

func TestUnmarshalRejects(t *testing.T) {
	bad := []struct{ name, in string }{
		{"rfc3339", `"2024-03-10T12:04:05Z"`},
		{"t-separator", `"2024-03-10T12:04:05"`},
		{"zone-suffix", `"2024-03-10 12:04:05Z"`},
		{"offset-suffix", `"2024-03-10 12:04:05+02:00"`},
		{"fraction", `"2024-03-10 12:04:05.5"`},
		{"zero-fraction", `"2024-03-10 12:04:05.000"`},
		{"one-digit-hour", `"2024-03-10 2:04:05"`},
		{"one-digit-month", `"2024-3-10 12:04:05"`},
		{"leading-space", `" 2024-03-10 12:04:05"`},
		{"trailing-space", `"2024-03-10 12:04:05 "`},
		{"double-space", `"2024-03-10  12:04:05"`},
		{"date-only", `"2024-03-10"`},
		{"no-seconds", `"2024-03-10 12:04"`},
		{"empty-string", `""`},
		{"feb-30", `"2023-02-30 00:00:00"`},
		{"feb-29-non-leap", `"2023-02-29 00:00:00"`},
		{"month-13", `"2024-13-01 00:00:00"`},
		{"hour-24", `"2024-01-01 24:00:00"`},
		{"second-60", `"2024-01-01 23:59:60"`},
		{"year-5-digits", `"10000-01-01 00:00:00"`},
		{"plus-year", `"+2024-03-10 12:04:05"`},
		{"string-null", `"null"`},
		{"number", `20240310120405`},
		{"bool", `true`},
		{"object", `{"when":"2024-03-10 12:04:05"}`},
		{"array", `["2024-03-10 12:04:05"]`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			lt := LocalTime{base}
			err, p := unmarshal(&lt, []byte(tc.in))
			if p != "" {
				t.Fatalf("UnmarshalJSON(%s) panicked: %s", tc.in, p)
			}
			if err == nil {
				t.Fatalf("UnmarshalJSON(%s) succeeded with %v, want an error", tc.in, lt.Time)
			}
			if !lt.Equal(base) {
				t.Errorf("UnmarshalJSON(%s) failed but changed the value from %v to %v; leave it unchanged on error", tc.in, base, lt.Time)
			}
			var ev Event
			if err := json.Unmarshal([]byte(`{"id":"x","when":`+tc.in+`}`), &ev); err == nil {
				t.Errorf("json.Unmarshal of an Event with \"when\": %s succeeded (%v), want an error", tc.in, ev.When.Time)
			}
		})
	}
}

// Raw inputs that encoding/json never passes to UnmarshalJSON, but a direct caller may.
func TestUnmarshalRawInput(t *testing.T) {
	bad := []struct{ name, in string }{
		{"empty", ``},
		{"one-quote", `"`},
		{"unquoted", `2024-03-10 12:04:05`},
		{"unterminated", `"2024-03-10 12:04:05`},
		{"unopened", `2024-03-10 12:04:05"`},
		{"nul", `nul`},
		{"null-upper", `NULL`},
		{"single-quotes", `'2024-03-10 12:04:05'`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			lt := LocalTime{base}
			err, p := unmarshal(&lt, []byte(tc.in))
			if p != "" {
				t.Fatalf("UnmarshalJSON(%q) panicked: %s", tc.in, p)
			}
			if err == nil {
				t.Fatalf("UnmarshalJSON(%q) succeeded with %v, want an error (not a JSON string or null)", tc.in, lt.Time)
			}
			if !lt.Equal(base) {
				t.Errorf("UnmarshalJSON(%q) failed but changed the value to %v", tc.in, lt.Time)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 9))
	t.Run("instants", func(t *testing.T) {
		for i := 0; i < 2000 && !t.Failed(); i++ {
			y := 2 + r.IntN(9996)
			local := time.Date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1_000_000_000), time.Local)
			v := shifted(local, r.IntN(26*60)-12*60)
			b, err := json.Marshal(LocalTime{v})
			if err != nil {
				t.Fatalf("json.Marshal(LocalTime{%v}) returned error %v", v, err)
			}
			var back LocalTime
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("json.Unmarshal(%s) (from LocalTime{%v}) returned error %v", b, v, err)
			}
			if want := v.Truncate(time.Second); !back.Equal(want) {
				t.Fatalf("round trip of LocalTime{%v}: marshaled %s, read back %v; want the same instant %v", v, b, back.Time, want)
			}
		}
	})
	t.Run("texts", func(t *testing.T) {
		for i := 0; i < 2000 && !t.Failed(); i++ {
			s := fmt.Sprintf(`"%04d-%02d-%02d %02d:%02d:%02d"`, 2+r.IntN(9998), 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60))
			var lt LocalTime
			if err := json.Unmarshal([]byte(s), &lt); err != nil {
				t.Fatalf("json.Unmarshal(%s) returned error %v", s, err)
			}
			b, err := json.Marshal(lt)
			if err != nil || string(b) != s {
				t.Fatalf("json.Marshal(json.Unmarshal(%s)) = (%s, %v), want the same text back", s, b, err)
			}
		}
	})
	t.Run("now", func(t *testing.T) {
		now := time.Now()
		b, err := json.Marshal(Event{ID: "n", When: LocalTime{now}})
		if err != nil {
			t.Fatalf("json.Marshal(Event{When: time.Now()}) returned error %v", err)
		}
		var ev Event
		if err := json.Unmarshal(b, &ev); err != nil || !ev.When.Equal(now.Truncate(time.Second)) {
			t.Fatalf("round trip of time.Now() = %v via %s (%v), want %v", ev.When.Time, b, err, now.Truncate(time.Second))
		}
	})
	t.Run("zero", func(t *testing.T) {
		b, err := json.Marshal(Event{ID: "z"})
		if err != nil {
			t.Fatalf("json.Marshal(Event{ID: \"z\"}) returned error %v", err)
		}
		ev := Event{When: LocalTime{base}}
		if err := json.Unmarshal(b, &ev); err != nil || !ev.When.IsZero() || !strings.Contains(string(b), "null") {
			t.Fatalf("round trip of a zero LocalTime via %s gave %v (%v), want the zero value", b, ev.When.Time, err)
		}
	})
}
