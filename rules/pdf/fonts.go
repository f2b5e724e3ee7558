package pdf

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Fonts checks the fonts used are embedded, their encodings and CMaps are valid and
// their text maps to Unicode (ISO 14289-1, 7.21; Matterhorn 31-001 to 31-030).
var Fonts = &checker.Rule{
	ID:    "PDF-FONTS",
	Title: checker.Text{En: "Fonts are embedded and map to Unicode", Fr: "Les polices sont incorporées et associées à Unicode"},
	Why: checker.Text{
		En: "Text is only readable aloud, searchable and reflowable when each glyph maps to a Unicode character; a font that is not embedded may be replaced by another that shows different characters.",
		Fr: "Le texte n'est lisible à voix haute, cherchable et redistribuable que si chaque glyphe correspond à un caractère Unicode ; une police non incorporée peut être remplacée par une autre qui affiche d'autres caractères.",
	},
	Fix: checker.Text{
		En: "Word: File > Options > Save > \"Embed fonts in the file\", and save as PDF with \"PDF/A\" or \"PDF/UA\" checked; LibreOffice: Export as PDF > General > \"PDF/A\" or \"PDF/UA\" (fonts are embedded). Avoid symbol or decorative fonts for text. In Acrobat, Preflight > \"Embed fonts\" and \"Fix ToUnicode\" fixups.",
		Fr: "Word : Fichier > Options > Enregistrement > « Incorporer les polices dans le fichier », et enregistrer en PDF avec « PDF/A » ou « PDF/UA » coché ; LibreOffice : Exporter au format PDF > Général > « PDF/A » ou « PDF/UA » (les polices sont incorporées). Évitez les polices de symboles ou décoratives pour le texte. Dans Acrobat, correctifs du Contrôle en amont « Incorporer les polices » et « Corriger ToUnicode ».",
	},
	Affects:  []checker.Audience{checker.Blind, checker.LowVision},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"13.3"},
		PDFUA:      []string{"7.21.3.1", "7.21.3.2", "7.21.3.3", "7.21.4.1", "7.21.4.2", "7.21.5", "7.21.6", "7.21.7", "7.21.8"},
		Matterhorn: []string{"31-001", "31-002", "31-003", "31-004", "31-005", "31-006", "31-007", "31-008", "31-009", "31-011", "31-012", "31-013", "31-014", "31-016", "31-017", "31-019", "31-020", "31-021", "31-024", "31-025", "31-026", "31-027", "31-028", "31-029", "31-030"},
	},
	Run: runFonts,
}

