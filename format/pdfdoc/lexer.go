package pdfdoc

import (
	"bytes"
	"strconv"
	"strings"
)

// Operand kinds of the content-stream lexer.
const (
	opNum   = 'n'
	opName  = '/'
	opStr   = 's'
	opArr   = 'a'
	opDict  = 'd'
	opOther = 'o' // true, false, null, unknown keywords used as operands
)

// Operand is one operand of a content-stream operator.
//
// Its Str and Arr point into the stream or into the lexer's buffers: they are valid
// until the next call to Next. A caller that keeps one copies it (string(o.Str)).
type Operand struct {
	Kind byte
	Num  float64
	Str  []byte // name (without slash) or decoded string bytes
	// Arr is an array's elements, or a dictionary's keys (opName) and values, alternately.
	Arr []Operand
}

// Lookup returns the value of key in a dictionary operand; when a key is repeated the
// last one wins, as a PDF reader reads it.
func (o Operand) Lookup(key string) (Operand, bool) {
	if o.Kind != opDict {
		return Operand{}, false
	}
	for i := len(o.Arr) - 2; i >= 0; i -= 2 {
		if string(o.Arr[i].Str) == key {
			return o.Arr[i+1], true
		}
	}
	return Operand{}, false
}

// Lexer splits a content stream into operands and operators. It never allocates more
// than the stream size and bounds nesting of arrays and dictionaries.
//
// The operands of one operator live in buffers the lexer reuses for the next one, so a
// page of text costs no allocation per operator once the buffers have grown.
type Lexer struct {
	b   []byte
	pos int
	// MaxOperands bounds the operands kept for one operator (64 by default; content
	// operators take at most a handful, CMap blocks up to 300).
	MaxOperands int

	arena []Operand // elements of the arrays and dictionaries of the current operator
	stack []Operand // elements of the arrays and dictionaries being read
	bytes []byte    // strings and names of the current operator that needed decoding
}

// NewLexer returns a lexer over a content stream.
func NewLexer(b []byte) *Lexer { return &Lexer{b: b, MaxOperands: 64} }

// Reset starts the lexer over another stream, keeping its buffers (unless one grew
// past what ordinary content needs: one huge stream should not keep its memory).
func (l *Lexer) Reset(b []byte) {
	l.b, l.pos = b, 0
	if cap(l.arena) > 1<<14 {
		l.arena = nil
	}
	if cap(l.stack) > 1<<14 {
		l.stack = nil
	}
	if cap(l.bytes) > 1<<20 {
		l.bytes = nil
	}
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *Lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
		} else if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		} else {
			return
		}
	}
}

// Next returns the next operator and appends its operands to ops (reset by the caller).
// ok is false at the end of the stream.
func (l *Lexer) Next(ops []Operand) (op string, operands []Operand, ok bool) {
	operands = ops
	l.arena, l.stack, l.bytes = l.arena[:0], l.stack[:0], l.bytes[:0]
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return "", operands, false
		}
		c := l.b[l.pos]
		if isOperandStart(c) {
			v, good := l.operand(0)
			if !good {
				return "", operands, false
			}
			if len(operands) < l.MaxOperands {
				operands = append(operands, v)
			}
			continue
		}
		if c == ']' || c == '>' || c == ')' || c == '}' || c == '{' {
			l.pos++
			continue
		}
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		word := l.b[start:l.pos]
		switch string(word) {
		case "true", "false", "null":
			if len(operands) < 64 {
				operands = append(operands, Operand{Kind: opOther, Str: word})
			}
			continue
		}
		if string(word) == "ID" {
			l.skipInlineImage()
			return "EI", operands, true
		}
		if op, ok := knownOps[string(word)]; ok {
			return op, operands, true
		}
		return string(word), operands, true
	}
}

func isOperandStart(c byte) bool {
	return c == '/' || c == '(' || c == '[' || c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') ||
		c == '<'
}

