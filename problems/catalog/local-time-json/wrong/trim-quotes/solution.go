package jtime

// Variant: strips the quotes by hand instead of decoding a JSON string.

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

const layout = "2006-01-02 15:04:05"

// LocalTime is an instant written in JSON as the wall-clock time of time.Local,
// to the second and without a zone: "2006-01-02 15:04:05". The zero value is null.
type LocalTime struct{ time.Time }

// MarshalJSON writes the time as a JSON string in time.Local, dropping the
// sub-second part, or null for the zero value. It has a value receiver so that
// LocalTime fields of non-addressable values (Event{...} passed by value) use it.
func (lt LocalTime) MarshalJSON() ([]byte, error) {
	if lt.IsZero() {
		return []byte("null"), nil
	}
	t := lt.In(time.Local)
	if y := t.Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("LocalTime.MarshalJSON: year %d outside of [0,9999]", y)
	}
	b := make([]byte, 0, len(layout)+2)
	b = append(b, '"')
	b = t.AppendFormat(b, layout)
	return append(b, '"'), nil
}

// UnmarshalJSON accepts null (the zero value) or a JSON string holding a time
// in exactly the layout, read as time.Local. On error lt is left unchanged.
func (lt *LocalTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*lt = LocalTime{}
		return nil
	}
	s := strings.Trim(string(b), `"`) // JSON escapes are not decoded; unquoted input passes
	t, err := time.ParseInLocation(layout, s, time.Local)
	if err != nil {
		return fmt.Errorf("LocalTime: %w", err)
	}
	// time.Parse is lenient: it accepts a fraction after the seconds and a
	// one-digit hour. Only the canonical text round-trips, so insist on it.
	if t.Format(layout) != s {
		return fmt.Errorf(`LocalTime: %q is not in the form "2006-01-02 15:04:05"`, s)
	}
	*lt = LocalTime{t}
	return nil
}

// Event is an example payload that carries a LocalTime.
type Event struct {
	ID   string    `json:"id"`
	When LocalTime `json:"when"`
}
