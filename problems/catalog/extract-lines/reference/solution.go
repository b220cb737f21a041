package pit

import "bytes"

// ExtractLines returns the first n lines of b, without their '\n'
// terminators. A final line without '\n' counts; the empty text after a
// final '\n' does not. Each line is copied into a string of its own, so the
// result never keeps b's backing array alive, and only the returned prefix of
// b is read.
func ExtractLines(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
	// First pass over the prefix we will return: count its lines, so the
	// result is allocated once and exactly (n itself may be huge).
	count := 0
	for rest := b; count < n && len(rest) > 0; count++ {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			rest = nil
		} else {
			rest = rest[i+1:]
		}
	}
	lines := make([]string, 0, count)
	for len(lines) < count {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i])) // string([]byte) copies
		b = b[min(i+1, len(b)):]
	}
	return lines
}
