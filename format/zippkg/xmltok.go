package zippkg

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind says what Tokenizer.Next read.
type TokenKind uint8

const (
	StartTag  TokenKind = iota + 1 // Tokenizer.Start holds it
	EndTag                         // Tokenizer.End names it
	Text                           // Tokenizer.Data holds it, entities decoded (character data and CDATA)
	Comment                        // Tokenizer.Data
	ProcInst                       // Tokenizer.Target and Data
	Directive                      // Tokenizer.Data: <!DOCTYPE ...> and the like
)

// Tokenizer reads the XML of one part as encoding/xml's Decoder.Token does with Strict
// set (the same tokens, names resolved to their namespaces the same way, the same
// documents refused), an order of magnitude faster: it scans a buffer instead of reading
// byte by byte, resolves each distinct name once, keeps short attribute values it has
// seen, and returns character data in place.
//
// It holds no limit of its own beyond the input: a token is at most the part, which
// Package.Part bounds; the callers count elements and depth, and GuardTags under it
// counts markup and attributes and checks the deadline.
type Tokenizer struct {
	r    io.Reader
	buf  []byte
	pos  int   // next byte to read
	end  int   // end of the bytes read
	rerr error // the reader's error (io.EOF at the end), met at end
	err  error // sticky: the error Next returned
	// lines counts the newlines of the bytes dropped from buf, for error positions.
	lines int

	kind    TokenKind
	start   xml.StartElement
	endName xml.Name
	data    []byte
	target  string
	closing bool // the start tag just returned was empty (<a/>): its end comes next

	stack []openElem
	ns    map[string]string
	undo  []nsUndo
	// gen changes whenever a declaration comes into or goes out of scope: an Office
	// part declares its namespaces once, on its root, so each name is resolved once.
	gen uint64

	names   map[string]*qname
	recent  [256]*qname
	values  map[string]string
	scratch []byte
	attrTmp []xml.Attr
	attrQ   []*qname
	slab    []xml.Attr
}

type openElem struct {
	raw  string // the name as written, prefix included
	name xml.Name
	mark int // len(undo) before the element's declarations
}

type nsUndo struct {
	prefix, uri string
	had         bool
}

// qname is a name as written, checked and split once.
type qname struct {
	raw, prefix, local string
	ok                 bool // a valid XML name
	colons             int
	// The name resolved as an element and as an attribute, while the namespace
	// declarations in scope are those of generation gen (0: not resolved yet).
	elemGen, attrGen   uint64
	elemName, attrName xml.Name
}

const (
	tokBufSize   = 64 << 10
	maxNames     = 8192 // distinct names kept; past that each is made anew
	maxValues    = 8192 // distinct short attribute values kept
	maxValueKept = 32
	xmlURL       = "http://www.w3.org/XML/1998/namespace"
	// maxOpen bounds the elements open at once. The loaders refuse 256 levels where
	// they read, but content they skip (an ODT annotation, say) is only tokenized: its
	// nesting would otherwise be bounded by the markup count alone (10 million).
	maxOpen = 1 << 16
)

// NewTokenizer reads r.
func NewTokenizer(r io.Reader) *Tokenizer {
	return &Tokenizer{r: r, buf: make([]byte, tokBufSize), ns: map[string]string{}, gen: 1,
		names: map[string]*qname{}, values: map[string]string{}}
}

// Start is the start tag Next just read. Its names and values are strings of their
// own; the Attr slice must not be appended to.
func (t *Tokenizer) Start() xml.StartElement { return t.start }

// End is the name of the end tag Next just read.
func (t *Tokenizer) End() xml.Name { return t.endName }

// Data is the text, comment, processing instruction or directive Next just read; it is
// valid until the next call.
func (t *Tokenizer) Data() []byte { return t.data }

// Target is the target of the processing instruction Next just read.
func (t *Tokenizer) Target() string { return t.target }

// Depth is the number of elements open.
func (t *Tokenizer) Depth() int { return len(t.stack) }

