package csvfast

import (
	"strconv"
	"strings"
)

// IntsToCSV is the textbook version: correct, but one string per number
// plus the slice of strings plus the joined result.
func IntsToCSV(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}
