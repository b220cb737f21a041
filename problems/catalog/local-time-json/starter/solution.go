package jtime

import "time"

const layout = "2006-01-02 15:04:05"

// LocalTime is an instant written in JSON as the wall-clock time of time.Local,
// to the second and without a zone. The zero value is null.
type LocalTime struct{ time.Time }

// MarshalJSON writes "2006-01-02 15:04:05" (in time.Local) or null.
func (lt LocalTime) MarshalJSON() ([]byte, error) {
	// TODO
	return nil, nil
}

// UnmarshalJSON reads null or a JSON string in exactly the layout, in time.Local.
func (lt *LocalTime) UnmarshalJSON(b []byte) error {
	// TODO
	return nil
}

// Event is an example payload that carries a LocalTime.
type Event struct {
	ID   string    `json:"id"`
	When LocalTime `json:"when"`
}
