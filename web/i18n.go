package web

import (
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/lab110bis/focusplus/checker"
)

// locale is the language of one response; templates call .L.T "key".
type locale checker.Lang

// T returns the message for key in the locale (the key itself when missing, which
// the tests catch).
func (l locale) T(key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	return m.In(checker.Lang(l))
}

// Tf formats the message for key with the locale's number formatting (2,85 and 1 234 in
// French, 2.85 and 1,234 in English), through the message catalogue.
func (l locale) Tf(key string, args ...any) string {
	if _, ok := messages[key]; !ok {
		return key
	}
	return l.printer().Sprintf(key, args...)
}

// N is the plural message for key with count n: "1 élément", "2 éléments", "0 élément"
// (French counts 0 as singular, English does not).
func (l locale) N(key string, n int) string {
	if _, ok := plurals[key]; !ok {
		return key
	}
	return l.printer().Sprintf(key, n)
}

// Num writes a number with prec decimals in the locale's notation.
func (l locale) Num(v float64, prec int) string {
	return l.printer().Sprintf("%.*f", prec, v)
}

// Bytes writes a size as people read it: "50 MB", "1.5 GB"; "50 Mo", "1,5 Go" in French.
func (l locale) Bytes(n int64) string {
	units := []checker.Text{tx("bytes", "octets"), tx("KB", "Ko"), tx("MB", "Mo"), tx("GB", "Go")}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	prec := 1
	if u == 0 || v == float64(int64(v)) {
		prec = 0
	}
	return l.Num(v, prec) + "\u00a0" + l.In(units[u])
}

func (l locale) printer() *message.Printer {
	if l == locale(checker.French) {
		return frenchPrinter
	}
	return englishPrinter
}

// countForms are the plural forms of one message: CLDR "one" and "other".
type countForms struct{ One, Other string }

type pluralText struct{ En, Fr countForms }

// The message catalogue: every key of messages and plurals in English and French.
var (
	catalogue                     = buildCatalogue()
	englishPrinter, frenchPrinter = message.NewPrinter(language.English, message.Catalog(catalogue)), message.NewPrinter(language.French, message.Catalog(catalogue))
)

func buildCatalogue() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for key, t := range messages {
		b.SetString(language.English, key, t.En)
		b.SetString(language.French, key, t.Fr)
	}
	for key, p := range plurals {
		b.Set(language.English, key, plural.Selectf(1, "%d", plural.One, p.En.One, plural.Other, p.En.Other))
		b.Set(language.French, key, plural.Selectf(1, "%d", plural.One, p.Fr.One, plural.Other, p.Fr.Other))
	}
	return b
}

func pl(enOne, enOther, frOne, frOther string) pluralText {
	return pluralText{En: countForms{enOne, enOther}, Fr: countForms{frOne, frOther}}
}

// plurals are the messages that count something; %d is the count.
var plurals = map[string]pluralText{
	"count.fix":       pl("%d problem to fix", "%d problems to fix", "%d problème à corriger", "%d problèmes à corriger"),
	"count.review":    pl("%d point for a person to check", "%d points for a person to check", "%d point à faire vérifier par une personne", "%d points à faire vérifier par une personne"),
	"count.passed":    pl("%d check passed", "%d checks passed", "%d vérification réussie", "%d vérifications réussies"),
	"count.items":     pl("%d item checked", "%d items checked", "%d élément vérifié", "%d éléments vérifiés"),
	"count.times":     pl("once", "%d times", "une fois", "%d fois"),
	"count.found":     pl("Found once", "Found %d times", "Relevé une fois", "Relevé %d fois"),
	"count.more":      pl("… and %d more of the same kind.", "… and %d more of the same kind.", "… et %d autre du même type.", "… et %d autres du même type."),
	"count.marks":     pl("%d place where a check failed is outlined on this page.", "%d places where a check failed are outlined on this page.", "%d endroit où une vérification a échoué est encadré sur cette page.", "%d endroits où une vérification a échoué sont encadrés sur cette page."),
	"count.documents": pl("%d document", "%d documents", "%d document", "%d documents"),
}

