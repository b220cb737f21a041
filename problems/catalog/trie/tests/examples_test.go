package trie

import "testing"

func TestExamples(t *testing.T) {
	t.Run("apple", func(t *testing.T) {
		tr := Constructor()
		tr.Insert("apple")
		if !tr.Search("apple") {
			t.Errorf(`after Insert("apple"): Search("apple") = false, want true`)
		}
		if tr.Search("app") {
			t.Errorf(`after Insert("apple"): Search("app") = true, want false ("app" was not inserted)`)
		}
		if !tr.StartsWith("app") {
			t.Errorf(`after Insert("apple"): StartsWith("app") = false, want true`)
		}
		tr.Insert("app")
		if !tr.Search("app") {
			t.Errorf(`after Insert("apple"), Insert("app"): Search("app") = false, want true`)
		}
	})

	t.Run("zero-value-unicode", func(t *testing.T) {
		var u Trie // the zero value is ready to use
		if u.StartsWith("") {
			t.Errorf(`on an empty zero-value Trie: StartsWith("") = true, want false (nothing inserted yet)`)
		}
		u.Insert("日本語")
		if !u.StartsWith("日本") {
			t.Errorf(`after Insert("日本語"): StartsWith("日本") = false, want true`)
		}
		if u.Search("日本") {
			t.Errorf(`after Insert("日本語"): Search("日本") = true, want false`)
		}
		if !u.StartsWith("") {
			t.Errorf(`after Insert("日本語"): StartsWith("") = false, want true`)
		}
		if u.StartsWith("Nihon") {
			t.Errorf(`after Insert("日本語"): StartsWith("Nihon") = true, want false`)
		}
	})

	t.Run("case-matters", func(t *testing.T) {
		tr := Constructor()
		tr.Insert("Éclair")
		if tr.StartsWith("éc") {
			t.Errorf(`after Insert("Éclair"): StartsWith("éc") = true, want false (case matters)`)
		}
		if !tr.StartsWith("Éc") {
			t.Errorf(`after Insert("Éclair"): StartsWith("Éc") = false, want true`)
		}
	})

	t.Run("empty-trie", func(t *testing.T) {
		tr := Constructor()
		if tr.StartsWith("") {
			t.Errorf(`on an empty trie: StartsWith("") = true, want false (no word was inserted)`)
		}
		if tr.Search("") {
			t.Errorf(`on an empty trie: Search("") = true, want false`)
		}
	})
}
