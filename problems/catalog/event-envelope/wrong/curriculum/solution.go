package dyn

// Variant: the textbook version. A null or missing-field payload decodes into an empty
// struct, nothing is validated, and the unknown-type error does not wrap ErrUnknownType.

import (
	"encoding/json"
	"errors"
	"fmt"
)

var ErrUnknownType = errors.New("unknown event type")

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

func DecodeEnvelope(b []byte) (any, error) {
	var env Envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("envelope: %w", err)
	}
	switch env.Type {
	case "user.created":
		var uc UserCreated
		if err := json.Unmarshal(env.Payload, &uc); err != nil {
			return nil, fmt.Errorf("user.created: %w", err)
		}
		return uc, nil
	case "payment.captured":
		var pc PaymentCaptured
		if err := json.Unmarshal(env.Payload, &pc); err != nil {
			return nil, fmt.Errorf("payment.captured: %w", err)
		}
		return pc, nil
	default:
		return nil, fmt.Errorf("unknown type %q", env.Type)
	}
}
