package jtime

// Variant: the textbook version. It formats the wall clock of whatever zone the time is
// in but parses it as time.Local (the instant changes), marshals the zero value as
// "0001-01-01 00:00:00" instead of null, accepts fractions and one-digit hours because
// time.Parse does, and has no year check.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

const layout = "2006-01-02 15:04:05"

type LocalTime struct{ time.Time }

func (lt LocalTime) MarshalJSON() ([]byte, error) {
	return json.Marshal(lt.Time.Format(layout))
}

func (lt *LocalTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*lt = LocalTime{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("LocalTime must be string: %w", err)
	}
	t, err := time.ParseInLocation(layout, s, time.Local)
	if err != nil {
		return fmt.Errorf("parse LocalTime: %w", err)
	}
	*lt = LocalTime{t}
	return nil
}

type Event struct {
	ID   string    `json:"id"`
	When LocalTime `json:"when"`
}
