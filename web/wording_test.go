package web

import (
	"reflect"
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

func TestReaderTextKeepsTechnicalAsidesForExperts(t *testing.T) {
	fr, en := locale(checker.French), locale(checker.English)
	for _, c := range []struct {
		l         locale
		in, main  string
		technical []string
	}{
		{fr, "le fichier est une archive zip endommagée (zip: not a valid zip file) : ouvrez-le dans Word", "le fichier est une archive zip endommagée : ouvrez-le dans Word", []string{"zip: not a valid zip file"}},
		{fr, "Le document n'a pas d'arbre de structure (StructTreeRoot) : il n'est pas balisé", "Le document n'a pas d'arbre de structure : il n'est pas balisé", []string{"StructTreeRoot"}},
		{fr, "PDF illisible (the file has no pages and cannot be opened)", "PDF illisible", []string{"the file has no pages and cannot be opened"}},
		{fr, "Contraste de 2,43:1 (il faut 4,5:1) pour le texte", "Contraste de 2,43:1 (il faut 4,5:1) pour le texte", nil},
		{en, "Contrast 2.43:1 (needs 4.5:1) for text", "Contrast 2.43:1 (needs 4.5:1) for text", nil},
		{en, "unreadable PDF (invalid xref table)", "unreadable PDF", []string{"invalid xref table"}},
		{fr, "Le CIDSet de la police sous-ensemble X+Arial ne liste pas tous les glyphes (CID [67 141])", "Un défaut technique à l'intérieur du fichier (décrit dans les détails pour les experts, plus bas).", []string{"Le CIDSet de la police sous-ensemble X+Arial ne liste pas tous les glyphes (CID [67 141])"}},
	} {
		main, tech := readerText(c.l, c.in)
		if main != c.main || !reflect.DeepEqual(tech, c.technical) {
			t.Errorf("readerText(%q) = %q, %q; want %q, %q", c.in, main, tech, c.main, c.technical)
		}
	}
}
