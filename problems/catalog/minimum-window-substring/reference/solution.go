package minwindow

import "unicode/utf8"

// MinWindow returns the shortest substring of s (counted in runes) that
// contains every rune of t at least as often as t does; among equally short
// windows, the leftmost. It returns "" when t is empty or no window exists.
//
// Sliding window over the runes of s: the right end advances one rune at a
// time; while the window covers t, the left end advances. Both ends move
// forward only, so the whole scan is O(len(s) + len(t)).
func MinWindow(s, t string) string {
	if t == "" {
		return ""
	}
	need := make(map[rune]int)
	for _, r := range t {
		need[r]++
	}
	missing := utf8.RuneCountInString(t) // runes of t not yet in the window, with multiplicity

	bestStart, bestEnd, bestLen := 0, 0, -1 // byte range of the best window, its length in runes
	left, runes := 0, 0                     // left byte offset, runes in the window
	for right, r := range s {
		end := right + runeLen(s, right)
		runes++
		if n, ok := need[r]; ok {
			if n > 0 {
				missing--
			}
			need[r] = n - 1 // negative: the window holds more r than t needs
		}
		for missing == 0 {
			if bestLen < 0 || runes < bestLen {
				bestStart, bestEnd, bestLen = left, end, runes
			}
			l, size := utf8.DecodeRuneInString(s[left:])
			if n, ok := need[l]; ok {
				if n == 0 {
					missing++
				}
				need[l] = n + 1
			}
			left += size
			runes--
		}
	}
	if bestLen < 0 {
		return ""
	}
	return s[bestStart:bestEnd]
}

// runeLen is the width in bytes of the rune that starts at s[i], decoded the
// way for-range decodes it (an invalid byte has width 1).
func runeLen(s string, i int) int {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}