func runFonts(p *checker.Pass) {
	d := model(p)
	for _, f := range d.Fonts {
		if !f.Used {
			continue
		}
		loc := checker.Location{Object: f.Ref}
		name := f.BaseFont
		if name == "" {
			name = f.Ref
		}
		bad := false
		fail := func(clause, mhID, en, fr string, args ...any) {
			bad = true
			report := failAt
			if clause != "7.21.7" {
				// Embedding, encodings, cmaps, widths, CIDSet and CharSet are PDF/UA
				// requirements of the file: the text still shows and reads. Only text
				// without a Unicode value (7.21.7) is lost to a screen reader.
				report = failUAWarning
			}
			report(p, clause, mh(mhID), loc, checker.Textf(en, fr, args...), map[string]string{"font": name})
		}
		if f.UsedVisible && f.Subtype != "Type3" && !f.Embedded {
			fail("7.21.4.1", "31-009", "The font %s is not embedded", "La police %s n'est pas incorporée", name)
		}
		if len(f.GlyphMissing) > 0 {
			bad = true
			s := std(p.Rule, "7.21.4.1", "31-011", "31-030")
			s.PDFUA = []string{"7.21.4.1", "7.21.8"}
			p.Report(checker.Finding{Outcome: checker.Failed, Location: loc, Standards: s, Data: map[string]string{"font": name},
				Message: checker.Textf("Text in font %s uses character codes (%s) that have no glyph in the embedded font: they show as .notdef",
					"Du texte en police %s utilise des codes (%s) sans glyphe dans la police incorporée : ils s'affichent en .notdef", name, strings.Join(f.GlyphMissing, ", "))})
		}
		if f.Subtype == "Type0" {
			checkType0(p, f, name, fail)
		}
		if f.Subtype == "TrueType" && f.HasFlags {
			if !f.Symbolic {
				switch {
				case !f.HasEncoding:
					fail("7.21.6", "31-019", "The non-symbolic TrueType font %s has no Encoding", "La police TrueType non symbolique %s n'a pas d'Encoding", name)
				case f.EncodingDict && f.Encoding == "":
					fail("7.21.6", "31-020", "The encoding of the non-symbolic TrueType font %s has no BaseEncoding", "L'encodage de la police TrueType non symbolique %s n'a pas de BaseEncoding", name)
				case f.Encoding != "MacRomanEncoding" && f.Encoding != "WinAnsiEncoding":
					fail("7.21.6", "31-021", "The non-symbolic TrueType font %s has the encoding %s; it needs MacRomanEncoding or WinAnsiEncoding",
						"La police TrueType non symbolique %s a l'encodage %s ; il faut MacRomanEncoding ou WinAnsiEncoding", name, f.Encoding)
				}
			} else if f.HasEncoding {
				fail("7.21.6", "31-024", "The symbolic TrueType font %s has an Encoding entry", "La police TrueType symbolique %s a une entrée Encoding", name)
			}
			switch f.CmapProblem {
			case "no-nonsymbolic":
				fail("7.21.6", "31-017", "The embedded program of the non-symbolic TrueType font %s has no non-symbolic cmap", "Le programme de la police TrueType non symbolique %s n'a pas de cmap non symbolique", name)
			case "none":
				fail("7.21.6", "31-025", "The embedded program of the symbolic TrueType font %s has no cmap", "Le programme de la police TrueType symbolique %s n'a pas de cmap", name)
			case "no-symbol":
				fail("7.21.6", "31-026", "The embedded program of the symbolic TrueType font %s has several cmaps but no (3,0) symbol cmap", "Le programme de la police TrueType symbolique %s a plusieurs cmaps mais pas de cmap symbole (3,0)", name)
			}
		}
		if len(f.WidthMismatch) > 0 {
			fail("7.21.5", "31-016", "The glyph widths of font %s differ from its embedded program (code: dictionary/program %s)",
				"Les largeurs de glyphes de la police %s diffèrent de son programme incorporé (code : dictionnaire/programme %s)", name, strings.Join(f.WidthMismatch, ", "))
		}
		if len(f.CIDSetMissing) > 0 {
			fail("7.21.4.2", "31-014", "The CIDSet of subset font %s does not list every glyph of the program (CIDs %v)",
				"Le CIDSet de la police sous-ensemble %s ne liste pas tous les glyphes du programme (CID %v)", name, f.CIDSetMissing)
		}
		if len(f.CharSetMismatch) > 0 {
			id := "31-012"
			for _, m := range f.CharSetMismatch {
				if strings.HasPrefix(m, "+") {
					id = "31-013"
				}
			}
			fail("7.21.4.2", id, "The CharSet of subset font %s does not match the glyphs of its program (%s: + listed but absent, - present but not listed)",
				"Le CharSet de la police sous-ensemble %s ne correspond pas aux glyphes de son programme (%s : + listé mais absent, - présent mais non listé)", name, strings.Join(f.CharSetMismatch, " "))
		}
		if len(f.BadUnicode) > 0 {
			fail("7.21.7", "31-028", "The font %s maps character codes to U+0000, U+FEFF or U+FFFE (codes %s)",
				"La police %s associe des codes à U+0000, U+FEFF ou U+FFFE (codes %s)", name, strings.Join(f.BadUnicode, ", "))
		}
		if f.Subtype == "Type0" && len(f.Unmapped) > 0 && noUnicode(f) {
			fail("7.21.7", "31-027", "The ToUnicode map of font %s lacks used character codes (%s)", "La table ToUnicode de la police %s ne couvre pas des codes utilisés (%s)", name, strings.Join(f.Unmapped, ", "))
		}
		if f.Subtype == "Type0" && !f.HasToUnicode && noUnicode(f) {
			fail("7.21.7", "31-027", "The text in font %s cannot be mapped to Unicode (no ToUnicode map)", "Le texte en police %s ne peut pas être converti en Unicode (pas de table ToUnicode)", name)
		}
		if len(f.NoUnicode) > 0 {
			fail("7.21.7", "31-027", "Character codes of font %s (%s) have no Unicode value: no ToUnicode entry and no meaningful glyph name",
				"Des codes de la police %s (%s) n'ont pas de valeur Unicode : ni entrée ToUnicode ni nom de glyphe parlant", name, strings.Join(f.NoUnicode, ", "))
		}
		if !bad {
			p.Pass(1)
		}
	}
}

