package judge

import (
	"regexp"
	"strings"
)

// vagueLinks are link texts that do not say where a link goes, in the languages of the
// documents Focus+ reads (French first, then English, Spanish, German, Italian). They
// are compared after Normalize.
var vagueLinks = setOf(
	// French
	"cliquez ici", "cliquer ici", "clique ici", "cliquez", "cliquer", "en cliquant ici", "cliquez sur ce lien",
	"ici", "par ici", "ce lien", "lien", "le lien", "lien ici", "en savoir plus", "pour en savoir plus", "savoir plus",
	"plus", "lire la suite", "la suite", "suite", "lire plus", "voir", "voir plus", "voir ici", "voir le lien",
	"détails", "plus de détails", "plus d'infos", "plus d'info", "plus d'informations", "infos", "info",
	"télécharger", "téléchargez", "téléchargez ici", "télécharger ici", "accéder", "accès", "consulter",
	"cette page", "page", "site", "ce site", "document", "ce document", "fichier", "disponible ici",
	// English
	"click here", "click", "here", "click this link", "this link", "link", "more", "read more", "learn more",
	"more info", "more information", "more details", "details", "see more", "view more", "view", "go",
	"continue", "download", "download here", "this page", "page", "website", "this", "info", "file",
	// Spanish
	"aquí", "aqui", "haga clic aquí", "haz clic aquí", "pulse aquí", "pinche aquí", "clic aquí", "clic",
	"más", "leer más", "ver más", "más información", "saber más", "enlace", "este enlace", "descargar",
	"detalles",
	// German
	"hier", "klicken sie hier", "hier klicken", "klicken", "mehr", "weiterlesen", "mehr lesen",
	"mehr erfahren", "mehr informationen", "mehr infos", "dieser link", "herunterladen", "weiter",
	// Italian
	"qui", "clicca qui", "leggi di più", "di più", "scarica",
)

var (
	bareURL = regexp.MustCompile(`(?i)^((https?|ftp)://|www\.)\S+$`)
	// A domain with maybe a path, written without the scheme ("service-public.fr/particuliers").
	bareDomain = regexp.MustCompile(`(?i)^[a-z0-9-]+(\.[a-z0-9-]+)*\.(fr|com|org|net|eu|gouv\.fr|gov|int|info|be|ch|de|es|it|uk)(/\S*)?$`)
)

// LinkText judges the text of a link as a listener hears it in a list of links
// (WCAG 2.4.4). An empty text, punctuation alone and the words of vagueLinks are sure
// failures. A bare address is only probable: a screen reader spells it out, but the
// sentence around it, or the site's name in it, may tell where it leads (WCAG 2.4.4 takes
// the link's context into account).
func LinkText(text string) Verdict {
	s := strings.TrimSpace(text)
	low := Normalize(s)
	switch {
	case s == "":
		return sure(Empty)
	case !meaningful(s):
		return sure(Punctuation)
	case vagueLinks[low]:
		return sure(Vague)
	case bareURL.MatchString(s) || bareDomain.MatchString(s):
		return probably(BareURL)
	}
	return fine()
}

// LinkKey is what two link texts share when a listener cannot tell them apart.
func LinkKey(text string) string { return Normalize(text) }

// LinkTarget folds a link target for comparison: "https://Exemple.fr/a/" and
// "https://exemple.fr/a" lead to the same place.
func LinkTarget(target string) string {
	t := strings.TrimSpace(target)
	if i := strings.Index(t, "://"); i >= 0 {
		rest := t[i+3:]
		j := strings.IndexAny(rest, "/?#")
		if j < 0 {
			j = len(rest)
		}
		t = strings.ToLower(t[:i+3]+rest[:j]) + rest[j:]
	}
	return strings.TrimSuffix(t, "/")
}

// Link is a link as the judges see it.
type Link struct{ Text, Target string }

// SameTextOtherTargets groups the links whose texts a listener cannot tell apart but
// which lead to different places (WCAG 2.4.4, RGAA 6.1): the result maps a text (as
// first written) to its distinct targets, for texts with two targets or more. Empty and
// vague texts are left out: LinkText already reports them.
func SameTextOtherTargets(links []Link) map[string][]string {
	type group struct {
		text    string
		targets []string
		seen    map[string]bool
	}
	groups := map[string]*group{}
	var order []string
	for _, l := range links {
		if !LinkText(l.Text).OK() {
			continue
		}
		k := LinkKey(l.Text)
		g := groups[k]
		if g == nil {
			g = &group{text: strings.TrimSpace(l.Text), seen: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		if t := LinkTarget(l.Target); t != "" && !g.seen[t] {
			g.seen[t] = true
			g.targets = append(g.targets, l.Target)
		}
	}
	out := map[string][]string{}
	for _, k := range order {
		if g := groups[k]; len(g.targets) > 1 {
			out[g.text] = g.targets
		}
	}
	return out
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Normalize(w)] = true
	}
	return m
}
