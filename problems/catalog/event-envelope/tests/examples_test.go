package dyn

import (
	"errors"
	"testing"
)

func TestExamples(t *testing.T) {
	t.Run("user-created", func(t *testing.T) {
		in := `{"type": "user.created", "payload": {"id": "u1", "name": "Ada"}}`
		got, err := DecodeEnvelope([]byte(in))
		want := UserCreated{ID: "u1", Name: "Ada"}
		if err != nil || got != want {
			t.Errorf("DecodeEnvelope(%s) = (%#v, %v), want (%#v, nil)", in, got, err, want)
		}
	})

	t.Run("payment-captured", func(t *testing.T) {
		in := `{"type": "payment.captured", "payload": {"id": "p1", "amount": 12.5, "currency": "EUR"}}`
		got, err := DecodeEnvelope([]byte(in))
		want := PaymentCaptured{ID: "p1", Amount: 12.5, Curr: "EUR"}
		if err != nil || got != want {
			t.Errorf("DecodeEnvelope(%s) = (%#v, %v), want (%#v, nil)", in, got, err, want)
		}
	})

	t.Run("unknown-type", func(t *testing.T) {
		in := `{"type": "order.shipped", "payload": {"id": "o1"}}`
		got, err := DecodeEnvelope([]byte(in))
		if got != nil || !errors.Is(err, ErrUnknownType) {
			t.Errorf("DecodeEnvelope(%s) = (%#v, %v), want (nil, an error wrapping ErrUnknownType)", in, got, err)
		}
	})

	t.Run("null-payload", func(t *testing.T) {
		in := `{"type": "user.created", "payload": null}`
		got, err := DecodeEnvelope([]byte(in))
		if got != nil || err == nil || errors.Is(err, ErrUnknownType) {
			t.Errorf("DecodeEnvelope(%s) = (%#v, %v), want (nil, an error that is not ErrUnknownType)", in, got, err)
		}
	})
}