// noUnicode reports Type 0 fonts whose characters have no Unicode value without a
// ToUnicode map (those of the Adobe CJK character collections have one).
func noUnicode(f *pdfdoc.Font) bool {
	switch f.CIDOrdering {
	case "GB1", "CNS1", "Japan1", "Korea1":
		return f.CIDRegistry != "Adobe"
	}
	return true
}

func checkType0(p *checker.Pass, f *pdfdoc.Font, name string, fail func(clause, mhID, en, fr string, args ...any)) {
	identity := f.CMapName == "Identity-H" || f.CMapName == "Identity-V"
	if !identity && f.CMapEmbedded {
		if !(f.CIDHasSysInfo && f.CMapHasSysInfo && f.CIDRegistry == f.CMapRegistry && f.CIDOrdering == f.CMapOrdering && f.CIDSupplement <= f.CMapSupplement) {
			id := "31-003"
			if f.CIDRegistry != f.CMapRegistry {
				id = "31-001"
			} else if f.CIDOrdering != f.CMapOrdering {
				id = "31-002"
			}
			fail("7.21.3.1", id, "The CIDSystemInfo of font %s (%s-%s-%d) does not match its CMap (%s-%s-%d)",
				"Le CIDSystemInfo de la police %s (%s-%s-%d) ne correspond pas à sa CMap (%s-%s-%d)",
				name, f.CIDRegistry, f.CIDOrdering, f.CIDSupplement, f.CMapRegistry, f.CMapOrdering, f.CMapSupplement)
		}
	}
	if !identity && !f.CMapEmbedded && pdfdoc.PredefinedCMaps[f.CMapName] && f.CIDHasSysInfo {
		if ord := pdfdoc.PredefinedCMapOrdering(f.CMapName); ord != "" && (f.CIDRegistry != "Adobe" || f.CIDOrdering != ord) {
			id := "31-002"
			if f.CIDRegistry != "Adobe" {
				id = "31-001"
			}
			fail("7.21.3.1", id, "The CIDSystemInfo of font %s (%s-%s) does not match its predefined CMap %s (Adobe-%s)",
				"Le CIDSystemInfo de la police %s (%s-%s) ne correspond pas à sa CMap prédéfinie %s (Adobe-%s)",
				name, f.CIDRegistry, f.CIDOrdering, f.CMapName, ord)
		}
	}
	if f.CIDSubtype == "CIDFontType2" && f.Embedded && !f.CIDToGIDMapOK {
		id := "31-004"
		if !f.HasCIDToGIDMap {
			id = "31-005"
		}
		fail("7.21.3.2", id, "The embedded CIDFontType2 font %s has no valid CIDToGIDMap", "La police CIDFontType2 incorporée %s n'a pas de CIDToGIDMap valide", name)
	}
	if !f.CMapEmbedded && f.CMapName != "" && !pdfdoc.PredefinedCMaps[f.CMapName] {
		fail("7.21.3.3", "31-006", "The CMap %s of font %s is neither predefined nor embedded", "La CMap %s de la police %s n'est ni prédéfinie ni incorporée", f.CMapName, name)
	}
	if f.CMapEmbedded {
		wm := 0
		if f.CMapHasWMode {
			wm = f.CMapStreamWMode
		}
		if wm != f.CMapDictWMode {
			fail("7.21.3.3", "31-007", "The WMode of the CMap of font %s differs between its dictionary (%d) and its program (%d)",
				"Le WMode de la CMap de la police %s diffère entre son dictionnaire (%d) et son programme (%d)", name, f.CMapDictWMode, wm)
		}
		if f.UseCMap != "" && !f.UseCMapEmbedded && !pdfdoc.PredefinedCMaps[f.UseCMap] {
			fail("7.21.3.3", "31-008", "The CMap of font %s uses the CMap %s, neither predefined nor embedded",
				"La CMap de la police %s s'appuie sur la CMap %s, ni prédéfinie ni incorporée", name, f.UseCMap)
		}
	}
}
