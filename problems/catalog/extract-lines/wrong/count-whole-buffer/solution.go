package pit

import "bytes"

// Too slow: counts the newlines of the whole buffer to size the result, so
// asking for 8 lines of a 1 MiB buffer reads the whole megabyte.
func ExtractLines(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
	total := bytes.Count(b, []byte{'\n'})
	if b[len(b)-1] != '\n' {
		total++
	}
	lines := make([]string, 0, min(n, total))
	for len(lines) < n && len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i]))
		b = b[min(i+1, len(b)):]
	}
	return lines
}
