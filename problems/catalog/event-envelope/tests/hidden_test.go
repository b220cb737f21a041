package dyn

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// decode calls DecodeEnvelope and turns a panic into a message.
func decode(in string) (got any, err error, panicked string) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprint(p)
		}
	}()
	got, err = DecodeEnvelope([]byte(in))
	return got, err, ""
}

func expectValue(t *testing.T, in string, want any) {
	t.Helper()
	got, err, p := decode(in)
	if p != "" {
		t.Fatalf("DecodeEnvelope(%s) panicked: %s", in, p)
	}
	if err != nil || got != want {
		t.Fatalf("DecodeEnvelope(%s) = (%#v, %v), want (%#v, nil)", in, got, err, want)
	}
}

// expectInvalid wants (nil, an error that is not ErrUnknownType) whose message mentions `mention`.
func expectInvalid(t *testing.T, in string, mention string) {
	t.Helper()
	got, err, p := decode(in)
	if p != "" {
		t.Fatalf("DecodeEnvelope(%s) panicked: %s", in, p)
	}
	if err == nil {
		t.Fatalf("DecodeEnvelope(%s) = (%#v, nil), want an error", in, got)
	}
	if got != nil {
		t.Errorf("DecodeEnvelope(%s) returned %#v together with error %q; want nil with the error", in, got, err)
	}
	if errors.Is(err, ErrUnknownType) {
		t.Errorf("DecodeEnvelope(%s) error %q wraps ErrUnknownType; this event is malformed, not of an unknown type", in, err)
	}
	if mention != "" && !strings.Contains(err.Error(), mention) {
		t.Errorf("DecodeEnvelope(%s) error %q does not mention %q", in, err, mention)
	}
}

func TestUserCreated(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want UserCreated
	}{
		{"basic", `{"type": "user.created", "payload": {"id": "u1", "name": "Ada"}}`, UserCreated{"u1", "Ada"}},
		{"payload-first", `{"payload": {"name": "Ada", "id": "u1"}, "type": "user.created"}`, UserCreated{"u1", "Ada"}},
		{"unicode", `{"type": "user.created", "payload": {"id": "ü-1", "name": "Łukasz 🚀"}}`, UserCreated{"ü-1", "Łukasz 🚀"}},
		{"escapes", `{"type": "user.created", "payload": {"id": "a\"b", "name": "\u00c9mile\n"}}`, UserCreated{"a\"b", "Émile\n"}},
		{"extra-payload-fields", `{"type": "user.created", "payload": {"id": "u1", "name": "Ada", "email": "ada@example.com", "tags": [1, {"x": null}]}}`, UserCreated{"u1", "Ada"}},
		{"extra-envelope-fields", `{"type": "user.created", "version": 2, "meta": {"trace": "abc"}, "payload": {"id": "u1", "name": "Ada"}}`, UserCreated{"u1", "Ada"}},
		{"key-case", `{"TYPE": "user.created", "Payload": {"ID": "u1", "NAME": "Ada"}}`, UserCreated{"u1", "Ada"}},
		{"whitespace", " \n{ \"type\" : \"user.created\" ,\n \"payload\" :\t {  \"id\" : \"u1\" , \"name\" : \"Ada\" }  }\n ", UserCreated{"u1", "Ada"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { expectValue(t, tc.in, tc.want) })
	}
}

func TestPaymentCaptured(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want PaymentCaptured
	}{
		{"basic", `{"type": "payment.captured", "payload": {"id": "p1", "amount": 12.5, "currency": "EUR"}}`, PaymentCaptured{"p1", 12.5, "EUR"}},
		{"integer-amount", `{"type": "payment.captured", "payload": {"id": "p2", "amount": 100, "currency": "USD"}}`, PaymentCaptured{"p2", 100, "USD"}},
		{"exponent-amount", `{"type": "payment.captured", "payload": {"id": "p3", "amount": 1.5e3, "currency": "JPY"}}`, PaymentCaptured{"p3", 1500, "JPY"}},
		{"cent", `{"type": "payment.captured", "payload": {"id": "p4", "amount": 0.01, "currency": "GBP"}}`, PaymentCaptured{"p4", 0.01, "GBP"}},
		{"extra-fields", `{"type": "payment.captured", "payload": {"id": "p5", "amount": 7, "currency": "CHF", "card": {"last4": "4242"}}}`, PaymentCaptured{"p5", 7, "CHF"}},
		{"key-case", `{"Type": "payment.captured", "PAYLOAD": {"Id": "p6", "Amount": 3, "Currency": "EUR"}}`, PaymentCaptured{"p6", 3, "EUR"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { expectValue(t, tc.in, tc.want) })
	}
}

