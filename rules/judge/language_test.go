package judge

import (
	"strings"
	"testing"
)

// langSample is a text written for the language measurement and the language it is in.
type langSample struct{ Lang, Text string }

// langSamples: short labels, one-sentence notices and paragraphs in the style of French
// public documents, in French, English, Spanish and German (the README quotes the
// accuracy of candidate identifiers on these).
var langSamples = []langSample{
	// French: short labels, one sentence, one paragraph.
	{"fr", "Ordre du jour"},
	{"fr", "Compte rendu de la réunion"},
	{"fr", "Pièces justificatives à fournir"},
	{"fr", "Horaires d'ouverture de la mairie"},
	{"fr", "Le dossier doit être déposé avant le 15 mars."},
	{"fr", "Les inscriptions sont ouvertes jusqu'à la fin du mois."},
	{"fr", "Veuillez remplir ce formulaire et le renvoyer signé."},
	{"fr", "La commune a voté le budget primitif à l'unanimité."},
	{"fr", "Pour toute question, contactez le service de l'état civil par téléphone."},
	{"fr", "Le conseil municipal s'est réuni le mardi 4 juin en séance publique sous la présidence du maire. Après l'approbation du procès-verbal de la séance précédente, les élus ont examiné le projet de rénovation de l'école primaire et la demande de subvention auprès du département."},
	{"fr", "Les personnes en situation de handicap peuvent demander un aménagement des épreuves. La demande est adressée au médecin désigné par la commission, au plus tard à la date de clôture des inscriptions, accompagnée d'un certificat médical récent."},
	{"fr", "Cette aide est versée chaque mois aux familles qui ont au moins deux enfants à charge. Son montant dépend des ressources du foyer et du nombre d'enfants."},
	{"fr", "Rapport annuel sur la qualité de l'eau"},
	{"fr", "Merci de votre participation"},
	{"fr", "Direction départementale des territoires"},
	// English.
	{"en", "Table of contents"},
	{"en", "Minutes of the meeting"},
	{"en", "Supporting documents required"},
	{"en", "Opening hours of the town hall"},
	{"en", "The application must be submitted before 15 March."},
	{"en", "Registration is open until the end of the month."},
	{"en", "Please fill in this form and send it back signed."},
	{"en", "The council approved the annual budget unanimously."},
	{"en", "If you have any questions, call the registry office during working hours."},
	{"en", "The town council met on Tuesday 4 June in a public session chaired by the mayor. After approving the minutes of the previous meeting, members discussed the plan to renovate the primary school and the grant request to the county."},
	{"en", "Candidates with a disability may ask for adjusted examination conditions. The request goes to the doctor appointed by the board no later than the closing date, together with a recent medical certificate."},
	{"en", "This benefit is paid every month to families with at least two dependent children. The amount depends on household income and the number of children."},
	{"en", "Annual report on water quality"},
	{"en", "Thank you for taking part"},
	{"en", "Department of Transportation"},
	// Spanish.
	{"es", "Orden del día"},
	{"es", "Acta de la reunión"},
	{"es", "Documentos que debe presentar"},
	{"es", "Horario de atención del ayuntamiento"},
	{"es", "La solicitud debe presentarse antes del 15 de marzo."},
	{"es", "Las inscripciones están abiertas hasta final de mes."},
	{"es", "Por favor, rellene este formulario y envíelo firmado."},
	{"es", "El pleno aprobó el presupuesto anual por unanimidad."},
	{"es", "Para cualquier consulta, llame al registro civil en horario de oficina."},
	{"es", "El ayuntamiento se reunió el martes 4 de junio en sesión pública presidida por el alcalde. Tras aprobar el acta de la sesión anterior, los concejales estudiaron el proyecto de reforma de la escuela primaria y la solicitud de subvención a la diputación."},
	{"es", "Las personas con discapacidad pueden pedir una adaptación de las pruebas. La solicitud se dirige al médico designado por el tribunal, como muy tarde en la fecha de cierre de la inscripción, junto con un certificado médico reciente."},
	{"es", "Esta ayuda se paga cada mes a las familias que tienen al menos dos hijos a su cargo. La cuantía depende de los ingresos del hogar y del número de hijos."},
	{"es", "Informe anual sobre la calidad del agua"},
	{"es", "Gracias por su participación"},
	{"es", "Dirección General de Tráfico"},
	// German.
	{"de", "Tagesordnung"},
	{"de", "Protokoll der Sitzung"},
	{"de", "Erforderliche Unterlagen"},
	{"de", "Öffnungszeiten des Rathauses"},
	{"de", "Der Antrag muss vor dem 15. März eingereicht werden."},
	{"de", "Die Anmeldung ist bis zum Ende des Monats möglich."},
	{"de", "Bitte füllen Sie dieses Formular aus und senden Sie es unterschrieben zurück."},
	{"de", "Der Gemeinderat hat den Haushalt einstimmig beschlossen."},
	{"de", "Bei Fragen wenden Sie sich bitte telefonisch an das Standesamt."},
	{"de", "Der Gemeinderat trat am Dienstag, dem 4. Juni, unter dem Vorsitz des Bürgermeisters zu einer öffentlichen Sitzung zusammen. Nach der Genehmigung des Protokolls der letzten Sitzung berieten die Mitglieder über die Sanierung der Grundschule und den Förderantrag an den Landkreis."},
	{"de", "Menschen mit Behinderung können eine Anpassung der Prüfungsbedingungen beantragen. Der Antrag ist spätestens bis zum Anmeldeschluss mit einem aktuellen ärztlichen Attest an den von der Kommission benannten Arzt zu richten."},
	{"de", "Diese Leistung wird jeden Monat an Familien mit mindestens zwei unterhaltsberechtigten Kindern gezahlt. Die Höhe hängt vom Einkommen des Haushalts und von der Zahl der Kinder ab."},
	{"de", "Jahresbericht zur Wasserqualität"},
	{"de", "Vielen Dank für Ihre Teilnahme"},
	{"de", "Bundesministerium für Gesundheit"},
}

