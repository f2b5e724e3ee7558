package zippkg

import (
	"bytes"
	"context"
	"io"

	"github.com/lab110bis/focusplus/checker"
)

// MaxAttrs bounds the attributes of one XML start tag. A start tag is read whole, every
// attribute made before the walker sees the element (by encoding/xml, and by the
// Tokenizer as it reads the same way): one tag with fifteen million attributes took 3 GB
// through encoding/xml. Word writes a few dozen at most (the namespace
// declarations of the root element).
const MaxAttrs = 4096

// tagGuard passes a part's bytes through to the XML decoder, counting the attributes
// of each tag as they stream by ('=' signs outside quoted values between '<' and '>'),
// and fails the read once a tag has too many. It also counts the part's markup (every
// '<': tags, comments, processing instructions), which bounds the decoder's tokens (at
// most two per markup), and checks the document's deadline at every read, so a part of
// millions of empty comments, which the element count never sees, is refused or
// stopped. It never buffers.
type tagGuard struct {
	r         io.Reader
	ctx       context.Context
	part      string
	markup    int
	maxMarkup int
	inTag     bool
	quote     byte // the quote of the attribute value being read, or 0
	// afterEq is set between an '=' and the quote that opens its value: only there
	// does a quote open a value (an apostrophe in a comment does not).
	afterEq bool
	attrs   int
}

func (g *tagGuard) Read(p []byte) (int, error) {
	if err := g.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := g.r.Read(p)
	read := p[:n]
	for i := 0; i < len(read); i++ {
		if !g.inTag {
			// Between tags only the next '<' matters (no quote is open outside a tag).
			j := bytes.IndexByte(read[i:], '<')
			if j < 0 {
				break
			}
			i += j
		}
		c := read[i]
		switch {
		case c == '<':
			g.markup++
			if g.markup > g.maxMarkup {
				return 0, checker.Errorf("the XML of %s has more than %d tags and comments, over the limit: the file is damaged or hostile",
					"le XML de %s a plus de %d balises et commentaires, au-delà de la limite : le fichier est endommagé ou malveillant", g.part, g.maxMarkup)
			}
			// An attribute value cannot hold '<' (XML 1.0, production AttValue), so a
			// quote opened inside a comment or text ends here too.
			g.inTag, g.attrs, g.quote, g.afterEq = true, 0, 0, false
		case g.quote != 0:
			if c == g.quote {
				g.quote = 0
			}
		case !g.inTag:
		case g.afterEq && (c == '"' || c == '\''):
			g.quote, g.afterEq = c, false
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		case c == '=':
			g.afterEq = true
			g.attrs++
			if g.attrs > MaxAttrs {
				return 0, checker.Errorf("the XML of %s has an element with more than %d attributes: the file is damaged or hostile",
					"le XML de %s a un élément de plus de %d attributs : le fichier est endommagé ou malveillant", g.part, MaxAttrs)
			}
		case c == '>':
			g.inTag, g.afterEq = false, false
		default:
			g.afterEq = false
		}
	}
	return n, err
}

// GuardTags returns a reader of r that fails once a start tag of the part has more
// attributes than an office document ever writes, once the part has more markup than
// twice the elements lim allows a document (each element is a start and an end tag),
// and once ctx is done.
func GuardTags(ctx context.Context, r io.Reader, part string, lim checker.Limits) io.Reader {
	maxElems := lim.MaxElements
	if maxElems <= 0 {
		maxElems = checker.DefaultLimits().MaxElements
	}
	return &tagGuard{r: r, ctx: ctx, part: part, maxMarkup: 2 * maxElems}
}