func (t *Tokenizer) syntax(at int, msg string) error {
	line := 1 + t.lines + bytes.Count(t.buf[:min(max(at, 0), t.end)], []byte{'\n'})
	t.err = &xml.SyntaxError{Msg: msg, Line: line}
	return t.err
}

// fill reads more input into buf, keeping buf[pos:end]; false at the end of the input
// or on a read error (kept in rerr).
func (t *Tokenizer) fill() bool {
	if t.rerr != nil {
		return false
	}
	if t.pos > 0 {
		t.lines += bytes.Count(t.buf[:t.pos], []byte{'\n'})
		n := copy(t.buf, t.buf[t.pos:t.end])
		t.pos, t.end = 0, n
	}
	if t.end == len(t.buf) {
		nb := make([]byte, 2*len(t.buf))
		copy(nb, t.buf[:t.end])
		t.buf = nb
	}
	for range 100 {
		n, err := t.r.Read(t.buf[t.end:])
		t.end += n
		if err != nil {
			t.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	t.rerr = io.ErrNoProgress
	return false
}

// byteAt returns the byte at pos+i, reading more when needed; -1 at the end of the
// input (or a read error). It may move buf: offsets are kept relative to pos.
func (t *Tokenizer) byteAt(i int) int {
	for t.pos+i >= t.end {
		if !t.fill() {
			return -1
		}
	}
	return int(t.buf[t.pos+i])
}

// short is the error for input that stops inside a token: the reader's error, or an
// unexpected end.
func (t *Tokenizer) short(msg string) error {
	if t.rerr != nil && t.rerr != io.EOF {
		t.err = t.rerr
		return t.err
	}
	if msg == "" {
		msg = "unexpected EOF"
	}
	return t.syntax(t.end, msg)
}

// Next reads the next token. At the end of the input it returns io.EOF, or a syntax
// error if elements are still open; a read error is returned as it is.
func (t *Tokenizer) Next() (TokenKind, error) {
	if t.err != nil {
		return 0, t.err
	}
	if t.closing {
		t.closing = false
		top := t.stack[len(t.stack)-1]
		t.pop()
		t.kind, t.endName = EndTag, top.name
		return EndTag, nil
	}
	c := t.byteAt(0)
	if c < 0 {
		if t.rerr != io.EOF {
			t.err = t.rerr
			return 0, t.err
		}
		if len(t.stack) > 0 {
			return 0, t.syntax(t.end, "unexpected EOF")
		}
		t.err = io.EOF
		return 0, io.EOF
	}
	if c != '<' {
		return t.text()
	}
	switch t.byteAt(1) {
	case -1:
		return 0, t.short("")
	case '/':
		return t.endTag()
	case '?':
		return t.procInst()
	case '!':
		return t.bang()
	}
	return t.startTag()
}

// consume moves past n bytes.
func (t *Tokenizer) consume(n int) { t.pos += n }

func (t *Tokenizer) text() (TokenKind, error) {
	n := 0
	for {
		if j := bytes.IndexByte(t.buf[t.pos+n:t.end], '<'); j >= 0 {
			n += j
			break
		}
		n = t.end - t.pos
		if !t.fill() {
			break
		}
	}
	raw := t.buf[t.pos : t.pos+n]
	if bytes.Contains(raw, []byte("]]>")) {
		return 0, t.syntax(t.pos+bytes.Index(raw, []byte("]]>"))+3, "unescaped ]]> not in CDATA section")
	}
	data, err := t.decode(raw, t.pos)
	if err != nil {
		return 0, err
	}
	t.consume(n)
	t.kind, t.data = Text, data
	return Text, nil
}

// decode returns raw with its entities replaced and its line ends made \n, after
// checking every character is one XML allows (XML 1.0, production Char). raw is
// returned itself when it needs no change.
func (t *Tokenizer) decode(raw []byte, at int) ([]byte, error) {
	plain := true
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < 0x20 {
				switch c {
				case '\t', '\n':
				case '\r':
					plain = false
				default:
					return nil, t.syntax(at+i, fmt.Sprintf("illegal character code %U", rune(c)))
				}
			} else if c == '&' {
				plain = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			return nil, t.syntax(at+i, "invalid UTF-8")
		}
		if !inCharRange(r) {
			return nil, t.syntax(at+i, fmt.Sprintf("illegal character code %U", r))
		}
		i += size
	}
	if plain {
		return raw, nil
	}
	out := t.scratch[:0]
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			i++
		case '&':
			r, n, err := t.entity(raw[i:], at+i)
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
			if !inCharRange(r) {
				return nil, t.syntax(at+i, fmt.Sprintf("illegal character code %U", r))
			}
			i += n
		default:
			j := i + 1
			for j < len(raw) && raw[j] != '&' && raw[j] != '\r' {
				j++
			}
			out = append(out, raw[i:j]...)
			i = j
		}
	}
	t.scratch = out
	return out, nil
}