func TestReturnsValues(t *testing.T) {
	got, err, p := decode(`{"type": "user.created", "payload": {"id": "u1", "name": "Ada"}}`)
	if p != "" || err != nil {
		t.Fatalf("DecodeEnvelope(user.created) = (%#v, %v) panic=%q", got, err, p)
	}
	switch got.(type) {
	case UserCreated:
	default:
		t.Errorf("DecodeEnvelope(user.created) returned a %T, want a UserCreated value (not a pointer)", got)
	}
	got, err, p = decode(`{"type": "payment.captured", "payload": {"id": "p1", "amount": 1, "currency": "EUR"}}`)
	if p != "" || err != nil {
		t.Fatalf("DecodeEnvelope(payment.captured) = (%#v, %v) panic=%q", got, err, p)
	}
	if _, ok := got.(PaymentCaptured); !ok {
		t.Errorf("DecodeEnvelope(payment.captured) returned a %T, want a PaymentCaptured value (not a pointer)", got)
	}
}

func TestUnknownType(t *testing.T) {
	for _, tc := range []struct{ name, in, typ string }{
		{"other", `{"type": "order.shipped", "payload": {"id": "o1"}}`, "order.shipped"},
		{"upper-case", `{"type": "User.Created", "payload": {"id": "u1", "name": "Ada"}}`, "User.Created"},
		{"padded", `{"type": " user.created", "payload": {"id": "u1", "name": "Ada"}}`, " user.created"},
		{"prefix", `{"type": "user.created.v2", "payload": {"id": "u1", "name": "Ada"}}`, "user.created.v2"},
		{"no-payload", `{"type": "order.shipped"}`, "order.shipped"},
		{"null-payload", `{"type": "order.shipped", "payload": null}`, "order.shipped"},
		{"odd-payload", `{"type": "metrics.tick", "payload": [1, 2, 3]}`, "metrics.tick"},
		{"string-payload", `{"type": "log.line", "payload": "hello"}`, "log.line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err, p := decode(tc.in)
			if p != "" {
				t.Fatalf("DecodeEnvelope(%s) panicked: %s", tc.in, p)
			}
			if got != nil || !errors.Is(err, ErrUnknownType) {
				t.Fatalf("DecodeEnvelope(%s) = (%#v, %v), want (nil, an error wrapping ErrUnknownType)", tc.in, got, err)
			}
			if q := fmt.Sprintf("%q", tc.typ); !strings.Contains(err.Error(), q) {
				t.Errorf("DecodeEnvelope(%s) error %q does not name the type as %s", tc.in, err, q)
			}
		})
	}
}

func TestBadEnvelope(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"empty", ``},
		{"spaces", `   `},
		{"null", `null`},
		{"array", `[{"type": "user.created"}]`},
		{"string", `"user.created"`},
		{"number", `42`},
		{"truncated", `{"type": "user.created", "payload": {"id": "u1"`},
		{"garbage", `type=user.created`},
		{"trailing", `{"type": "user.created", "payload": {"id": "u1", "name": "Ada"}} x`},
		{"two-objects", `{"type": "user.created", "payload": {"id": "u1", "name": "Ada"}}{}`},
		{"missing-type", `{"payload": {"id": "u1", "name": "Ada"}}`},
		{"null-type", `{"type": null, "payload": {"id": "u1", "name": "Ada"}}`},
		{"empty-type", `{"type": "", "payload": {"id": "u1", "name": "Ada"}}`},
		{"number-type", `{"type": 1, "payload": {"id": "u1", "name": "Ada"}}`},
		{"object-type", `{"type": {"name": "user.created"}, "payload": {}}`},
		{"empty-object", `{}`},
	} {
		t.Run(tc.name, func(t *testing.T) { expectInvalid(t, tc.in, "") })
	}
}

