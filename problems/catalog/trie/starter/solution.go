package trie

// Trie is a prefix tree of strings. The zero value must be an empty trie
// ready to use. See the statement for the exact rules.
type Trie struct {
	// TODO: a root node; each node needs its children (one per rune or
	// byte) and a flag saying whether a word ends there.
}

// Constructor returns an empty Trie.
func Constructor() Trie {
	return Trie{}
}

// Insert adds word to the trie.
func (t *Trie) Insert(word string) {
	// TODO
}

// Search reports whether word itself was inserted.
func (t *Trie) Search(word string) bool {
	// TODO
	return false
}

// StartsWith reports whether some inserted word begins with prefix.
func (t *Trie) StartsWith(prefix string) bool {
	// TODO
	return false
}