// entity reads the reference at the start of s (&lt; &#233; &#xE9;) and its length. Only
// the five predefined entities exist: Office documents declare no DTD.
func (t *Tokenizer) entity(s []byte, at int) (rune, int, error) {
	bad := func(n int) (rune, int, error) {
		ent := string(s[:n])
		if n == len(s) || s[n] != ';' {
			ent += " (no semicolon)"
		} else {
			ent += ";"
		}
		return 0, 0, t.syntax(at+n, "invalid character entity "+ent)
	}
	if len(s) > 1 && s[1] == '#' {
		i, base := 2, 10
		if len(s) > 2 && s[2] == 'x' {
			i, base = 3, 16
		}
		from := i
		for i < len(s) && ('0' <= s[i] && s[i] <= '9' || base == 16 && ('a' <= s[i] && s[i] <= 'f' || 'A' <= s[i] && s[i] <= 'F')) {
			i++
		}
		if i == len(s) || s[i] != ';' {
			return bad(i)
		}
		n, err := strconv.ParseUint(string(s[from:i]), base, 64)
		if err != nil || n > unicode.MaxRune {
			return bad(i)
		}
		// As string(rune(n)) does: a surrogate becomes U+FFFD.
		r := rune(n)
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return r, i + 1, nil
	}
	i := 1
	for i < len(s) && (s[i] >= utf8.RuneSelf || isNameByte(s[i])) {
		i++
	}
	if i == len(s) || s[i] != ';' {
		return bad(i)
	}
	var r rune
	switch string(s[1:i]) {
	case "lt":
		r = '<'
	case "gt":
		r = '>'
	case "amp":
		r = '&'
	case "apos":
		r = '\''
	case "quot":
		r = '"'
	default:
		return bad(i)
	}
	return r, i + 1, nil
}

func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func isSpace(c int) bool { return c == ' ' || c == '\r' || c == '\n' || c == '\t' }

// tagEnd finds the '>' that ends the tag at pos, outside quoted values. It stops at a
// '<' or the end of the input (which no tag may hold) and returns the length read so
// far, with closed false.
func (t *Tokenizer) tagEnd() (n int, closed bool) {
	var quote byte
	n = 1
	for {
		b := t.buf[t.pos+n : t.end]
		for i, c := range b {
			switch {
			case c == '<':
				return n + i, false
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				return n + i + 1, true
			case c == '"' || c == '\'':
				quote = c
			}
		}
		n += len(b)
		if !t.fill() {
			return n, false
		}
	}
}