// In picks a checker.Text in the locale.
func (l locale) In(t checker.Text) string { return t.In(checker.Lang(l)) }

const langCookie = "focus_lang"

// requestLang picks the language: ?lang=, then the cookie set by the switch, then the
// browser's Accept-Language (the first of fr or en it lists), else English.
func requestLang(r *http.Request) locale {
	if l, err := checker.ParseLang(r.URL.Query().Get("lang")); err == nil {
		return locale(l)
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, err := checker.ParseLang(c.Value); err == nil {
			return locale(l)
		}
	}
	return locale(acceptLanguage(r.Header.Get("Accept-Language")))
}

// acceptLanguage reads an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8") and
// returns the supported language with the highest weight.
func acceptLanguage(h string) checker.Lang {
	best, bestQ := checker.English, -1.0
	for i, part := range strings.Split(h, ",") {
		if i >= 32 {
			break
		}
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		l, err := checker.ParseLang(tag)
		if err != nil || q <= 0 {
			continue
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// keepLangDays is how long the language is kept when the person asks for it.
const keepLangDays = 180

// rememberLang keeps the language chosen with the visible switch for the browser
// session (a cookie without expiry), so the next pages and the form post use it. Only when
// the person asks (?keep=1, the link in the footer) is it kept beyond the session.
func rememberLang(w http.ResponseWriter, r *http.Request) {
	l, err := checker.ParseLang(r.URL.Query().Get("lang"))
	if err != nil {
		return
	}
	c := &http.Cookie{Name: langCookie, Value: string(l), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if r.URL.Query().Get("keep") == "1" {
		c.MaxAge = keepLangDays * 24 * 3600
	}
	http.SetCookie(w, c)
}

func tx(en, fr string) checker.Text { return checker.Text{En: en, Fr: fr} }

var messages = map[string]checker.Text{
	"skip":                 tx("Skip to main content", "Aller au contenu principal"),
	"nav.language":         tx("Language", "Langue"),
	"nav.back":             tx("Back to the results", "Retour aux résultats"),
	"nav.back.see":         tx("Back to all the pages", "Retour à toutes les pages"),
	"footer.privacy":       tx("Focus+ keeps your files in memory only, never on disk, and forgets the results after a few minutes.", "Focus+ garde vos fichiers en mémoire seulement, jamais sur disque, et oublie les résultats après quelques minutes."),
	"footer.keeplang":      tx("Remember English on this device (a cookie kept %d days; otherwise the choice lasts until the browser is closed)", "Garder le français sur cet appareil (un cookie conservé %d jours ; sinon le choix dure jusqu'à la fermeture du navigateur)"),
	"footer.keptlang":      tx("English is remembered on this device.", "Le français est gardé sur cet appareil."),
	"footer.rules":         tx("What Focus+ checks: every rule", "Ce que Focus+ vérifie : toutes les règles"),
	"rules.title":          tx("What Focus+ checks", "Ce que Focus+ vérifie"),
	"rules.h1":             tx("What Focus+ checks", "Ce que Focus+ vérifie"),
	"rules.lead":           tx("Every check, with why it matters, who it affects and how to fix it in Word, LibreOffice Writer or Acrobat.", "Chaque vérification, avec pourquoi elle compte, qui est concerné et comment corriger dans Word, LibreOffice Writer ou Acrobat."),
	"rules.back":           tx("All the rules", "Toutes les règles"),
	"rules.blocking":       tx("Blocking: one failure caps the score at 33.", "Bloquant : un seul échec plafonne le score à 33."),
	"rules.blocking.short": tx("blocking", "bloquant"),
	"rules.notfound":       tx("There is no rule with this name.", "Il n'y a pas de règle de ce nom."),
	"footer.api":           tx("JSON API (OpenAPI description)", "API JSON (description OpenAPI)"),
	"upload.title":         tx("Check a document", "Vérifier un document"),
	"upload.h1":            tx("Is your document accessible?", "Votre document est-il accessible ?"),
	"upload.lead":          tx("Send a PDF, a text document (Word DOCX or LibreOffice ODT) or an image. Focus+ gives it a score out of 100, tells you what to fix first and how, in the tool you wrote it with, and shows it as colour-blind readers see it.", "Envoyez un PDF, un document texte (Word DOCX ou LibreOffice ODT) ou une image. Focus+ lui donne un score sur 100, vous dit quoi corriger en premier et comment, dans l'outil avec lequel vous l'avez écrit, et vous le montre tel que le voient les personnes daltoniennes."),
	"upload.label":         tx("Documents to check", "Documents à vérifier"),
	"upload.hint":          tx("Accepted formats: %s. Up to %d files at once, %s in all.", "Formats acceptés : %s. Jusqu'à %d fichiers à la fois, %s au total."),
	"upload.drop":          tx("You can also drag and drop files onto this area.", "Vous pouvez aussi glisser-déposer des fichiers dans cette zone."),
	"upload.submit":        tx("Check the documents", "Vérifier les documents"),
	"upload.what.h":        tx("What you get", "Ce que vous obtenez"),
	"upload.what.score":    tx("A score from 0 to 100, and a plain verdict: low, medium, high or perfect.", "Un score de 0 à 100 et un verdict simple : faible, moyen, élevé ou parfait."),
	"upload.what.fix":      tx("What to fix first, why it matters, who it affects and how to fix it in Word, LibreOffice or Acrobat.", "Quoi corriger en premier, pourquoi c'est important, qui est concerné et comment corriger dans Word, LibreOffice ou Acrobat."),
	"upload.what.see":      tx("Your pages as people with colour-vision deficiencies see them.", "Vos pages telles que les voient les personnes ayant un trouble de la vision des couleurs."),
	"upload.what.reading":  tx("The document as a screen reader announces it.", "Le document tel qu'un lecteur d'écran l'annonce."),
	"upload.privacy.h":     tx("Your files stay private", "Vos fichiers restent privés"),
	"upload.privacy":       tx("Files are checked in this server's memory and never written to disk or logged. The results and page previews are kept in memory for %s so you can read them, then forgotten.", "Les fichiers sont vérifiés dans la mémoire de ce serveur, jamais écrits sur disque ni journalisés. Les résultats et aperçus restent en mémoire %s pour que vous puissiez les lire, puis sont oubliés."),

	"result.title":           tx("Results", "Résultats"),
	"result.h1":              tx("Results", "Résultats"),
	"result.expiry":          tx("This page stays available for %s; nothing is kept after that.", "Cette page reste disponible %s ; rien n'est conservé ensuite."),
	"result.summary.caption": tx("Scores of the documents checked", "Scores des documents vérifiés"),
	"result.col.document":    tx("Document", "Document"),
	"result.col.score":       tx("Score out of 100", "Score sur 100"),
	"result.col.band":        tx("Verdict", "Verdict"),
	"result.col.tofix":       tx("Problems to fix", "Problèmes à corriger"),
	"result.unreadable":      tx("could not be read", "illisible"),
	"result.unreadable.h":    tx("This document could not be read:", "Ce document n'a pas pu être lu :"),
	"result.capped":          tx("The score is capped at 33 because of a blocking problem: some readers cannot use this document at all until it is fixed.", "Le score est plafonné à 33 à cause d'un problème bloquant : certains lecteurs ne peuvent pas du tout utiliser ce document tant qu'il n'est pas corrigé."),
	"result.link.see":        tx("See it as others do", "Le voir comme les autres"),
	"result.link.reading":    tx("Reading view: what a screen reader announces", "Vue lecture : ce qu'annonce un lecteur d'écran"),
	"result.fix.h":           tx("What to fix first", "Quoi corriger en premier"),
	"result.fix.none":        tx("Nothing to fix: no check failed.", "Rien à corriger : aucune vérification n'a échoué."),
	"result.review.h":        tx("What still needs a person", "Ce qu'une personne doit encore vérifier"),
	"result.review.intro":    tx("Focus+ cannot decide these alone. Only those whose evidence points to a failure lower the score, by a few points.", "Focus+ ne peut pas trancher seul. Seuls ceux dont les indices montrent un échec probable baissent le score, de quelques points."),
	"result.conformance.h":   tx("Conformance, apart from the score", "Conformité, à part du score"),
	"conf.criteria":          tx("criteria", "critères"),
	"conf.clauses":           tx("clauses", "articles"),
	"conf.review":            tx("to review:", "à vérifier :"),
	"conf.colon":             tx(":", " :"),
	"conf.sep":               tx(";", " ;"),
	"result.review.none":     tx("Nothing left for a person to check.", "Rien à faire vérifier par une personne."),
	"result.passed.h":        tx("What passed", "Ce qui est réussi"),
	"result.passed.none":     tx("No check passed on this document.", "Aucune vérification réussie sur ce document."),
	"result.again":           tx("Check other documents", "Vérifier d'autres documents"),
	"result.meta":            tx("%s · pages: %d", "%s · pages : %d"),
	"format.unknown":         tx("format not recognised", "format non reconnu"),
	"result.doctitle":        tx("title:", "titre :"),
	"result.meta.image":      tx("%s image", "image %s"),
	"bandshort.low":          tx("Low", "Faible"),
	"bandshort.medium":       tx("Medium", "Moyen"),
	"bandshort.high":         tx("High", "Élevé"),
	"bandshort.perfect":      tx("Perfect", "Parfait"),
	"band.low":               tx("Verdict: low accessibility, some readers cannot use this document", "Verdict : accessibilité faible, certains lecteurs ne peuvent pas utiliser ce document"),
	"band.medium":            tx("Verdict: medium accessibility, WCAG A/AA failures to fix", "Verdict : accessibilité moyenne, des échecs WCAG A/AA à corriger"),
	"band.high":              tx("Verdict: high accessibility, no WCAG A/AA failure found", "Verdict : accessibilité élevée, aucun échec WCAG A/AA trouvé"),
	"band.perfect":           tx("Verdict: nothing failed and nothing left to check", "Verdict : aucun échec et rien à vérifier"),
	"sev.heading":            tx("%s (%d)", "%s (%d)"),
	"sev.error":              tx("Errors", "Erreurs"),
	"sev.warning":            tx("Warnings", "Avertissements"),
	"sev.tip":                tx("Tips", "Conseils"),
	"tag.error":              tx("Error", "Erreur"),
	"tag.warning":            tx("Warning", "Avertissement"),
	"tag.tip":                tx("Tip", "Conseil"),
	"tag.review":             tx("To check", "À vérifier"),
	"rule.why":               tx("Why it matters", "Pourquoi c'est important"),
	"rule.who":               tx("Who it affects", "Qui est concerné"),
	"rule.fix":               tx("How to fix it", "Comment corriger"),
	"colour.label":           tx("%s: %s", "%s : %s"),
	"colour.text":            tx("Text", "Texte"),
	"colour.background":      tx("Background", "Fond"),
	"colour.ratio":           tx("Contrast measured: %s:1", "Contraste mesuré : %s:1"),
	"colour.required":        tx("needed: %s:1", "il faut : %s:1"),
	"instance.technical":     tx("A technical defect inside the file (described in the details for experts below).", "Un défaut technique à l'intérieur du fichier (décrit dans les détails pour les experts, plus bas)."),
	"rule.experts":           tx("Details for experts", "Détails pour les experts"),
	"rule.id":                tx("Rule", "Règle"),
	"rule.technical":         tx("Messages of the file reader", "Messages du lecteur de fichiers"),
	"rule.places":            tx("Places in the file", "Emplacements dans le fichier"),
	"rule.refs":              tx("References", "Références"),
	"where.page":             tx("page %d", "page %d"),
	"where.pages":            tx("pages %s", "pages %s"),
	"where.frame":            tx("frame %d", "image %d de l'animation"),

	"see.title":         tx("See it as others do", "Le voir comme les autres"),
	"see.h1":            tx("See it as others do", "Le voir comme les autres"),
	"see.lead":          tx("Each page is shown as most readers see it, then as readers with each kind of colour-vision deficiency see it. Where two colours that carry meaning look the same, the information is lost for those readers: add a label, a pattern or a different lightness.", "Chaque page est montrée telle que la plupart des lecteurs la voient, puis telle que la voient les personnes ayant chaque type de trouble de la vision des couleurs. Quand deux couleurs porteuses de sens se confondent, l'information est perdue pour ces lecteurs : ajoutez un libellé, un motif ou une différence de clarté."),
	"see.severity":      tx("Severity of the deficiency", "Sévérité du trouble"),
	"see.severity.hint": tx("100 % is a missing type of cone (dichromacy); lower values show the milder, more common forms.", "100 % correspond à un type de cône absent (dichromatie) ; les valeurs plus faibles montrent les formes atténuées, plus fréquentes."),
	"see.apply":         tx("Show", "Afficher"),
	"see.caption":       tx("Page %d of %d — %s", "Page %d sur %d — %s"),
	"see.views":         tx("See the page as", "Voir la page"),
	"see.nav.first":     tx("First page", "Première page"),
	"see.nav.prev":      tx("Previous page", "Page précédente"),
	"see.nav.next":      tx("Next page", "Page suivante"),
	"see.nav.last":      tx("Last page", "Dernière page"),
	"see.nav.go":        tx("Go to page", "Aller à la page"),
	"see.nav.of":        tx("of %d", "sur %d"),
	"see.nav.show":      tx("Show", "Afficher"),
	"see.strip":         tx("Pages near this one", "Pages voisines"),
	"see.strip.marked":  tx("(checks failed on this page)", "(vérifications échouées sur cette page)"),
	"see.compare.link":  tx("Compare side by side with the original", "Comparer côte à côte avec l'original"),
	"see.pages":         tx("Pages", "Pages"),
	"see.page":          tx("Page %d", "Page %d"),
	"see.image":         tx("The image", "L'image"),
	"see.marks":         tx("Outlined with a dashed frame: places where a check failed.", "Encadré en pointillés : endroits où une vérification a échoué."),
	"see.more":          tx("Only the first %d pages have previews.", "Seules les %d premières pages ont un aperçu."),
	"see.compare":       tx("Compare with the original: %s", "Comparer avec l'original : %s"),
	"see.nosim":         tx("Colour-vision simulation is not available on this server yet.", "La simulation de la vision des couleurs n'est pas encore disponible sur ce serveur."),
	"see.nopreview":     tx("No preview can be made of this document.", "Aucun aperçu ne peut être fait de ce document."),
	"view.alt":          tx("%s, %s", "%s, %s"),
	"sev.option":        tx("%d %%", "%d %%"),
	"sev.option.full":   tx("100 % (full deficiency)", "100 % (trouble complet)"),

	"def.original":           tx("Typical colour vision", "Vision des couleurs typique"),
	"def.original.desc":      tx("As most readers see it.", "Comme la plupart des lecteurs le voient."),
	"def.protan":             tx("Protan (red-weak)", "Protan (rouge peu perçu)"),
	"def.protan.desc":        tx("About 1 % of men: reds look dark, red and green are confused.", "Environ 1 % des hommes : les rouges paraissent sombres, rouge et vert se confondent."),
	"def.deutan":             tx("Deutan (green-weak)", "Deutan (vert peu perçu)"),
	"def.deutan.desc":        tx("The most common, about 5 % of men: red and green are confused.", "Le plus fréquent, environ 5 % des hommes : rouge et vert se confondent."),
	"def.tritan":             tx("Tritan (blue-weak)", "Tritan (bleu peu perçu)"),
	"def.tritan.desc":        tx("Rare: blue and green, yellow and pink are confused.", "Rare : bleu et vert, jaune et rose se confondent."),
	"def.achromatopsia":      tx("Achromatopsia (no colour)", "Achromatopsie (aucune couleur)"),
	"def.achromatopsia.desc": tx("Very rare: only lightness is seen. Also how a page prints in black and white.", "Très rare : seule la clarté est perçue. C'est aussi une page imprimée en noir et blanc."),

	"compare.title":      tx("Compare", "Comparer"),
	"compare.h1":         tx("Compare", "Comparer"),
	"compare.deficiency": tx("Colour vision", "Vision des couleurs"),
	"compare.page":       tx("Page", "Page"),
	"compare.show":       tx("Compare", "Comparer"),

	"reading.title":    tx("Reading view", "Vue lecture"),
	"reading.h1":       tx("Reading view", "Vue lecture"),
	"reading.lead":     tx("What a screen reader announces, in order. Headings, images without a description and tables without headers are what blind readers stumble on.", "Ce qu'un lecteur d'écran annonce, dans l'ordre. Titres, images sans description et tableaux sans en-têtes sont ce sur quoi butent les personnes aveugles."),
	"reading.guessed":  tx("This document has no structure: this order is guessed from the page layout, and a screen reader may read it differently.", "Ce document n'a pas de structure : cet ordre est deviné d'après la mise en page, et un lecteur d'écran peut lire autrement."),
	"reading.empty":    tx("A screen reader finds nothing to announce in this document.", "Un lecteur d'écran ne trouve rien à annoncer dans ce document."),
	"reading.page":     tx("Page %d", "Page %d"),
	"role.heading":     tx("Heading level %d", "Titre de niveau %d"),
	"role.figure":      tx("Image", "Image"),
	"role.link":        tx("Link", "Lien"),
	"role.list-item":   tx("List item", "Élément de liste"),
	"role.table":       tx("Table", "Tableau"),
	"role.row":         tx("Row", "Ligne"),
	"role.cell":        tx("Cell", "Cellule"),
	"role.header-cell": tx("Column header", "En-tête"),
	"role.note":        tx("Note", "Note"),
	"role.paragraph":   tx("Text", "Texte"),
	"missing.figure":   tx("[image without description]", "[image sans description]"),
	"missing.link":     tx("[link without text]", "[lien sans texte]"),
	"missing.table":    tx("[table without headers]", "[tableau sans en-têtes]"),
	"missing.other":    tx("[empty]", "[vide]"),

	"error.generic":     tx("Something went wrong", "Un problème est survenu"),
	"error.400":         tx("The request could not be understood", "La demande n'a pas pu être comprise"),
	"error.403":         tx("This request was refused", "Cette demande a été refusée"),
	"error.404":         tx("Page not found", "Page introuvable"),
	"error.413":         tx("The files are too large", "Les fichiers sont trop volumineux"),
	"error.422":         tx("This cannot be shown", "Impossible d'afficher ceci"),
	"error.503":         tx("The server is busy", "Le serveur est occupé"),
	"error.back":        tx("Back to the upload page", "Retour à la page d'envoi"),
	"error.notfound":    tx("There is nothing at this address. Results are kept for a few minutes only: they may have expired. Please upload the document again.", "Il n'y a rien à cette adresse. Les résultats ne sont gardés que quelques minutes : ils ont peut-être expiré. Merci d'envoyer à nouveau le document."),
	"error.toolarge":    tx("The upload is over the %s limit. Send fewer or smaller files.", "L'envoi dépasse la limite de %s. Envoyez moins de fichiers ou des fichiers plus petits."),
	"error.toomany":     tx("At most %d files can be checked at once.", "Au plus %d fichiers peuvent être vérifiés à la fois."),
	"error.nofile":      tx("Choose at least one file to check.", "Choisissez au moins un fichier à vérifier."),
	"error.malformed":   tx("The upload could not be read (%s). Please try again.", "L'envoi n'a pas pu être lu (%s). Merci de réessayer."),
	"error.busy":        tx("Too many documents are being checked right now. Please try again in a few seconds.", "Trop de documents sont en cours de vérification. Merci de réessayer dans quelques secondes."),
	"error.crossorigin": tx("Documents can only be sent from this server's own upload page, not from another web site.", "Les documents ne peuvent être envoyés que depuis la page d'envoi de ce serveur, pas depuis un autre site web."),
	"error.nopage":      tx("This document has no preview for that page.", "Ce document n'a pas d'aperçu pour cette page."),
}
