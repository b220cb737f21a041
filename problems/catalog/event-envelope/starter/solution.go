package dyn

import (
	"encoding/json"
	"errors"
)

// ErrUnknownType must be wrapped by the error for an event type you do not know.
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

// DecodeEnvelope decodes one event and returns its payload as a UserCreated
// or PaymentCaptured value. See the statement for the rules.
func DecodeEnvelope(b []byte) (any, error) {
	// TODO: unmarshal into an Envelope, switch on Type, then unmarshal the
	// payload into the matching struct and validate it.
	return nil, nil
}
