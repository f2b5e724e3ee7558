package pdf

import (
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
	"github.com/lab110bis/focusplus/rules/judge"
)

// LinkText checks that what a screen reader announces for each link says where it goes:
// the visible text of the Link tag (or its ActualText, Alt, then the annotation's
// Contents when the tag holds no text). Whether the link also has an alternate
// description is PDF/UA's question (PDF-LINKS), not the reader's.
var LinkText = &checker.Rule{
	ID:    "PDF-LINK-TEXT",
	Title: checker.Text{En: "Link text says where the link goes", Fr: "Le texte des liens indique leur destination"},
	Why: checker.Text{
		En: "Screen-reader users list the links of a document and pick one by its text: ten links called \"click here\" or \"en savoir plus\" are indistinguishable, a long address is spelled out character by character, and a link made of a full stop is announced as just \"link\".",
		Fr: "Les utilisateurs de lecteur d'écran affichent la liste des liens et choisissent par leur texte : dix liens « cliquez ici » ou « en savoir plus » sont indiscernables, une longue adresse est épelée caractère par caractère et un lien fait d'un point est annoncé « lien » sans plus.",
	},
	Fix: checker.Text{
		En: "In the source document, write where the link leads as its text (Word: right-click the link > Edit Hyperlink > Text to display; LibreOffice Writer: Edit Hyperlink > Text), then export the PDF again. In Acrobat, edit the text with Edit PDF, or give the Link tag an Alternate Text that says where it leads (Tags panel > Properties).",
		Fr: "Dans le document source, écrivez comme texte du lien où il mène (Word : clic droit sur le lien > Modifier le lien hypertexte > Texte à afficher ; LibreOffice Writer : Éditer l'hyperlien > Texte), puis exportez de nouveau le PDF. Dans Acrobat, modifiez le texte avec Modifier le PDF, ou donnez à la balise Link un texte de remplacement qui dit où il mène (panneau Balises > Propriétés).",
	},
	Affects:  []checker.Audience{checker.Blind, checker.Cognitive},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.4.4"}, EN301549: []string{"10.2.4.4"}, RGAA: []string{"6.1"},
	},
	Run: runLinkText,
}

// linkName is what a screen reader announces for a Link element.
func linkName(contents map[*pdfdoc.Elem]string, e *pdfdoc.Elem) string {
	if t := strings.TrimSpace(elemText(e)); t != "" {
		return t
	}
	if e.HasAlt && strings.TrimSpace(e.Alt) != "" {
		return e.Alt
	}
	return contents[e]
}

// annotContents maps each structure element to the first non-empty Contents of the
// annotations it holds, and to the first web address they lead to.
func annotContents(d *pdfdoc.Doc) (contents, uris map[*pdfdoc.Elem]string) {
	contents, uris = map[*pdfdoc.Elem]string{}, map[*pdfdoc.Elem]string{}
	for _, pg := range d.Pages {
		for _, a := range pg.Annots {
			if a.Parent == nil {
				continue
			}
			if a.HasContents && strings.TrimSpace(a.Contents) != "" && contents[a.Parent] == "" {
				contents[a.Parent] = a.Contents
			}
			if a.URI != "" && uris[a.Parent] == "" {
				uris[a.Parent] = a.URI
			}
		}
	}
	return contents, uris
}

func runLinkText(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	type group struct {
		first *pdfdoc.Elem
		text  string
		v     judge.Verdict
		n     int
	}
	groups := map[string]*group{}
	var order []string
	contents, uris := annotContents(d)
	var links []judge.Link
	firstWith := map[string]*pdfdoc.Elem{}
	for _, e := range d.Elems {
		if e.Type != "Link" {
			continue
		}
		text := linkName(contents, e)
		v := judge.LinkText(text)
		if v.OK() {
			p.Pass(1)
			if u := uris[e]; u != "" {
				links = append(links, judge.Link{Text: text, Target: u})
				if k := judge.LinkKey(text); firstWith[k] == nil {
					firstWith[k] = e
				}
			}
			continue
		}
		// One finding per text: a document with forty "ici" says it once, with the count.
		key := string(v.Reason) + "\x00" + judge.LinkKey(text)
		g := groups[key]
		if g == nil {
			g = &group{first: e, text: text, v: v}
			groups[key] = g
			order = append(order, key)
		}
		g.n++
	}
	for _, k := range order {
		g := groups[k]
		data := map[string]string{"text": g.text, "reason": string(g.v.Reason), "count": itoa(g.n)}
		times := checker.Text{}
		if g.n > 1 {
			times = checker.Plural(g.n, " (%d link)", " (%d links)", " (%d lien)", " (%d liens)")
		}
		var msg checker.Text
		switch g.v.Reason {
		case judge.Empty:
			msg = checker.Textf("A link has no text: it is announced as just \"link\"", "Un lien n'a pas de texte : il est annoncé « lien » sans plus")
		case judge.Punctuation:
			msg = checker.Textf("The link text %q is only punctuation: it is announced as just \"link\"", "Le texte du lien %q n'est que de la ponctuation : il est annoncé « lien » sans plus", g.text)
		case judge.Vague:
			msg = checker.Textf("The link text %q does not say where the link goes", "Le texte du lien %q ne dit pas où il mène", g.text)
		case judge.BareURL:
			msg = checker.Textf("The link text is an address (%q): a screen reader spells it out; fine when the sentence around it or the site's name says where it leads, otherwise give it words",
				"Le texte du lien est une adresse (%q) : un lecteur d'écran l'épelle ; acceptable si la phrase qui l'entoure ou le nom du site dit où il mène, sinon donnez-lui des mots", quote(g.text))
		}
		msg = checker.Text{En: msg.En + times.En, Fr: msg.Fr + times.Fr}
		if g.v.Sure {
			p.Fail(elemLoc(g.first), msg, data)
		} else {
			p.Review(elemLoc(g.first), msg, data)
		}
	}
	sameText(p, links, firstWith)
}

// sameText reviews link texts used for different web addresses: in a list of links
// they cannot be told apart (WCAG 2.4.4, RGAA 6.1). The surrounding sentence may tell
// them apart, hence a review.
func sameText(p *checker.Pass, links []judge.Link, firstWith map[string]*pdfdoc.Elem) {
	groups := judge.SameTextOtherTargets(links)
	if len(groups) == 0 {
		return
	}
	var texts []string
	for t := range groups {
		texts = append(texts, t)
	}
	sort.Strings(texts)
	first := texts[0]
	targets := groups[first]
	p.Review(elemLoc(firstWith[judge.LinkKey(first)]), checker.Textf(
		"%s to different places (%q goes to %d addresses, such as %s and %s): check that the sentence around each says which is which",
		"%s à des endroits différents (%q mène à %d adresses, comme %s et %s) : vérifiez que la phrase autour de chacun dit lequel est lequel",
		checker.Plural(len(texts), "%d link text leads", "%d link texts lead", "%d texte de lien mène", "%d textes de lien mènent"),
		quote(first), len(targets), quote(targets[0]), quote(targets[1])),
		map[string]string{"count": itoa(len(texts)), "text": first})
}
