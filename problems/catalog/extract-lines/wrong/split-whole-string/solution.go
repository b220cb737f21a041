package pit

import "strings"

// Wrong: converts the whole buffer to one string and splits it. The lines are
// substrings of that big copy, so the result keeps all of it alive.
func ExtractLines(b []byte, n int) []string {
	if n <= 0 || len(b) == 0 {
		return nil
	}
	parts := strings.SplitN(string(b), "\n", n+1)
	if len(parts) > n {
		return parts[:n]
	}
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}