// name reads a name at tag[i:] and returns it checked and split, and the index after
// it; nil when there is no name there.
func (t *Tokenizer) name(tag []byte, i int) (*qname, int) {
	j := i
	for j < len(tag) && (tag[j] >= utf8.RuneSelf || isNameByte(tag[j])) {
		j++
	}
	if j == i {
		return nil, i
	}
	raw := tag[i:j]
	// A small table indexed by length and end bytes answers most names before the map.
	slot := (len(raw)*31 + int(raw[0])*7 + int(raw[len(raw)-1])) & (len(t.recent) - 1)
	if q := t.recent[slot]; q != nil && q.raw == string(raw) {
		return q, j
	}
	q := t.names[string(raw)]
	if q == nil {
		q = newQName(string(raw))
		if len(t.names) < maxNames {
			t.names[q.raw] = q
		}
	}
	t.recent[slot] = q
	return q, j
}

func newQName(s string) *qname {
	q := &qname{raw: s, local: s, colons: strings.Count(s, ":"), ok: isName(s)}
	if q.colons == 1 {
		if p, l, _ := strings.Cut(s, ":"); p != "" && l != "" {
			q.prefix, q.local = p, l
		}
	}
	return q
}

// isName checks the characters of a name (XML 1.0, production Name). An ASCII name is
// checked here; the rare name with other letters is given to encoding/xml, whose
// tables of name characters this tokenizer follows.
func isName(s string) bool {
	if s == "" {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		c := s[0]
		return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	d := xml.NewDecoder(strings.NewReader("<" + s + "/>"))
	_, err := d.RawToken()
	return err == nil
}

func (t *Tokenizer) startTag() (TokenKind, error) {
	n, closed := t.tagEnd()
	tag := t.buf[t.pos : t.pos+n]
	at := t.pos
	// unfinished is the error where the tag stops short: at a '<' or the end.
	unfinished := func(msg string) (TokenKind, error) {
		if closed {
			return 0, t.syntax(at+len(tag), msg)
		}
		if t.pos+n < t.end { // a '<' follows
			return 0, t.syntax(at+n, msg)
		}
		return 0, t.short("")
	}
	q, i := t.name(tag, 1)
	if q == nil {
		if i == len(tag) && !closed {
			return unfinished("expected element name after <")
		}
		return 0, t.syntax(at+i, "expected element name after <")
	}
	if !q.ok {
		return 0, t.syntax(at+i, "invalid XML name: "+q.raw)
	}
	if q.colons > 1 {
		return 0, t.syntax(at+i, "expected element name after <")
	}
	attrs := t.attrTmp[:0]
	t.attrQ = t.attrQ[:0]
	empty := false
	for {
		for i < len(tag) && isSpace(int(tag[i])) {
			i++
		}
		if i == len(tag) {
			return unfinished("unexpected EOF")
		}
		c := tag[i]
		if c == '/' {
			if i+1 == len(tag) {
				return unfinished("expected /> in element")
			}
			if tag[i+1] != '>' {
				return 0, t.syntax(at+i+1, "expected /> in element")
			}
			i += 2
			empty = true
			break
		}
		if c == '>' {
			i++
			break
		}
		a, j := t.name(tag, i)
		if a == nil {
			if i == len(tag) {
				return unfinished("expected attribute name in element")
			}
			return 0, t.syntax(at+i, "expected attribute name in element")
		}
		if !a.ok {
			return 0, t.syntax(at+j, "invalid XML name: "+a.raw)
		}
		if a.colons > 1 {
			return 0, t.syntax(at+j, "expected attribute name in element")
		}
		i = j
		for i < len(tag) && isSpace(int(tag[i])) {
			i++
		}
		if i == len(tag) {
			return unfinished("unexpected EOF")
		}
		if tag[i] != '=' {
			return 0, t.syntax(at+i, "attribute name without = in element")
		}
		i++
		for i < len(tag) && isSpace(int(tag[i])) {
			i++
		}
		if i == len(tag) {
			return unfinished("unexpected EOF")
		}
		quote := tag[i]
		if quote != '"' && quote != '\'' {
			return 0, t.syntax(at+i, "unquoted or missing attribute value in element")
		}
		i++
		k := bytes.IndexByte(tag[i:], quote)
		if k < 0 {
			return unfinished("unescaped < inside quoted string")
		}
		v, err := t.decode(tag[i:i+k], at+i)
		if err != nil {
			return 0, err
		}
		i += k + 1
		attrs = append(attrs, xml.Attr{Name: xml.Name{Space: a.prefix, Local: a.local}, Value: t.value(v)})
		t.attrQ = append(t.attrQ, a)
	}
	attrQ := t.attrQ
	t.attrTmp, t.attrQ = attrs[:0], t.attrQ[:0]
	if i != len(tag) {
		// Unreachable for a tag tagEnd delimited: kept as a guard.
		return 0, t.syntax(at+i, "expected /> in element")
	}
	t.consume(n)
	attrs = t.keep(attrs)

	// Declarations first: they apply to the element's own name and attributes.
	mark := len(t.undo)
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			t.bind(a.Name.Local, a.Value)
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			t.bind("", a.Value)
		}
	}
	name := t.resolve(q, true)
	for k := range attrs {
		attrs[k].Name = t.resolve(attrQ[k], false)
	}
	if len(t.stack) >= maxOpen {
		return 0, t.syntax(at, fmt.Sprintf("elements nested more than %d deep", maxOpen))
	}
	t.stack = append(t.stack, openElem{raw: q.raw, name: name, mark: mark})
	t.start = xml.StartElement{Name: name, Attr: attrs}
	t.kind, t.closing = StartTag, empty
	return StartTag, nil
}

