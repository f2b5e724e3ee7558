package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/office"
	"github.com/lab110bis/focusplus/pdfrender"
	"github.com/lab110bis/focusplus/report"
)

func init() { extraCommands = append(extraCommands, NewCmdDoctor) }

// DoctorOptions are the flags of `focus doctor`.
type DoctorOptions struct {
	IO    *IOStreams
	Lang  string
	Quick bool
}

// NewCmdDoctor builds `focus doctor`.
func NewCmdDoctor(ios *IOStreams, _ *checker.Engine) *cobra.Command {
	opts := &DoctorOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Say what this installation can do: PDF renderer, LibreOffice for DOCX/ODT pages",
		Long: `Check the parts Focus+ relies on and say plainly what works here:
the PDF page renderer (built in), and LibreOffice, the one optional component,
which gives DOCX and ODT documents their page previews, colour-blind views and
contrast measured on the rendered page. Without it every other check still runs.
A test document is converted to measure how long LibreOffice takes to start.

Vérifie les composants de Focus+ : le moteur de rendu PDF (intégré) et LibreOffice,
le seul composant optionnel, qui donne aux documents DOCX et ODT leurs aperçus de
pages, leurs vues daltoniennes et le contraste mesuré sur la page rendue. Sans lui,
toutes les autres vérifications fonctionnent.`,
		Example: `  focus doctor
  focus doctor --soffice /opt/libreoffice/program/soffice
  FOCUS_SOFFICE=off focus doctor     # as if LibreOffice were absent`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return doctorRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of messages: fr or en (default: from LC_ALL/LANG, else en)")
	cmd.Flags().BoolVar(&opts.Quick, "quick", false, "do not convert a test document (only look for LibreOffice)")
	return cmd
}

func doctorRun(ctx context.Context, opts *DoctorOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	lang, err := resolveLang(opts.Lang, opts.IO)
	if err != nil {
		return usageErrorf("--lang: %v", err)
	}
	out := opts.IO.Out
	sayText := func(ok bool, t checker.Text) {
		mark := "ok  "
		if !ok {
			mark = "--  "
		}
		fmt.Fprintln(out, mark+t.In(lang))
	}
	say := func(ok bool, en, fr string, args ...any) { sayText(ok, checker.Textf(en, fr, args...)) }
	say(true, "Focus+ %s: reads %s", "Focus+ %s : lit %s", report.Version, checker.SupportedFormats())
	if err := pdfrender.Warm(); err != nil {
		say(false, "PDF page renderer: unavailable (%v): PDF previews and rendered contrast are off",
			"Rendu des pages PDF : indisponible (%v) : aperçus et contraste rendu des PDF désactivés", err)
	} else if pdfrender.InWorkers() {
		say(true, "PDF page renderer: built in, in worker processes stopped at each document's deadline",
			"Rendu des pages PDF : intégré, dans des processus auxiliaires arrêtés à l'échéance de chaque document")
	} else {
		say(true, "PDF page renderer: built in, in this process (no worker process could be started)",
			"Rendu des pages PDF : intégré, dans ce processus (aucun processus auxiliaire n'a pu démarrer)")
	}
	conv, err := office.Default()
	if err != nil {
		sayText(false, checker.Text{En: "LibreOffice: not found. " + office.InstallHint.En, Fr: "LibreOffice : introuvable. " + office.InstallHint.Fr})
		fmt.Fprintln(out, checker.Text{
			En: "    Everything else works: DOCX and ODT are checked from their content, without page views.",
			Fr: "    Tout le reste fonctionne : les DOCX et ODT sont vérifiés d'après leur contenu, sans vue des pages.",
		}.In(lang))
		return nil
	}
	say(true, "LibreOffice: %s", "LibreOffice : %s", conv.Binary)
	if opts.Quick {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, conv.Timeout+time.Minute)
	defer cancel()
	if v, err := conv.Version(ctx); err == nil {
		say(true, "LibreOffice version: %s", "Version de LibreOffice : %s", v)
	}
	took, err := conv.SelfTest(ctx)
	if err != nil {
		why := office.Reason(err)
		sayText(false, checker.Text{En: "LibreOffice could not convert a test document: " + why.En, Fr: "LibreOffice n'a pas pu convertir un document de test : " + why.Fr})
		return &exitError{code: exitUnreadable}
	}
	say(true, "DOCX/ODT page views: on (a one-page document took %s; each conversion runs in its own profile, %s deadline, %s memory limit, no network)",
		"Vues des pages DOCX/ODT : actives (un document d'une page a pris %s ; chaque conversion a son propre profil, une limite de %s, %s de mémoire, sans réseau)",
		took.Round(10*time.Millisecond), conv.Timeout, checker.HumanBytes(conv.MemoryLimit))
	return nil
}
