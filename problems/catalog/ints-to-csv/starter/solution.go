package csvfast

// IntsToCSV returns the elements of xs in decimal, separated by commas
// ("1,-2,30"), with as few heap allocations as possible.
func IntsToCSV(xs []int) string {
	// TODO: size a strings.Builder once, then write each number with
	// strconv.AppendInt into a small scratch buffer.
	return ""
}
