package csvfast

import (
	"fmt"
	"strings"
)

// IntsToCSV lets fmt print the slice as "[1 2 3]" and patches the text up.
// The output is right; the cost (boxing, reflection, two extra copies) is not.
func IntsToCSV(xs []int) string {
	s := strings.Trim(fmt.Sprint(xs), "[]")
	return strings.ReplaceAll(s, " ", ",")
}
