package palindrome

var cases = []struct {
	in   string
	want bool
}{
	{"racecar", true},
	{"Racecar", true},
	{"", true},
	{"ab", false},
}

func check(in string, want bool) bool { return IsPalindrome(in) == want }