func TestIdentifyLanguageAccuracy(t *testing.T) {
	judged, right, sure, sureRight := 0, 0, 0, 0
	for _, s := range langSamples {
		g := IdentifyLanguage(s.Text)
		if g.Lang == "" {
			if len(strings.Fields(s.Text)) >= minJudgedWords {
				t.Errorf("%q not judged", s.Text)
			}
			continue
		}
		judged++
		if g.Lang == s.Lang {
			right++
		}
		if g.Sure {
			sure++
			if g.Lang == s.Lang {
				sureRight++
			} else {
				t.Errorf("sure but wrong: %q is %s, identified %s", s.Text, s.Lang, g.Lang)
			}
		}
	}
	t.Logf("judged %d/%d samples, %d right; sure on %d, %d right", judged, len(langSamples), right, sure, sureRight)
	if sure < 20 {
		t.Errorf("only %d samples long enough to be sure: thresholds too strict", sure)
	}
	// Unsure guesses only ask for a review; still, most of them must be right.
	if right*10 < judged*9 {
		t.Errorf("%d of %d judged samples right, want 90 %%", right, judged)
	}
}

func TestDeclaredLanguage(t *testing.T) {
	fr := "Le conseil municipal s'est réuni le mardi 4 juin en séance publique sous la présidence du maire."
	for _, c := range []struct {
		declared, text string
		want           Reason
		sure           bool
	}{
		{"fr-FR", fr, "", false},
		{"fr", fr, "", false},
		{"en-US", fr, OtherLanguage, true},
		{"de-DE", fr, OtherLanguage, true},
		{"en-GB", "Compte rendu de la réunion", OtherLanguage, false},
		{"en-US", "Ordre du jour", "", false}, // three words: judged, right or wrong it is short
		{"en-US", "Sommaire", "", false},      // one word: not judged
		{"ar", fr, "", false},                 // a language the identifier does not know
		{"x-none", fr, "", false},             // no language to compare with
		{"fr-FR", "Лорем ипсум долор сит амет консектетур", "", false}, // not Latin script
		{"es-ES", "La solicitud debe presentarse antes del 15 de marzo en el registro.", "", false},
	} {
		v, g := DeclaredLanguage(c.declared, c.text)
		if c.text == "Ordre du jour" {
			// A three-word label may be misidentified; it must never be a sure verdict.
			if v.Sure {
				t.Errorf("DeclaredLanguage(%q, %q) sure on three words (%s)", c.declared, c.text, g.Lang)
			}
			continue
		}
		if v.Reason != c.want || v.Sure != c.sure {
			t.Errorf("DeclaredLanguage(%q, %q) = %+v (guess %+v), want %q sure=%v", c.declared, c.text, v, g, c.want, c.sure)
		}
	}
}

