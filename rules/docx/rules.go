// Package docx holds the rules for Word documents (.docx): one rule per file, each a plain
// *checker.Rule value with its metadata and logic side by side. They read the model of
// format/docxdoc, where styles, theme colours and numbering are already resolved.
package docx

import (
	"strings"
	"unicode/utf8"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

// Rules lists the DOCX rules in the order they run and are shown.
var Rules = []*checker.Rule{
	Encrypted,
	ImageOnly,
	Title,
	Language,
	LanguageMatch,
	ImageAlt,
	AltQuality,
	Contrast,
	ColourOnly,
	HeadingsMissing,
	HeadingOrder,
	HeadingEmpty,
	FakeHeading,
	FakeList,
	TableHeader,
	TableMerged,
	TableNested,
	TableBlank,
	LinkText,
	Floating,
	Blink,
	ControlTitle,
	LayoutBlanks,
	FakeForm,
}

var docxOnly = []checker.Kind{wordproc.Kind}

// model returns the document, or nil when there is nothing to check (an encrypted file:
// DOCX-ENCRYPTED reports it, the other rules are not applicable).
func model(p *checker.Pass) *wordproc.Document {
	d, ok := p.Doc.Content.(*wordproc.Document)
	if !ok || d == nil || d.Encrypted {
		return nil
	}
	return d
}

func paraLoc(par *wordproc.Paragraph) checker.Location {
	return checker.Location{Part: par.Part, Path: par.Path}
}

// snippet gives the first words of a text for a message, so the author finds the place.
func snippet(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const maxRunes = 60
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	r := []rune(s)[:maxRunes]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > maxRunes/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// where describes a paragraph's place for a message: its first words, or the element
// after it when it has none.
func where(par *wordproc.Paragraph) checker.Text {
	if s := snippet(par.Text); s != "" {
		return checker.Textf("“%s”", "« %s »", s)
	}
	if par.After != "" {
		return checker.Textf("the paragraph after “%s”", "le paragraphe qui suit « %s »", snippet(par.After))
	}
	return checker.Textf("a paragraph with no text, at the start", "un paragraphe sans texte, au début")
}

// isMain reports whether the paragraph is in the main document body (not a header,
// footer or note).
func isMain(d *wordproc.Document, par *wordproc.Paragraph) bool { return par.Part == d.MainPart }

// styleHas reports whether the paragraph's style name contains one of the words.
func styleHas(par *wordproc.Paragraph, words ...string) bool {
	for _, w := range words {
		if strings.Contains(par.StyleName, w) {
			return true
		}
	}
	return false
}

// isTOC reports paragraphs of a table of contents or index, whose tabs and dot leaders
// Word generates.
func isTOC(par *wordproc.Paragraph) bool {
	return strings.HasPrefix(par.StyleName, "toc") || styleHas(par, "table of", "index", "tdm", "table des", "verzeichnis", "inhalt")
}

// isCode reports preformatted paragraphs, where spaces are content.
func isCode(par *wordproc.Paragraph) bool {
	return styleHas(par, "code", "source", "preformatted", "plain text", "verbatim", "texte brut")
}

// tr formats an English and a French pattern: checker.Textf, under a short name.
func tr(en, fr string, args ...any) checker.Text { return checker.Textf(en, fr, args...) }