// keep copies a tag's attributes to a shared slab, cut to their length so an append
// by the caller cannot reach the next tag's: most tags have a few attributes, and one
// allocation serves hundreds of tags.
func (t *Tokenizer) keep(attrs []xml.Attr) []xml.Attr {
	if len(attrs) == 0 {
		return nil
	}
	if cap(t.slab)-len(t.slab) < len(attrs) {
		t.slab = make([]xml.Attr, 0, max(512, len(attrs)))
	}
	n := len(t.slab)
	t.slab = append(t.slab, attrs...)
	return t.slab[n : n+len(attrs) : n+len(attrs)]
}

// value makes a string of an attribute value, sharing the short ones seen before.
func (t *Tokenizer) value(v []byte) string {
	if len(v) > maxValueKept {
		return string(v)
	}
	if s, ok := t.values[string(v)]; ok {
		return s
	}
	s := string(v)
	if len(t.values) < maxValues {
		t.values[s] = s
	}
	return s
}

// resolve is q translated, from q's cache while the declarations are unchanged.
func (t *Tokenizer) resolve(q *qname, element bool) xml.Name {
	if element {
		if q.elemGen != t.gen {
			q.elemName = xml.Name{Space: q.prefix, Local: q.local}
			t.translate(&q.elemName, true)
			q.elemGen = t.gen
		}
		return q.elemName
	}
	if q.attrGen != t.gen {
		q.attrName = xml.Name{Space: q.prefix, Local: q.local}
		t.translate(&q.attrName, false)
		q.attrGen = t.gen
	}
	return q.attrName
}

func (t *Tokenizer) bind(prefix, uri string) {
	t.gen++
	old, had := t.ns[prefix]
	t.undo = append(t.undo, nsUndo{prefix: prefix, uri: old, had: had})
	t.ns[prefix] = uri
}

// translate resolves a name's prefix to its namespace as encoding/xml does: the
// default namespace applies to elements only, xmlns and xml are fixed, an unknown
// prefix is left as it is.
func (t *Tokenizer) translate(n *xml.Name, element bool) {
	switch {
	case n.Space == "xmlns":
		return
	case n.Space == "" && !element:
		return
	case n.Space == "xml":
		n.Space = xmlURL
	case n.Space == "" && n.Local == "xmlns":
		return
	}
	if v, ok := t.ns[n.Space]; ok {
		n.Space = v
	}
}

