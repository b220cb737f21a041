package pit

import "bytes"

// Wrong: treats the end of the input after a final '\n' as one more (empty)
// line, so "a\nb\n" gives ["a" "b" ""].
func ExtractLines(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
	var lines []string
	for len(lines) < n {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, string(b))
			break
		}
		lines = append(lines, string(b[:i]))
		b = b[i+1:]
	}
	return lines
}
