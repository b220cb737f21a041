package trie

import "strings"

// Trie is not a trie: a set of words, with StartsWith scanning every word.
// Correct, but each StartsWith costs O(number of words · length).
type Trie struct {
	words map[string]bool
}

func Constructor() Trie { return Trie{} }

func (t *Trie) Insert(word string) {
	if t.words == nil {
		t.words = make(map[string]bool)
	}
	t.words[word] = true
}

func (t *Trie) Search(word string) bool {
	return t.words[word]
}

func (t *Trie) StartsWith(prefix string) bool {
	for w := range t.words {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}