func (t *Tokenizer) pop() {
	top := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	if len(t.undo) > top.mark {
		t.gen++
	}
	for i := len(t.undo) - 1; i >= top.mark; i-- {
		u := t.undo[i]
		if u.had {
			t.ns[u.prefix] = u.uri
		} else {
			delete(t.ns, u.prefix)
		}
	}
	t.undo = t.undo[:top.mark]
}

func (t *Tokenizer) endTag() (TokenKind, error) {
	n, closed := t.tagEnd()
	tag := t.buf[t.pos : t.pos+n]
	at := t.pos
	q, i := t.name(tag, 2)
	if q == nil {
		if i == len(tag) && !closed {
			if t.pos+n < t.end {
				return 0, t.syntax(at+n, "expected element name after </")
			}
			return 0, t.short("")
		}
		return 0, t.syntax(at+i, "expected element name after </")
	}
	if !q.ok {
		return 0, t.syntax(at+i, "invalid XML name: "+q.raw)
	}
	if q.colons > 1 {
		return 0, t.syntax(at+i, "expected element name after </")
	}
	for i < len(tag) && isSpace(int(tag[i])) {
		i++
	}
	if i == len(tag) {
		if t.pos+n < t.end {
			return 0, t.syntax(at+n, "invalid characters between </"+q.local+" and >")
		}
		return 0, t.short("")
	}
	if tag[i] != '>' || i+1 != len(tag) {
		return 0, t.syntax(at+i, "invalid characters between </"+q.local+" and >")
	}
	if len(t.stack) == 0 {
		return 0, t.syntax(at+i, "unexpected end element </"+q.local+">")
	}
	top := t.stack[len(t.stack)-1]
	if top.raw != q.raw {
		open := newQName(top.raw)
		if open.local != q.local {
			return 0, t.syntax(at+i, "element <"+open.local+"> closed by </"+q.local+">")
		}
		space := q.prefix
		if space == "" {
			space = `""`
		}
		return 0, t.syntax(at+i, "element <"+open.local+"> in space "+open.prefix+" closed by </"+q.local+"> in space "+space)
	}
	t.consume(n)
	t.pop()
	t.kind, t.endName = EndTag, top.name
	return EndTag, nil
}

// index finds sep in the input from pos+from, reading more as needed; -1 when the
// input ends first.
func (t *Tokenizer) index(from int, sep string) int {
	for {
		if j := bytes.Index(t.buf[t.pos+from:t.end], []byte(sep)); j >= 0 {
			return from + j
		}
		from = max(from, t.end-t.pos-len(sep)+1)
		if !t.fill() {
			return -1
		}
	}
}

func (t *Tokenizer) procInst() (TokenKind, error) {
	// The target is a name: read until a byte that ends one.
	i := 2
	for {
		c := t.byteAt(i)
		if c < 0 {
			return 0, t.short("")
		}
		if c < utf8.RuneSelf && !isNameByte(byte(c)) {
			break
		}
		i++
	}
	if i == 2 {
		return 0, t.syntax(t.pos+i, "expected target name after <?")
	}
	target := string(t.buf[t.pos+2 : t.pos+i])
	if !isName(target) {
		return 0, t.syntax(t.pos+i, "invalid XML name: "+target)
	}
	for {
		c := t.byteAt(i)
		if c < 0 {
			return 0, t.short("")
		}
		if !isSpace(c) {
			break
		}
		i++
	}
	e := t.index(i, "?>")
	if e < 0 {
		return 0, t.short("")
	}
	data := t.buf[t.pos+i : t.pos+e]
	if target == "xml" {
		content := string(data)
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			t.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
			return 0, t.err
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			t.err = fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
			return 0, t.err
		}
	}
	t.consume(e + 2)
	t.kind, t.target, t.data = ProcInst, target, data
	return ProcInst, nil
}

