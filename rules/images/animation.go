package images

import (
	"fmt"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/imagedoc"
)

// LongAnimation is WCAG 2.2.2 Pause, Stop, Hide: moving content that starts by itself and
// lasts more than five seconds needs a way to stop it. An image placed in a document has
// no such control, so it must stop by itself within five seconds.
var LongAnimation = &checker.Rule{
	ID: "IMG-ANIMATION-LENGTH",
	Title: checker.Text{
		En: "Animation stops by itself within 5 seconds",
		Fr: "L'animation s'arrête d'elle-même en moins de 5 secondes",
	},
	Why: checker.Text{
		En: "Movement that never stops pulls the eye away from the text: readers with attention disorders or dyslexia lose their place, and people with vestibular disorders can feel sick. An animated image in a document or a page offers no button to stop it.",
		Fr: "Un mouvement qui ne s'arrête pas détourne le regard du texte : les personnes ayant des troubles de l'attention ou une dyslexie perdent le fil, et celles ayant des troubles vestibulaires peuvent se sentir mal. Une image animée dans un document n'offre aucun bouton pour l'arrêter.",
	},
	Fix: checker.Text{
		En: "Make the animation play once and last at most 5 seconds: in GIMP, Filters > Animation > Optimize, then export as GIF with \"Loop forever\" unchecked; in Photoshop, set Looping Options to \"Once\" in the Timeline panel. Or use a still image.",
		Fr: "Faites jouer l'animation une seule fois et au plus 5 secondes : dans GIMP, Filtres > Animation > Optimiser, puis exportez en GIF en décochant « Boucler indéfiniment » ; dans Photoshop, réglez les options de boucle sur « Une fois » dans le panneau Montage. Ou utilisez une image fixe.",
	},
	Affects:  []checker.Audience{checker.Cognitive, checker.Photosensitive},
	Severity: checker.Warning,
	Kinds:    []checker.Kind{imagedoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"2.2.2"}, EN301549: []string{"10.2.2.2"}, RGAA: []string{"13.8"},
	},
	Run: runLongAnimation,
}

// maxAutoMotion is the five seconds of WCAG 2.2.2.
const maxAutoMotion = 5 * time.Second

func runLongAnimation(p *checker.Pass) {
	im := p.Doc.Content.(*imagedoc.Image)
	if im.AnimatedElsewhere {
		p.Review(checker.Location{}, checker.Textf(
			"The image is an animated PNG or WebP, which Focus+ cannot play yet: check that it stops within 5 seconds.",
			"L'image est un PNG ou WebP animé, que Focus+ ne sait pas encore lire : vérifiez qu'elle s'arrête en moins de 5 secondes."), nil)
		return
	}
	if im.Anim == nil {
		return
	}
	forever, plays := im.Loops()
	one := im.Duration()
	data := map[string]string{"frames": fmt.Sprint(im.Frames()), "duration": fmt.Sprintf("%.2f", one.Seconds())}
	switch {
	case forever:
		data["loop"] = "forever"
		p.Fail(checker.Location{}, checker.Textf(
			"The animation (%s, %.1f s) loops forever and cannot be stopped",
			"L'animation (%s, %.1f s) tourne en boucle sans fin et ne peut pas être arrêtée",
			checker.Plural(im.Frames(), "%d frame", "%d frames", "%d image", "%d images"), one.Seconds()), data)
	case time.Duration(plays)*one > maxAutoMotion:
		data["plays"] = fmt.Sprint(plays)
		p.Fail(checker.Location{}, checker.Textf(
			"The animation plays for %.1f s in all (%d × %.1f s), more than 5 s, and cannot be stopped",
			"L'animation dure %.1f s au total (%d × %.1f s), plus de 5 s, et ne peut pas être arrêtée",
			(time.Duration(plays)*one).Seconds(), plays, one.Seconds()), data)
	default:
		p.Pass(1)
	}
}
