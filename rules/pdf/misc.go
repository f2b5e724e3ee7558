package pdf

import (
	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Media checks media clips have a content type and alternative descriptions
// (ISO 14289-1, 7.18.6.2; Matterhorn 28-014, 28-015).
var Media = &checker.Rule{
	ID:    "PDF-MEDIA",
	Title: checker.Text{En: "Media clips are described", Fr: "Les clips multimédias sont décrits"},
	Why: checker.Text{
		En: "A video or sound embedded in the PDF needs its media type and a text description so assistive technology can say what it is.",
		Fr: "Une vidéo ou un son incorporé au PDF a besoin de son type de média et d'une description textuelle pour que les aides techniques disent ce que c'est.",
	},
	Fix: checker.Text{
		En: "In Acrobat, edit the media (Rich Media > Edit) and set its alternate text; better, link to an accessible player page with captions and a transcript.",
		Fr: "Dans Acrobat, modifiez le média (Rich Media > Modifier) et renseignez son texte de remplacement ; mieux, liez à une page de lecteur accessible avec sous-titres et transcription.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Deaf},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, RGAA: []string{"4.1"},
		PDFUA: []string{"7.18.6.2"}, Matterhorn: []string{"28-014", "28-015"},
	},
	Run: func(p *checker.Pass) {
		for _, m := range model(p).MediaClips {
			loc := checker.Location{Object: m.Ref}
			ok := true
			if !m.HasCT {
				ok = false
				failAt(p, "7.18.6.2", mh("28-014"), loc, checker.Textf("A media clip has no content type (CT)", "Un clip multimédia n'a pas de type de contenu (CT)"), nil)
			}
			if !m.AltOK {
				ok = false
				failAt(p, "7.18.6.2", mh("28-015"), loc, checker.Textf("A media clip has no alternative description (Alt)", "Un clip multimédia n'a pas de description alternative (Alt)"), nil)
			}
			if ok {
				p.Pass(1)
			}
		}
	},
}

// EmbeddedFiles checks file specifications of embedded files have F and UF
// (ISO 14289-1, 7.11 and 7.18.7; Matterhorn 21-001, 28-016).
var EmbeddedFiles = &checker.Rule{
	ID:    "PDF-EMBEDDED-FILES",
	Title: checker.Text{En: "Embedded files are named", Fr: "Les fichiers incorporés sont nommés"},
	Why: checker.Text{
		En: "An attached or embedded file is announced by its name; without a Unicode file name (UF) and F entry, readers cannot tell what it is.",
		Fr: "Un fichier joint ou incorporé est annoncé par son nom ; sans nom de fichier Unicode (UF) ni entrée F, impossible de savoir ce que c'est.",
	},
	Fix: checker.Text{
		En: "Re-attach the file in Acrobat (Attachments panel > Add file) with a meaningful file name, or save the PDF again with a recent Acrobat or LibreOffice.",
		Fr: "Joignez de nouveau le fichier dans Acrobat (panneau Pièces jointes > Ajouter un fichier) avec un nom parlant, ou réenregistrez le PDF avec un Acrobat ou LibreOffice récent.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"4.1.2"}, EN301549: []string{"10.4.1.2"}, RGAA: []string{"13.3"},
		PDFUA: []string{"7.11", "7.18.7"}, Matterhorn: []string{"21-001", "28-016"},
	},
	Run: func(p *checker.Pass) {
		for _, f := range model(p).FileSpecs {
			if !f.HasEF { // only specifications of embedded files (veraPDF: containsEF)
				continue
			}
			if f.HasF && f.F != "" && f.HasUF && f.UF != "" {
				p.Pass(1)
				continue
			}
			s := std(p.Rule, "7.11", "21-001")
			if f.InAnnotation {
				s.PDFUA = []string{"7.18.7", "7.11"}
				s.Matterhorn = []string{"28-016", "21-001"}
			}
			p.Report(checker.Finding{Outcome: checker.Failed, Location: checker.Location{Object: f.Ref}, Standards: s,
				Message: checker.Textf("A file specification lacks a non-empty F or UF file name", "Une spécification de fichier n'a pas de nom F ou UF non vide")})
		}
	},
}

// OptionalContent checks optional content configurations have a name and no AS entry
// (ISO 14289-1, 7.10; Matterhorn 20-001, 20-002, 20-003).
var OptionalContent = &checker.Rule{
	ID:    "PDF-OPTIONAL-CONTENT",
	Title: checker.Text{En: "Layers are named", Fr: "Les calques sont nommés"},
	Why: checker.Text{
		En: "Readers list layers (optional content) by their configuration name; an unnamed configuration, or one that switches layers automatically (AS), hides content unpredictably.",
		Fr: "Les logiciels listent les calques (contenu optionnel) par le nom de leur configuration ; une configuration sans nom, ou qui bascule les calques automatiquement (AS), masque du contenu de façon imprévisible.",
	},
	Fix: checker.Text{
		En: "In Acrobat, Layers panel: name the layers, or flatten them (Layers panel > Options > Flatten Layers) before publishing.",
		Fr: "Dans Acrobat, panneau Calques : nommez les calques, ou aplatissez-les (Options > Aplatir les calques) avant publication.",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Warning,
	Kinds:     []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{PDFUA: []string{"7.10"}, Matterhorn: []string{"20-001", "20-002", "20-003"}},
	Run: func(p *checker.Pass) {
		for _, c := range model(p).OCConfigs {
			loc := checker.Location{Object: c.Ref}
			ok := true
			if !c.HasName || c.Name == "" {
				ok = false
				id := "20-001"
				if c.Default {
					id = "20-002"
				}
				failAt(p, "7.10", mh(id), loc, checker.Textf("An optional content configuration has no name", "Une configuration de contenu optionnel n'a pas de nom"), nil)
			}
			if c.HasAS {
				ok = false
				failAt(p, "7.10", mh("20-003"), loc, checker.Textf("An optional content configuration has an AS entry", "Une configuration de contenu optionnel a une entrée AS"), nil)
			}
			if ok {
				p.Pass(1)
			}
		}
	},
}

// XObjects checks reference XObjects are absent and tagged form XObjects are painted once
// (ISO 14289-1, 7.20; Matterhorn 30-001, 30-002).
var XObjects = &checker.Rule{
	ID:    "PDF-XOBJECTS",
	Title: checker.Text{En: "Reusable graphics keep the structure intact", Fr: "Les graphiques réutilisés préservent la structure"},
	Why: checker.Text{
		En: "A tagged form XObject painted several times makes the same tag point at several places, and a reference XObject pulls content from another file: screen readers then read content twice or not at all.",
		Fr: "Un XObject de formulaire balisé peint plusieurs fois fait pointer la même balise vers plusieurs endroits, et un XObject de référence importe du contenu d'un autre fichier : les lecteurs d'écran lisent alors du contenu deux fois ou pas du tout.",
	},
	Fix: checker.Text{
		En: "Export again from the source application; in Acrobat, Preflight's fixup \"Convert reference XObjects\" and re-tagging the repeated content as artifacts solves most cases.",
		Fr: "Réexportez depuis l'application source ; dans Acrobat, le correctif du Contrôle en amont « Convertir les XObjects de référence » et le rebalisage du contenu répété en artefacts règlent la plupart des cas.",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Warning,
	Kinds:     []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{PDFUA: []string{"7.20"}, Matterhorn: []string{"30-001", "30-002"}},
	Run: func(p *checker.Pass) {
		for _, f := range model(p).Forms {
			loc := checker.Location{Object: f.Ref}
			ok := true
			if f.HasRef {
				ok = false
				failAt(p, "7.20", mh("30-001"), loc, checker.Textf("A reference XObject is used", "Un XObject de référence est utilisé"), nil)
			}
			if f.HasMCID && f.Uses > 1 {
				ok = false
				failAt(p, "7.20", mh("30-002"), loc, checker.Textf(
					"A form XObject with tagged content is painted %d times", "Un XObject de formulaire au contenu balisé est peint %d fois", f.Uses), nil)
			}
			if ok {
				p.Pass(1)
			}
		}
	},
}

// XFA checks no dynamic XFA form is required (ISO 14289-1, 7.15; Matterhorn 25-001).
var XFA = &checker.Rule{
	ID:    "PDF-XFA",
	Title: checker.Text{En: "The form is not a dynamic XFA form", Fr: "Le formulaire n'est pas un formulaire XFA dynamique"},
	Why: checker.Text{
		En: "Dynamic XFA forms are drawn at run time by a few viewers only; most readers and assistive technology see an empty or \"please wait\" page.",
		Fr: "Les formulaires XFA dynamiques ne sont dessinés à l'ouverture que par quelques lecteurs ; la plupart des logiciels et aides techniques affichent une page vide ou « veuillez patienter ».",
	},
	Fix: checker.Text{
		En: "Save the form as a static PDF form (AcroForm): in Adobe LiveCycle/AEM Designer, Save As > Static PDF Form; or rebuild it with Acrobat's Prepare Form.",
		Fr: "Enregistrez le formulaire en formulaire PDF statique (AcroForm) : dans Adobe LiveCycle/AEM Designer, Enregistrer sous > Formulaire PDF statique ; ou refaites-le avec Préparer un formulaire d'Acrobat.",
	},
	Affects:   []checker.Audience{checker.Blind, checker.Motor},
	Severity:  checker.Error,
	Kinds:     []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{PDFUA: []string{"7.15"}, Matterhorn: []string{"25-001"}},
	Run: func(p *checker.Pass) {
		d := model(p)
		if !d.HasAcroForm {
			return
		}
		if d.XFARequired {
			failAt(p, "7.15", mh("25-001"), checker.Location{}, checker.Textf("The document is a dynamic XFA form (dynamicRender is required)", "Le document est un formulaire XFA dynamique (dynamicRender vaut required)"), nil)
			return
		}
		p.Pass(1)
	},
}

// AccessPermission checks encryption leaves assistive technology access (bit 10 of P)
// (ISO 14289-1, 7.16; Matterhorn 26-001).
var AccessPermission = &checker.Rule{
	ID:    "PDF-ACCESS-PERMISSION",
	Title: checker.Text{En: "Security settings let assistive technology read the text", Fr: "La sécurité laisse les aides techniques lire le texte"},
	Why: checker.Text{
		En: "When a protected PDF forbids content extraction for accessibility, screen readers cannot read a single word of it.",
		Fr: "Quand un PDF protégé interdit l'extraction du contenu pour l'accessibilité, les lecteurs d'écran ne peuvent en lire aucun mot.",
	},
	Fix: checker.Text{
		En: "Acrobat: File > Properties > Security > Change Settings: check \"Enable text access for screen reader devices for the visually impaired\", or remove the security. Word/LibreOffice: do not restrict content copying when exporting with a password.",
		Fr: "Acrobat : Fichier > Propriétés > Sécurité > Modifier les paramètres : cochez « Activer l'accès au texte pour les lecteurs d'écran des malvoyants », ou retirez la sécurité. Word/LibreOffice : ne restreignez pas la copie du contenu lors d'un export protégé.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Blocking: true,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"4.1.2"}, EN301549: []string{"10.4.1.2"}, RGAA: []string{"13.3"},
		PDFUA: []string{"7.16"}, Matterhorn: []string{"26-001", "26-002"},
	},
	Run: func(p *checker.Pass) {
		d := model(p)
		if !d.Encrypted {
			return
		}
		if !d.HasP || d.P&512 == 0 {
			id := "26-002"
			if !d.HasP {
				id = "26-001"
			}
			failAt(p, "7.16", mh(id), checker.Location{}, checker.Textf(
				"The encryption forbids text access for assistive technology (permission bit 10 is not set)",
				"Le chiffrement interdit l'accès au texte pour les aides techniques (le bit de permission 10 n'est pas activé)"), nil)
			return
		}
		p.Pass(1)
	},
}

// Bookmarks suggests bookmarks for long documents (Acrobat's Full Check).
var Bookmarks = &checker.Rule{
	ID:    "PDF-BOOKMARKS",
	Title: checker.Text{En: "Long documents have bookmarks", Fr: "Les longs documents ont des signets"},
	Why: checker.Text{
		En: "In a document of more than 20 pages, bookmarks let every reader, and above all screen-reader and keyboard users, jump to a section instead of scrolling.",
		Fr: "Dans un document de plus de 20 pages, les signets permettent à chacun, et surtout aux personnes utilisant un lecteur d'écran ou le clavier, d'aller à une section sans faire défiler.",
	},
	Fix: checker.Text{
		En: "Word: Save As > PDF > Options > \"Create bookmarks using: Headings\"; LibreOffice: Export as PDF > General > \"Export outlines\". Acrobat: Bookmarks panel > Options > New Bookmarks from Structure.",
		Fr: "Word : Enregistrer sous > PDF > Options > « Créer des signets à partir des : Titres » ; LibreOffice : Exporter au format PDF > Général > « Exporter les plans ». Acrobat : panneau Signets > Options > Nouveaux signets d'après la structure.",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Motor, checker.Cognitive},
	Severity: checker.Tip,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.4.5"}, EN301549: []string{"10.2.4.5"}, RGAA: []string{"12.1"},
	},
	Run: func(p *checker.Pass) {
		d := model(p)
		if len(d.Pages) <= 20 {
			return
		}
		if len(d.Outlines) == 0 {
			p.Fail(checker.Location{}, checker.Textf("The document has %s and no bookmarks", "Le document a %s et aucun signet", checker.Plural(len(d.Pages), "%d page", "%d pages", "%d page", "%d pages")), nil)
			return
		}
		p.Pass(1)
	},
}
