package judge

import (
	"regexp"
	"strings"
)

var (
	// The name of the application a converter put before the file name.
	titleAppPrefix = regexp.MustCompile(`(?i)^(microsoft (office )?(word|powerpoint|excel|publisher)|word|powerpoint|excel|libreoffice|openoffice\.org|writer|impress)\s*[-–—:]\s*`)
	// Names authoring tools give a new file, in the languages Focus+ reads.
	titlePlaceholder = regexp.MustCompile(`(?i)^(document|doc|dokument|documento|untitled|sans titre|sin título|sin titulo|unbenannt|senza titolo|sans nom|new document|nouveau document|neues dokument|nuevo documento|titre|title|titel|título|titolo|titre du document|document title|title of the document|votre titre|your title here|insérer le titre|type the document title|diapositive|slide|folie|diapositiva|présentation|presentation|präsentation|presentación|presentazione|présentation powerpoint|powerpoint presentation|classeur|book|mappe|libro|modèle|template|vorlage|plantilla|document microsoft word|microsoft word document|objet|subject)[ _-]?\d*$`)
	// A file name with an office, PDF or web extension.
	titleFileName = regexp.MustCompile(`(?i)^\S.*\.(docx?|dotx?|odt|ott|pdf|pptx?|odp|xlsx?|ods|rtf|txt|indd|qxp|pub|html?|xml|tex)$`)
	// One token joined by underscores or hyphens with a digit: "CR_CA_2024-03", "rapport-final-v3".
	titleFileLike = regexp.MustCompile(`^[\p{L}\p{N}]+([_.-][\p{L}\p{N}]+)*$`)
)

// Title judges a document title as a screen reader announces it when the document
// opens and a reader sees it in the window or tab (WCAG 2.4.2).
func Title(title string) Verdict {
	s := strings.Join(strings.Fields(title), " ")
	switch {
	case s == "":
		return sure(Empty)
	case !meaningful(s):
		return sure(Punctuation)
	case titleAppPrefix.MatchString(s):
		return sure(AppPrefix)
	case titleFileName.MatchString(s):
		return sure(FileName)
	case titlePlaceholder.MatchString(Normalize(s)):
		return sure(Placeholder)
	case titleFileLike.MatchString(s) && strings.ContainsAny(s, "_") && strings.ContainsAny(s, "0123456789"):
		return probably(FileName)
	}
	return fine()
}
