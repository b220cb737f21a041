package palindrome

import (
	"fmt"
	"strings"
)

func IsPalindrome(s string) bool {
	line := strings.Repeat("flood ", 200)
	for {
		fmt.Println(line)
	}
}
