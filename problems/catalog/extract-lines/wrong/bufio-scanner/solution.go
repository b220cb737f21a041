package pit

import (
	"bufio"
	"bytes"
)

// Wrong: bufio.Scanner's ScanLines drops a '\r' before '\n', and gives up on
// lines longer than its 64 KiB buffer.
func ExtractLines(b []byte, n int) []string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for len(lines) < n && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}
