package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// StructureTypes checks every structure type is standard or role-mapped to one, without
// cycles or remapped standard types (ISO 14289-1, 7.1; Matterhorn 02-001 to 02-004).
var StructureTypes = &checker.Rule{
	ID:    "PDF-STRUCTURE-TYPES",
	Title: checker.Text{En: "Tags use standard types or map to them", Fr: "Les balises utilisent des types standard ou y sont associées"},
	Why: checker.Text{
		En: "Assistive technology only understands the standard tag types (P, H1, Table, Figure...). A custom tag must be mapped to one in the role map, or its meaning is lost.",
		Fr: "Les aides techniques ne comprennent que les types de balises standard (P, H1, Table, Figure...). Une balise personnalisée doit être associée à l'un d'eux dans la table des rôles, sinon son sens est perdu.",
	},
	Fix: checker.Text{
		En: "In Acrobat, Tags panel > Options > Edit Role Map: map each custom type to a standard type (and do not remap standard types). In Word or LibreOffice, base custom styles on the built-in Heading/List/Normal styles so the export maps them.",
		Fr: "Dans Acrobat, panneau Balises > Options > Modifier la table des rôles : associez chaque type personnalisé à un type standard (sans réassocier les types standard). Dans Word ou LibreOffice, basez les styles personnalisés sur les styles intégrés Titre/Liste/Normal pour que l'export les associe.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1", "4.1.2"}, EN301549: []string{"10.1.3.1", "10.4.1.2"}, RGAA: []string{"9.1"},
		PDFUA: []string{"7.1"}, Matterhorn: []string{"02-001", "02-003", "02-004"},
	},
	Run: runStructureTypes,
}

func runStructureTypes(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, is := range d.RoleIssues {
		loc := elemLoc(is.Elem)
		switch is.Problem {
		case "nonstandard":
			failAt(p, "7.1", mh("02-001"), loc, checker.Textf(
				"The structure type %q is not standard and is not mapped to a standard type",
				"Le type de structure %q n'est pas standard et n'est associé à aucun type standard", is.Type), nil)
		case "circular":
			failAt(p, "7.1", mh("02-003"), loc, checker.Textf(
				"The role map of %q is circular", "La table des rôles de %q est circulaire", is.Type), nil)
		case "remapped":
			failAt(p, "7.1", mh("02-004"), loc, checker.Textf(
				"The standard type %q is remapped to %q", "Le type standard %q est réassocié à %q", is.Type, is.Target), nil)
		}
	}
	nop := 0
	for _, e := range d.Elems {
		if !e.HasParent && nop < 20 {
			nop++
			failAt(p, "7.1", mh("01-006"), elemLoc(e), checker.Textf(
				"The structure element %s has no parent (P) entry", "L'élément de structure %s n'a pas d'entrée parent (P)", typeName(e)), nil)
		}
	}
	if len(d.RoleIssues) == 0 && nop == 0 {
		p.Pass(len(d.Elems))
	}
}