func TestBadPayload(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"user-missing", `{"type": "user.created"}`},
		{"user-null", `{"type": "user.created", "payload": null}`},
		{"user-array", `{"type": "user.created", "payload": [{"id": "u1", "name": "Ada"}]}`},
		{"user-string", `{"type": "user.created", "payload": "{\"id\": \"u1\", \"name\": \"Ada\"}"}`},
		{"user-number", `{"type": "user.created", "payload": 7}`},
		{"user-empty-object", `{"type": "user.created", "payload": {}}`},
		{"user-no-name", `{"type": "user.created", "payload": {"id": "u1"}}`},
		{"user-no-id", `{"type": "user.created", "payload": {"name": "Ada"}}`},
		{"user-empty-name", `{"type": "user.created", "payload": {"id": "u1", "name": ""}}`},
		{"user-null-id", `{"type": "user.created", "payload": {"id": null, "name": "Ada"}}`},
		{"user-number-id", `{"type": "user.created", "payload": {"id": 1, "name": "Ada"}}`},
		{"pay-missing", `{"type": "payment.captured"}`},
		{"pay-null", `{"type": "payment.captured", "payload": null}`},
		{"pay-no-id", `{"type": "payment.captured", "payload": {"amount": 5, "currency": "EUR"}}`},
		{"pay-zero", `{"type": "payment.captured", "payload": {"id": "p", "amount": 0, "currency": "EUR"}}`},
		{"pay-negative", `{"type": "payment.captured", "payload": {"id": "p", "amount": -5, "currency": "EUR"}}`},
		{"pay-no-amount", `{"type": "payment.captured", "payload": {"id": "p", "currency": "EUR"}}`},
		{"pay-string-amount", `{"type": "payment.captured", "payload": {"id": "p", "amount": "12.50", "currency": "EUR"}}`},
		{"pay-huge-amount", `{"type": "payment.captured", "payload": {"id": "p", "amount": 1e400, "currency": "EUR"}}`},
		{"pay-lower-currency", `{"type": "payment.captured", "payload": {"id": "p", "amount": 5, "currency": "eur"}}`},
		{"pay-short-currency", `{"type": "payment.captured", "payload": {"id": "p", "amount": 5, "currency": "EU"}}`},
		{"pay-long-currency", `{"type": "payment.captured", "payload": {"id": "p", "amount": 5, "currency": "EURO"}}`},
		{"pay-no-currency", `{"type": "payment.captured", "payload": {"id": "p", "amount": 5}}`},
		{"pay-digit-currency", `{"type": "payment.captured", "payload": {"id": "p", "amount": 5, "currency": "E1R"}}`},
		{"pay-unicode-currency", `{"type": "payment.captured", "payload": {"id": "p", "amount": 5, "currency": "ÉUR"}}`},
	} {
		typ := "user.created"
		if strings.HasPrefix(tc.name, "pay-") {
			typ = "payment.captured"
		}
		t.Run(tc.name, func(t *testing.T) { expectInvalid(t, tc.in, typ) })
	}
}

func TestErrorsWrapDecodeErrors(t *testing.T) {
	t.Run("envelope-syntax", func(t *testing.T) {
		_, err, p := decode(`{"type": "user.created", "payload": {"id": "u1",}}`)
		var se *json.SyntaxError
		if p != "" || !errors.As(err, &se) {
			t.Fatalf("DecodeEnvelope(<JSON with a trailing comma>) error = %v (panic %q); want one that errors.As finds a *json.SyntaxError in (wrap with %%w)", err, p)
		}
	})
	t.Run("envelope-type", func(t *testing.T) {
		_, err, p := decode(`{"type": 5, "payload": {}}`)
		var te *json.UnmarshalTypeError
		if p != "" || !errors.As(err, &te) {
			t.Fatalf("DecodeEnvelope({\"type\": 5, ...}) error = %v (panic %q); want one that errors.As finds a *json.UnmarshalTypeError in", err, p)
		}
	})
	t.Run("payload-type", func(t *testing.T) {
		_, err, p := decode(`{"type": "payment.captured", "payload": {"id": "p", "amount": "12.50", "currency": "EUR"}}`)
		var te *json.UnmarshalTypeError
		if p != "" || !errors.As(err, &te) {
			t.Fatalf("DecodeEnvelope(<amount as a string>) error = %v (panic %q); want one that errors.As finds a *json.UnmarshalTypeError in (wrap with %%w)", err, p)
		}
	})
}

func TestDoesNotAliasInput(t *testing.T) {
	b := []byte(`{"type": "user.created", "payload": {"id": "u1", "name": "Ada"}}`)
	got, err := DecodeEnvelope(b)
	if err != nil {
		t.Fatalf("DecodeEnvelope returned error %v", err)
	}
	for i := range b {
		b[i] = 'X'
	}
	if got != (UserCreated{ID: "u1", Name: "Ada"}) {
		t.Errorf("overwriting the input after DecodeEnvelope changed its result to %#v", got)
	}
}

func TestManyEvents(t *testing.T) {
	for i := 0; i < 2000; i++ {
		var in string
		var want any
		switch i % 3 {
		case 0:
			in = fmt.Sprintf(`{"type": "user.created", "payload": {"id": "u%d", "name": "user %d"}}`, i, i)
			want = UserCreated{ID: fmt.Sprintf("u%d", i), Name: fmt.Sprintf("user %d", i)}
		case 1:
			in = fmt.Sprintf(`{"type": "payment.captured", "payload": {"id": "p%d", "amount": %d.25, "currency": "USD"}}`, i, i)
			want = PaymentCaptured{ID: fmt.Sprintf("p%d", i), Amount: float64(i) + 0.25, Curr: "USD"}
		default:
			in = fmt.Sprintf(`{"type": "event.%d", "payload": {}}`, i)
		}
		got, err, p := decode(in)
		if p != "" {
			t.Fatalf("DecodeEnvelope(%s) panicked: %s", in, p)
		}
		if want == nil {
			if !errors.Is(err, ErrUnknownType) {
				t.Fatalf("DecodeEnvelope(%s) = (%#v, %v), want an ErrUnknownType error", in, got, err)
			}
			continue
		}
		if err != nil || got != want {
			t.Fatalf("DecodeEnvelope(%s) = (%#v, %v), want (%#v, nil)", in, got, err, want)
		}
	}
}
