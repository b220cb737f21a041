package pit

import (
	"bytes"
	"unsafe"
)

// Wrong: "zero-copy" strings made with unsafe.String point into b. They keep
// the whole buffer alive, and they change when the caller reuses b.
func ExtractLines(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
	var lines []string
	for len(lines) < n && len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		if i == 0 {
			lines = append(lines, "")
		} else {
			lines = append(lines, unsafe.String(&b[0], i))
		}
		b = b[min(i+1, len(b)):]
	}
	return lines
}
