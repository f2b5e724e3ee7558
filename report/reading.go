package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// WriteReadingView prints what a screen reader would announce, in order, with the role
// of each element as a screen reader says it ("heading level 2", "image").
func WriteReadingView(w io.Writer, name string, v checker.ReadingView, lang checker.Lang) error {
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", name, tr("as a screen reader announces it", "tel qu'un lecteur d'écran l'annonce"))
	if v.Guessed {
		fmt.Fprintf(&b, "%s\n", tr("(the document has no structure: this order is guessed from the page layout, a screen reader may read it differently)",
			"(le document n'a pas de structure : cet ordre est deviné d'après la mise en page, un lecteur d'écran peut lire autrement)"))
	}
	b.WriteString("\n")
	page := 0
	for _, it := range v.Items {
		if it.Page > 0 && it.Page != page && len(v.Items) > 1 {
			page = it.Page
			fmt.Fprintf(&b, "— %s %d —\n", tr("page", "page"), page)
		}
		indent := ""
		if it.Role == "list-item" || it.Role == "row" || it.Role == "cell" || it.Role == "header-cell" {
			indent = strings.Repeat("  ", max(it.Level, 1))
		}
		fmt.Fprintf(&b, "%s%s%s\n", indent, roleLabel(it, lang), readingText(it, lang))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func roleLabel(it checker.ReadingItem, lang checker.Lang) string {
	tr := func(en, fr string) string { return checker.Text{En: en, Fr: fr}.In(lang) }
	switch it.Role {
	case "heading":
		return fmt.Sprintf("[%s %d] ", tr("heading level", "titre de niveau"), it.Level)
	case "figure":
		return "[" + tr("image", "image") + "] "
	case "link":
		return "[" + tr("link", "lien") + "] "
	case "list-item":
		return "• "
	case "table":
		return "[" + tr("table", "tableau") + "] "
	case "header-cell":
		return "[" + tr("column header", "en-tête") + "] "
	case "note":
		return "[" + tr("note", "note") + "] "
	}
	return ""
}

func readingText(it checker.ReadingItem, lang checker.Lang) string {
	if it.Missing {
		switch it.Role {
		case "figure":
			return checker.Text{En: "[image without description]", Fr: "[image sans description]"}.In(lang)
		case "link":
			return checker.Text{En: "[link without text]", Fr: "[lien sans texte]"}.In(lang)
		case "table":
			return checker.Text{En: "[table without headers]", Fr: "[tableau sans en-têtes]"}.In(lang)
		}
		return checker.Text{En: "[empty]", Fr: "[vide]"}.In(lang)
	}
	return it.Text
}
