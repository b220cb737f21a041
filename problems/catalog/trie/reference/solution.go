package trie

// Trie is a prefix tree of strings, keyed by rune. The zero value is an
// empty trie ready to use. A Trie is not safe for concurrent use.
type Trie struct {
	root node
}

type node struct {
	children map[rune]*node // created on first use
	end      bool           // a word ends here
}

// Constructor returns an empty Trie.
func Constructor() Trie {
	return Trie{}
}

// Insert adds word to the trie. Inserting a word twice has no further effect.
func (t *Trie) Insert(word string) {
	n := &t.root
	for _, r := range word {
		child := n.children[r]
		if child == nil {
			if n.children == nil {
				n.children = make(map[rune]*node)
			}
			child = &node{}
			n.children[r] = child
		}
		n = child
	}
	n.end = true
}

// Search reports whether word itself was inserted.
func (t *Trie) Search(word string) bool {
	n := t.find(word)
	return n != nil && n.end
}

// StartsWith reports whether some inserted word begins with prefix. On an
// empty trie it is false even for the empty prefix.
func (t *Trie) StartsWith(prefix string) bool {
	n := t.find(prefix)
	return n != nil && (n.end || len(n.children) > 0)
}

// find returns the node reached by following s from the root, or nil.
func (t *Trie) find(s string) *node {
	n := &t.root
	for _, r := range s {
		n = n.children[r] // reading a nil map is fine
		if n == nil {
			return nil
		}
	}
	return n
}
