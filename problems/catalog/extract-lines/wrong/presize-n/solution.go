package pit

import "bytes"

// Wrong: sizes the result by n, as the curriculum's code does. A huge n
// (math.MaxInt: "all lines") makes make panic, and a negative n too.
func ExtractLines(b []byte, n int) []string {
	lines := make([]string, 0, n)
	for len(lines) < n {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(b) == 0 {
				break
			}
			lines = append(lines, string(b))
			break
		}
		lines = append(lines, string(b[:i]))
		b = b[i+1:]
	}
	return lines
}
