package jtime

import (
	"encoding/json"
	"testing"
	"time"
)

func TestExamples(t *testing.T) {
	when := time.Date(2024, time.March, 10, 12, 4, 5, 0, time.Local)

	t.Run("marshal-event", func(t *testing.T) {
		got, err := json.Marshal(Event{ID: "e1", When: LocalTime{when}})
		want := `{"id":"e1","when":"2024-03-10 12:04:05"}`
		if err != nil || string(got) != want {
			t.Errorf("json.Marshal(Event{ID: \"e1\", When: 2024-03-10 12:04:05 local}) = (%s, %v), want (%s, nil)", got, err, want)
		}
	})

	t.Run("marshal-zero", func(t *testing.T) {
		got, err := json.Marshal(Event{ID: "e2"})
		want := `{"id":"e2","when":null}`
		if err != nil || string(got) != want {
			t.Errorf("json.Marshal(Event{ID: \"e2\"}) = (%s, %v), want (%s, nil)", got, err, want)
		}
	})

	t.Run("unmarshal-event", func(t *testing.T) {
		in := `{"id":"e1","when":"2024-03-10 12:04:05"}`
		var ev Event
		if err := json.Unmarshal([]byte(in), &ev); err != nil {
			t.Fatalf("json.Unmarshal(%s) returned error %v", in, err)
		}
		if ev.ID != "e1" || !ev.When.Equal(when) {
			t.Errorf("json.Unmarshal(%s) gave ID %q, When %v; want \"e1\", %v", in, ev.ID, ev.When.Time, when)
		}
	})

	t.Run("round-trip", func(t *testing.T) {
		v := LocalTime{when}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%v) returned error %v", when, err)
		}
		var back LocalTime
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(when) {
			t.Errorf("json.Unmarshal(%s) = (%v, %v), want (%v, nil)", b, back.Time, err, when)
		}
	})

	t.Run("rejects-rfc3339", func(t *testing.T) {
		var lt LocalTime
		if err := json.Unmarshal([]byte(`"2024-03-10T12:04:05Z"`), &lt); err == nil {
			t.Errorf("json.Unmarshal(\"2024-03-10T12:04:05Z\") into a LocalTime succeeded (%v), want an error", lt.Time)
		}
	})
}
