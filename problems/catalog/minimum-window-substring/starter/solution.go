package minwindow

// MinWindow returns the shortest substring of s that contains every rune of t
// (with multiplicity). See the statement for ties and the empty cases.
func MinWindow(s, t string) string {
	// TODO: count the runes t needs, then slide a window over s: grow it on
	// the right until it covers t, shrink it from the left while it still does.
	return ""
}