// procInstParam reads param="value" from the content of <?xml ...?> the way
// encoding/xml does (the first param= followed by a quote).
func procInstParam(param, s string) string {
	param += "="
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || len(param)+k >= len(sub) {
			return ""
		}
		i += len(param) + k + 1
		if c := sub[len(param)+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

func (t *Tokenizer) bang() (TokenKind, error) {
	switch t.byteAt(2) {
	case -1:
		return 0, t.short("")
	case '-':
		switch t.byteAt(3) {
		case -1:
			return 0, t.short("")
		case '-':
		default:
			return 0, t.syntax(t.pos+3, "invalid sequence <!- not part of <!--")
		}
		// The comment ends at its first "--", which must be followed by '>'.
		e := t.index(4, "--")
		if e < 0 {
			return 0, t.short("")
		}
		switch t.byteAt(e + 2) {
		case -1:
			return 0, t.short("")
		case '>':
		default:
			return 0, t.syntax(t.pos+e+2, `invalid sequence "--" not allowed in comments`)
		}
		t.data = t.buf[t.pos+4 : t.pos+e]
		t.consume(e + 3)
		t.kind = Comment
		return Comment, nil
	case '[':
		for i := range 6 {
			c := t.byteAt(3 + i)
			if c < 0 {
				return 0, t.short("")
			}
			if byte(c) != "CDATA["[i] {
				return 0, t.syntax(t.pos+3+i, "invalid <![ sequence")
			}
		}
		e := t.index(9, "]]>")
		if e < 0 {
			return 0, t.short("unexpected EOF in CDATA section")
		}
		raw := t.buf[t.pos+9 : t.pos+e]
		// No entities in a CDATA section: only line ends change.
		var data []byte
		if bytes.IndexByte(raw, '\r') < 0 {
			data = raw
		} else {
			out := t.scratch[:0]
			for k := 0; k < len(raw); k++ {
				if raw[k] == '\r' {
					out = append(out, '\n')
					if k+1 < len(raw) && raw[k+1] == '\n' {
						k++
					}
					continue
				}
				out = append(out, raw[k])
			}
			t.scratch, data = out, out
		}
		if err := t.checkChars(data, t.pos+9); err != nil {
			return 0, err
		}
		t.consume(e + 3)
		t.kind, t.data = Text, data
		return Text, nil
	}
	return t.directive()
}

// checkChars checks data holds only characters XML allows.
func (t *Tokenizer) checkChars(data []byte, at int) error {
	for i := 0; i < len(data); {
		r, size := rune(data[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return t.syntax(at+i, "invalid UTF-8")
			}
		}
		if !inCharRange(r) {
			return t.syntax(at+i, fmt.Sprintf("illegal character code %U", r))
		}
		i += size
	}
	return nil
}

// directive reads <!DOCTYPE ...> and the like to their '>', as encoding/xml does:
// quoted '>' and those of nested declarations (and comments) do not end it. Office
// parts have none; the callers refuse it.
func (t *Tokenizer) directive() (TokenKind, error) {
	// The byte after "<!" is taken as it is, as encoding/xml does.
	out := []byte{t.buf[t.pos+2]}
	i := 3
	var inquote byte
	depth := 0
	for {
		c := t.byteAt(i)
		if c < 0 {
			return 0, t.short("")
		}
		i++
		b := byte(c)
		if inquote == 0 && b == '>' && depth == 0 {
			break
		}
	handle:
		out = append(out, b)
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			const open = "!--"
			matched := 0
			for matched < len(open) {
				c := t.byteAt(i)
				if c < 0 {
					return 0, t.short("")
				}
				i++
				if byte(c) != open[matched] {
					out = append(out, open[:matched]...)
					depth++
					b = byte(c)
					goto handle
				}
				matched++
			}
			out = out[:len(out)-1]
			var b0, b1 byte
			for {
				c := t.byteAt(i)
				if c < 0 {
					return 0, t.short("")
				}
				i++
				if b0 == '-' && b1 == '-' && byte(c) == '>' {
					break
				}
				b0, b1 = b1, byte(c)
			}
			out = append(out, ' ')
		}
	}
	t.consume(i)
	t.kind, t.data = Directive, out
	return Directive, nil
}

// Skip reads to the end of the element whose start tag was just read, as
// encoding/xml's Decoder.Skip does: the tokens inside are checked, not returned.
func (t *Tokenizer) Skip() error {
	depth := 0
	for {
		k, err := t.Next()
		if err != nil {
			return err
		}
		switch k {
		case StartTag:
			depth++
		case EndTag:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// Token returns the token Next just read as encoding/xml would give it, copied: for
// tests and the rare caller that keeps tokens.
func (t *Tokenizer) Token() xml.Token {
	switch t.kind {
	case StartTag:
		return t.start.Copy()
	case EndTag:
		return xml.EndElement{Name: t.endName}
	case Text:
		return xml.CharData(bytes.Clone(t.data))
	case Comment:
		return xml.Comment(bytes.Clone(t.data))
	case ProcInst:
		return xml.ProcInst{Target: t.target, Inst: bytes.Clone(t.data)}
	case Directive:
		return xml.Directive(bytes.Clone(t.data))
	}
	return nil
}

// TokenReader is what the loaders read XML through: the Tokenizer, or in tests the
// reference reader over encoding/xml it is compared with.
type TokenReader interface {
	Next() (TokenKind, error)
	Start() xml.StartElement
	End() xml.Name
	Data() []byte
	Skip() error
}

// ReferenceReader reads r with encoding/xml's strict Decoder behind the TokenReader
// interface: the yardstick the Tokenizer is checked against (same tokens, same models,
// same findings), not used to load documents.
func ReferenceReader(r io.Reader) TokenReader {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &referenceReader{d: d}
}

type referenceReader struct {
	d   *xml.Decoder
	tok xml.Token
}

func (s *referenceReader) Next() (TokenKind, error) {
	tok, err := s.d.Token()
	if err != nil {
		return 0, err
	}
	s.tok = tok
	switch tok.(type) {
	case xml.StartElement:
		return StartTag, nil
	case xml.EndElement:
		return EndTag, nil
	case xml.CharData:
		return Text, nil
	case xml.Comment:
		return Comment, nil
	case xml.ProcInst:
		return ProcInst, nil
	}
	return Directive, nil
}

func (s *referenceReader) Start() xml.StartElement { se, _ := s.tok.(xml.StartElement); return se }
func (s *referenceReader) End() xml.Name           { ee, _ := s.tok.(xml.EndElement); return ee.Name }
func (s *referenceReader) Skip() error             { return s.d.Skip() }

func (s *referenceReader) Data() []byte {
	switch t := s.tok.(type) {
	case xml.CharData:
		return t
	case xml.Comment:
		return t
	case xml.Directive:
		return t
	case xml.ProcInst:
		return t.Inst
	}
	return nil
}

// NewTokens makes the TokenReader the loaders read a part with: the Tokenizer. Tests
// set it to ReferenceReader to compare what the loaders make of each.
var NewTokens = func(r io.Reader) TokenReader { return NewTokenizer(r) }

// CompareReaders loads each file twice, through ReferenceReader and through the
// Tokenizer, and reports through errorf where the models or the errors differ: the test
// of every loader that reads through NewTokens. It returns how many files it compared.
func CompareReaders(files []string, load func(name string, data []byte) (any, error), errorf func(format string, args ...any)) int {
	defer func(f func(io.Reader) TokenReader) { NewTokens = f }(NewTokens)
	n := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			errorf("%s: %v", path, err)
			continue
		}
		NewTokens = ReferenceReader
		want, wantErr := load(filepath.Base(path), data)
		NewTokens = func(r io.Reader) TokenReader { return NewTokenizer(r) }
		got, err := load(filepath.Base(path), data)
		n++
		if !reflect.DeepEqual(err, wantErr) {
			errorf("%s: error %v, with encoding/xml %v", path, err, wantErr)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			errorf("%s: the model differs from encoding/xml's", path)
		}
	}
	return n
}
