package longest

// LengthOfLongestSubstring returns the length, in runes, of the longest
// substring of s without a repeated rune. See the statement for the rules.
func LengthOfLongestSubstring(s string) int {
	// TODO: slide a window over the runes of s, remembering where each rune
	// was last seen, and keep the best window length.
	return 0
}
