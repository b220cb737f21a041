package pit

import "bytes"

// Too slow: copies every line twice, as the curriculum's fix does:
// string(append([]byte(nil), line...)) allocates a []byte and then a string.
func bsToStringCopy(b []byte) string {
	return string(append([]byte(nil), b...))
}

func ExtractLines(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
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
		lines = append(lines, bsToStringCopy(b[:i]))
		b = b[min(i+1, len(b)):]
	}
	return lines
}
