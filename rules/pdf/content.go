package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// ContentTagged checks every painted item is either tagged real content or an artifact,
// never both (ISO 14289-1, 7.1; Matterhorn 01-003, 01-004, 01-005).
var ContentTagged = &checker.Rule{
	ID:    "PDF-CONTENT-TAGGED",
	Title: checker.Text{En: "All content is tagged or marked as an artifact", Fr: "Tout le contenu est balisé ou marqué comme artefact"},
	Why: checker.Text{
		En: "Text or images outside the tags are skipped or read out of order by screen readers; decoration that is not marked as an artifact (page numbers, rules, backgrounds) is read as if it were content.",
		Fr: "Le texte ou les images hors balises sont ignorés ou lus dans le désordre par les lecteurs d'écran ; la décoration non marquée comme artefact (numéros de page, filets, fonds) est lue comme du contenu.",
	},
	Fix: checker.Text{
		En: "Acrobat: open Accessibility > Reading Order (or the Content panel), tag the untagged items as text or figures, and mark headers, footers and decoration as Background/Artifact. At the source, use real headers and footers in Word or LibreOffice and export again with tags.",
		Fr: "Acrobat : ouvrez Accessibilité > Ordre de lecture (ou le panneau Contenu), balisez les éléments non balisés comme texte ou figure, et marquez en-têtes, pieds de page et décorations comme Arrière-plan/Artefact. À la source, utilisez de vrais en-têtes et pieds de page dans Word ou LibreOffice et réexportez avec les balises.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"9.1"},
		PDFUA: []string{"7.1"}, Matterhorn: []string{"01-003", "01-004", "01-005"},
	},
	Run: runContentTagged,
}

func runContentTagged(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, pg := range d.Pages {
		c := pg.Content
		loc := checker.Location{Page: pg.Num, Object: pg.Ref}
		ok := true
		if n := c.UntaggedText + c.UntaggedImages; n > 0 {
			ok = false
			failAt(p, "7.1", mh("01-005"), loc, checker.Textf("%s: screen readers %s out of order", "%s : les lecteurs d'écran %s dans le désordre",
				checker.Plural(n, "%d text or image item is neither tagged nor marked as an artifact", "%d text or image items are neither tagged nor marked as artifacts",
					"%d élément de texte ou d'image n'est ni balisé ni marqué comme artefact", "%d éléments de texte ou d'image ne sont ni balisés ni marqués comme artefacts"),
				checker.Plural(n, "skip it or read it", "skip them or read them", "le sautent ou le lisent", "les sautent ou les lisent")),
				map[string]string{"count": itoa(n)})
		}
		if n := c.Untagged - c.UntaggedText - c.UntaggedImages; n > 0 {
			// Lines, rules and shapes outside the tags are decoration a screen reader does
			// not announce anyway: marking them as artifacts is a PDF/UA requirement.
			ok = false
			failUAWarning(p, "7.1", mh("01-005"), loc, checker.Textf("%s", "%s", checker.Plural(n,
				"%d drawing (line, shape, background) is neither tagged nor marked as an artifact", "%d drawings (lines, shapes, backgrounds) are neither tagged nor marked as artifacts",
				"%d dessin (filet, forme, fond) n'est ni balisé ni marqué comme artefact", "%d dessins (filets, formes, fonds) ne sont ni balisés ni marqués comme artefacts")),
				map[string]string{"count": itoa(n)})
		}
		if c.ArtifactTagged > 0 {
			// An artifact inside tagged content is still not read: PDF/UA forbids the
			// nesting, a reader meets nothing.
			ok = false
			failUAWarning(p, "7.1", mh("01-003"), loc, checker.Textf("%s", "%s", checker.Plural(c.ArtifactTagged,
				"%d artifact is nested inside tagged content", "%d artifacts are nested inside tagged content",
				"%d artefact est imbriqué dans du contenu balisé", "%d artefacts sont imbriqués dans du contenu balisé")), nil)
		}
		if c.TaggedArtifact > 0 {
			ok = false
			failAt(p, "7.1", mh("01-004"), loc, checker.Textf("%s", "%s", checker.Plural(c.TaggedArtifact,
				"%d tagged content sequence is nested inside an artifact", "%d tagged content sequences are nested inside an artifact",
				"%d séquence de contenu balisé est imbriquée dans un artefact", "%d séquences de contenu balisé sont imbriquées dans un artefact")), nil)
		}
		if ok {
			p.Pass(1)
		}
	}
}
