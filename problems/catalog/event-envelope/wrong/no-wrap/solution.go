package dyn

// Variant: formats decoding errors with %v, so errors.As cannot find *json.SyntaxError or
// *json.UnmarshalTypeError any more.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrUnknownType is wrapped by the error for an event type DecodeEnvelope does
// not know, so callers can skip such events instead of treating them as broken.
var ErrUnknownType = errors.New("unknown event type")

// Envelope is the outer shape of every event; Payload is decoded later,
// once Type says what it holds.
type Envelope struct {
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"`
}

type UserCreated struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type PaymentCaptured struct {
	ID     string  `json:"id"`
	Amount float64 `json:"amount"`
	Curr   string  `json:"currency"`
}

// DecodeEnvelope decodes one event and returns its payload as a UserCreated
// or PaymentCaptured value.
func DecodeEnvelope(b []byte) (any, error) {
	var env Envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("envelope: %v", err)
	}
	switch env.Type {
	case "":
		return nil, errors.New(`envelope: "type" is missing or empty`)
	case "user.created":
		var uc UserCreated
		if err := decodePayload(env, &uc); err != nil {
			return nil, err
		}
		if uc.ID == "" || uc.Name == "" {
			return nil, fmt.Errorf("%s: id and name are required", env.Type)
		}
		return uc, nil
	case "payment.captured":
		var pc PaymentCaptured
		if err := decodePayload(env, &pc); err != nil {
			return nil, err
		}
		if pc.ID == "" {
			return nil, fmt.Errorf("%s: id is required", env.Type)
		}
		if !(pc.Amount > 0) {
			return nil, fmt.Errorf("%s: amount must be positive, got %v", env.Type, pc.Amount)
		}
		if !isCurrencyCode(pc.Curr) {
			return nil, fmt.Errorf("%s: currency %q is not a 3-letter upper-case code", env.Type, pc.Curr)
		}
		return pc, nil
	default:
		// The payload of an unknown type is not looked at: it may be anything.
		return nil, fmt.Errorf("%w %q", ErrUnknownType, env.Type)
	}
}

// decodePayload requires the payload to be a JSON object and decodes it into dst.
func decodePayload(env Envelope, dst any) error {
	// RawMessage holds the value exactly as written (encoding/json trims the
	// white space around it); a missing key leaves it nil, null leaves "null".
	if len(env.Payload) == 0 || env.Payload[0] != '{' {
		what := "missing"
		if len(env.Payload) > 0 {
			what = string(bytes.TrimSpace(env.Payload[:min(len(env.Payload), 20)]))
		}
		return fmt.Errorf("%s: payload must be a JSON object, got %s", env.Type, what)
	}
	if err := json.Unmarshal(env.Payload, dst); err != nil {
		return fmt.Errorf("%s: payload: %v", env.Type, err)
	}
	return nil
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