// skipInlineImage moves past the binary data of an inline image, to after "EI".
func (l *Lexer) skipInlineImage() {
	if l.pos < len(l.b) {
		l.pos++ // the single white-space after ID
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' && (i == 0 || isWhite(l.b[i-1])) && (i+2 >= len(l.b) || isWhite(l.b[i+2]) || isDelim(l.b[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.b)
}

func (l *Lexer) operand(depth int) (Operand, bool) {
	if depth > 32 {
		return Operand{}, false
	}
	l.skipSpace()
	if l.pos >= len(l.b) {
		return Operand{}, false
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return Operand{Kind: opName, Str: l.name(l.b[start:l.pos])}, true
	case c == '(':
		return Operand{Kind: opStr, Str: l.literal()}, true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			base := len(l.stack)
			for n := 0; n < 4096; n++ {
				l.skipSpace()
				if l.pos >= len(l.b) || l.b[l.pos] == '>' {
					if l.pos < len(l.b) {
						l.pos += 2
					}
					return Operand{Kind: opDict, Arr: l.collect(base)}, true
				}
				k, ok := l.operand(depth + 1)
				if !ok {
					l.stack = l.stack[:base]
					return Operand{}, false
				}
				if k.Kind != opName {
					continue
				}
				v, ok := l.operand(depth + 1)
				if !ok {
					l.stack = l.stack[:base]
					return Operand{}, false
				}
				l.stack = append(l.stack, k, v)
			}
			return Operand{Kind: opDict, Arr: l.collect(base)}, true
		}
		return Operand{Kind: opStr, Str: l.hex()}, true
	case c == '[':
		l.pos++
		base := len(l.stack)
		for n := 0; n < 1<<16; n++ {
			l.skipSpace()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == ']' {
				l.pos++
				break
			}
			v, ok := l.operand(depth + 1)
			if !ok {
				l.stack = l.stack[:base]
				return Operand{}, false
			}
			l.stack = append(l.stack, v)
		}
		return Operand{Kind: opArr, Arr: l.collect(base)}, true
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := l.pos
		l.pos++
		for l.pos < len(l.b) && (l.b[l.pos] == '.' || (l.b[l.pos] >= '0' && l.b[l.pos] <= '9') || l.b[l.pos] == '-') {
			l.pos++
		}
		f, _ := strconv.ParseFloat(string(l.b[start:l.pos]), 64)
		return Operand{Kind: opNum, Num: f}, true
	default:
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		if l.pos == start {
			l.pos++
		}
		return Operand{Kind: opOther, Str: l.b[start:l.pos]}, true
	}
}

// collect moves the elements read since base from the stack to the arena: an array or
// dictionary is complete only once its nested ones are, so its elements wait on the
// stack and land together.
func (l *Lexer) collect(base int) []Operand {
	n := len(l.stack) - base
	if n <= 0 {
		l.stack = l.stack[:base]
		return nil
	}
	start := len(l.arena)
	l.arena = append(l.arena, l.stack[base:]...)
	l.stack = l.stack[:base]
	return l.arena[start : start+n : start+n]
}

// name decodes the #xx escapes of a name; without any, the name is the stream's bytes.
func (l *Lexer) name(b []byte) []byte {
	if bytes.IndexByte(b, '#') < 0 {
		return b
	}
	start := len(l.bytes)
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if hi, ok := hexDigit(b[i+1]); ok {
				if lo, ok := hexDigit(b[i+2]); ok {
					l.bytes = append(l.bytes, hi<<4|lo)
					i += 2
					continue
				}
			}
		}
		l.bytes = append(l.bytes, b[i])
	}
	return l.bytes[start:len(l.bytes):len(l.bytes)]
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// knownOps interns the operator names so the lexer does not allocate for them.
var knownOps = map[string]string{}

func init() {
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX
		f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD
		Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' "
		begincmap endcmap beginbfchar endbfchar beginbfrange endbfrange begincodespacerange
		endcodespacerange begincidrange endcidrange def usecmap`) {
		knownOps[op] = op
	}
}

func (l *Lexer) literal() []byte {
	l.pos++ // (
	// The common case, a string without escapes or nested parentheses, is a slice of the
	// stream.
	for i := l.pos; i < len(l.b); i++ {
		c := l.b[i]
		if c == '\\' || c == '(' {
			break
		}
		if c == ')' {
			s := l.b[l.pos:i:i]
			l.pos = i + 1
			return s
		}
	}
	start := len(l.bytes)
	out := l.bytes
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return l.done(out, start)
			}
			out = append(out, c)
		case '\\':
			if l.pos >= len(l.b) {
				return l.done(out, start)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		default:
			out = append(out, c)
		}
	}
	return l.done(out, start)
}

func (l *Lexer) hex() []byte {
	l.pos++ // <
	start := len(l.bytes)
	out := l.bytes
	hi, half := byte(0), false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				out = append(out, hi<<4)
			}
			return l.done(out, start)
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
			half = false
		} else {
			hi, half = v, true
		}
	}
	return l.done(out, start)
}

// done keeps the bytes decoded since start in the lexer's buffer and returns them; a
// string is never nil (nil stands for a word space in a TJ array).
func (l *Lexer) done(out []byte, start int) []byte {
	l.bytes = out
	if s := out[start:len(out):len(out)]; s != nil {
		return s
	}
	return []byte{}
}