func TestLanguageTag(t *testing.T) {
	for tag, want := range map[string]Reason{
		"fr": "", "fr-FR": "", "en-GB": "", "de-DE-1996": "", "FR-fr": "", "i-klingon": "", "es-419": "",
		"": Empty, "  ": Empty, "French!": IllFormed, "fr_FR": IllFormed, "en-": IllFormed, "пт": IllFormed,
		"zz": UnknownTag, "portugue": UnknownTag, "pt-1234abcd": UnknownTag,
		"und": Undetermined, "x-none": Undetermined, "zxx": Undetermined, "mul": Undetermined,
	} {
		if got := LanguageTag(tag).Reason; got != want {
			t.Errorf("LanguageTag(%q) = %q, want %q", tag, got, want)
		}
	}
	for tag, ok := range map[string]bool{"en": true, "fr-FR": true, "pt-1234abcd": true, "portugue": true,
		"": false, "portugues": false, "1en": false, "en-": false, "пт": false, "fr_FR": false} {
		if WellFormedTag(tag) != ok {
			t.Errorf("WellFormedTag(%q) = %v", tag, !ok)
		}
	}
	for tag, want := range map[string]string{"fr-FR": "fr", "EN": "en", "de-CH-1996": "de", "x-none": "", "zz": ""} {
		if got := BaseLanguage(tag); got != want {
			t.Errorf("BaseLanguage(%q) = %q, want %q", tag, got, want)
		}
	}
}

// TestPlainlyAgreesWithIdentifier: the function-word fast path of DeclaredLanguage
// only ever answers "written as declared", and on every sample where it answers, the
// identifier says the same; it answers for most paragraphs, which is what it is for.
func TestPlainlyAgreesWithIdentifier(t *testing.T) {
	answered, long := 0, 0
	for _, s := range langSamples {
		for _, declared := range []string{"fr", "en", "es", "de", "it", "pt", "nl"} {
			g, ok := plainly(declared, s.Text)
			if !ok {
				continue
			}
			if declared != s.Lang {
				t.Errorf("plainly(%q, %q) says it is written as declared; it is %s", declared, s.Text, s.Lang)
			}
			if id := IdentifyLanguage(s.Text); id.Lang != "" && id.Lang != g.Lang {
				t.Errorf("plainly says %s, the identifier %s: %q", g.Lang, id.Lang, s.Text)
			}
		}
		if _, ok := plainly(s.Lang, s.Text); ok {
			answered++
		}
		if len(strings.Fields(s.Text)) >= 15 {
			long++
		}
	}
	t.Logf("fast path answered %d of %d samples (%d of 15 words or more)", answered, len(langSamples), long)
	if answered < long {
		t.Errorf("fast path answered %d samples, fewer than the %d long ones", answered, long)
	}
}
