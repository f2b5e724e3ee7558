package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/pngio"
	"github.com/lab110bis/focusplus/office"
	"github.com/lab110bis/focusplus/pdfrender"
	"github.com/lab110bis/focusplus/simulate"
)

func init() { extraCommands = append(extraCommands, NewCmdSimulate) }

// SimulateOptions are the flags and argument of `focus simulate`.
type SimulateOptions struct {
	IO     *IOStreams
	Engine *checker.Engine

	Input      string
	Deficiency string
	Severity   float64
	Model      string
	Page       int
	Output     string
	All        bool
	SideBySide bool
}

// allDeficiencies is the order of --all and of side-by-side panels.
var allDeficiencies = []string{"protan", "deutan", "tritan", "achromatopsia", "blue-cone"}

// NewCmdSimulate builds `focus simulate`.
func NewCmdSimulate(ios *IOStreams, engine *checker.Engine) *cobra.Command {
	opts := &SimulateOptions{IO: ios, Engine: engine}
	cmd := &cobra.Command{
		Use:   "simulate [flags] INPUT",
		Short: "Show an image or a page (PDF, DOCX, ODT) as a colour-blind reader sees it (PNG out)",
		Long: `Render an image (PNG, JPEG, GIF first frame, WebP, TIFF, BMP) or a page of a PDF,
DOCX or ODT as a reader with a colour-vision deficiency sees it, and write a PNG (the
exact pixels), or a JPEG when -o ends in .jpg or .jpeg (smaller, approximate: quality 90,
transparency flattened on white). DOCX and ODT pages are laid out by LibreOffice (see
focus doctor).

Affiche une image ou une page (PDF, DOCX, ODT) telle qu'une personne daltonienne la
voit, en PNG (pixels exacts) ou en JPEG si -o finit par .jpg ou .jpeg (plus léger,
approché) ; les pages DOCX et ODT sont mises en page par LibreOffice (voir focus doctor).

Models: Machado 2009 (protan, deutan, tritan at any severity), Viénot 1999 (full
protanopia and deuteranopia), Brettel 1997 (tritan); --model auto picks the one the
research recommends for the deficiency and severity.`,
		Example: `  focus simulate --deficiency deutan -o poster-deutan.png poster.png
  focus simulate --deficiency protan --severity 0.6 --page 2 -o p2.png report.pdf
  focus simulate --deficiency tritan --page 1 -o note-p1.png note.docx
  focus simulate --all -o chart.png chart.png            # chart-protan.png, chart-deutan.png, ...
  focus simulate --side-by-side -o compare.png chart.png  # original and deutan in one image
  focus simulate -o photo-deutan.jpg photo.jpg            # JPEG out`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			return simulateRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Deficiency, "deficiency", "deutan", "protan, deutan, tritan, achromatopsia or blue-cone (aliases protanopia, deuteranopia, tritanopia)")
	f.Float64Var(&opts.Severity, "severity", 1, "0 (normal vision) to 1 (full dichromacy)")
	f.StringVar(&opts.Model, "model", "auto", "auto, machado, vienot or brettel")
	f.IntVar(&opts.Page, "page", 1, "page of a PDF, DOCX or ODT (1-based)")
	f.StringVarP(&opts.Output, "output", "o", "", "output `FILE`: .png, or .jpg/.jpeg for JPEG (default: PNG on standard output)")
	f.BoolVar(&opts.All, "all", false, "write one image per deficiency, named after -o (FILE-protan.png, ...)")
	f.BoolVar(&opts.SideBySide, "side-by-side", false, "write the original and the simulation side by side in one labelled image")
	return cmd
}

func simulateRun(ctx context.Context, opts *SimulateOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	model, err := simulate.ParseModel(opts.Model)
	if err != nil {
		return usageErrorf("--model: %v", err)
	}
	if !(opts.Severity >= 0 && opts.Severity <= 1) {
		return usageErrorf("--severity must be between 0 and 1")
	}
	ext := filepath.Ext(opts.Output)
	format, err := outputFormat(ext)
	if err != nil {
		return usageErrorf("-o %s: %v", opts.Output, err)
	}
	names := []string{opts.Deficiency}
	if opts.All {
		names = allDeficiencies
		if opts.Output == "" || opts.Output == "-" {
			return usageErrorf("--all writes several files: give -o FILE.png to name them")
		}
	}
	var sims []*simulate.Simulator
	for _, n := range names {
		d, err := simulate.ParseDeficiency(n)
		if err != nil {
			return usageErrorf("--deficiency: %v", err)
		}
		s, err := simulate.New(simulate.Params{Deficiency: d, Severity: opts.Severity, Model: model})
		if err != nil {
			return usageErrorf("%v", err)
		}
		sims = append(sims, s)
	}

	src, err := readSimulationInput(ctx, opts)
	if err != nil {
		return &exitError{code: exitUnreadable, err: err}
	}
	for i, s := range sims {
		var img image.Image
		switch {
		case opts.SideBySide:
			img = sideBySide(src, s.Image(src), fmt.Sprintf("%s %.0f%% (%s)", names[i], 100*opts.Severity, s.Model()))
		case len(sims) == 1:
			img = simulateInPlace(s, src) // the original is not needed again
		default:
			img = s.Image(src)
		}
		path := opts.Output
		if opts.All {
			suffix := ".png"
			if format == jpegOutput {
				suffix = ext
			}
			path = strings.TrimSuffix(path, ext) + "-" + names[i] + suffix
		}
		if err := writeImage(opts.IO.Out, path, img, format); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		if path != "" && path != "-" {
			fmt.Fprintf(opts.IO.ErrOut, "%s (%s, %s)\n", path, names[i], s.Model())
		}
	}
	return nil
}

// simulateInPlace returns src as the reader sees it, written over src's own pixels when
// that gives the pixels Simulator.Image gives: a straight-alpha image, or a premultiplied
// one that is opaque (premultiplying changes nothing then). A 12-megapixel photo saves
// 48 MB and the time to clear it.
func simulateInPlace(s *simulate.Simulator, src image.Image) image.Image {
	switch m := src.(type) {
	case *image.NRGBA:
		s.ApplyNRGBA(m)
		return m
	case *image.RGBA:
		if m.Opaque() {
			s.Apply(m)
			return m
		}
	}
	return s.Image(src)
}

// readSimulationInput returns the image to simulate: the first frame of an image, or a
// rendered PDF page. Limits and the document deadline apply as for `focus check`.
func readSimulationInput(ctx context.Context, opts *SimulateOptions) (image.Image, error) {
	data, err := readLimited(opts.Input, opts.IO.In, opts.Engine.Limits.MaxBytes)
	if err != nil {
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, opts.Engine.Limits.DocumentTimeout)
	defer cancel()
	doc, lerr := opts.Engine.Load(ctx, opts.Input, data)
	if lerr != nil {
		return nil, fmt.Errorf("%s: %s", opts.Input, lerr.Msg.En)
	}
	if pc, ok := doc.Content.(interface {
		PageCount(context.Context) (int, error)
	}); ok {
		// A DOCX or ODT is laid out by LibreOffice first. Converting is all this command
		// does, so LibreOffice gets its own deadline (the converter's), not a share of
		// the document's; the drawing below reuses the conversion.
		n, err := pc.PageCount(parent)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", opts.Input, office.Reason(err).En)
		}
		if opts.Page < 1 || opts.Page > n {
			return nil, fmt.Errorf("%s: page %d is not in the document (%d pages as LibreOffice lays it out)", opts.Input, opts.Page, n)
		}
		// Drawing the page has the document's time from now on.
		ctx, cancel = context.WithTimeout(parent, opts.Engine.Limits.DocumentTimeout)
		defer cancel()
	}
	var page image.Image
	ok, err := checker.PageImages(ctx, doc, []int{opts.Page}, pdfrender.PreviewDPI, func(_ int, img image.Image, _ float64) error {
		page = img
		return nil
	})
	if !ok {
		return nil, fmt.Errorf("%s: a %s document has no pages to simulate here; export it to PDF and simulate a page of the PDF",
			opts.Input, strings.ToUpper(string(doc.Format)))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", opts.Input, err)
	}
	return page, nil
}

// readLimited reads the file at path ("-": in) whole, refusing one over max bytes. A
// regular file is sized first and read in one go (no growing buffer); standard input
// and other streams are read through a limit.
func readLimited(path string, in io.Reader, max int64) ([]byte, error) {
	tooBig := func() error { return fmt.Errorf("%s: over the %s limit", path, checker.HumanBytes(max)) }
	if path != "-" {
		fi, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		if fi.Mode().IsRegular() {
			if fi.Size() > max {
				return nil, tooBig()
			}
			data, err := os.ReadFile(path)
			if err == nil && int64(len(data)) > max { // grew since the Stat
				return nil, tooBig()
			}
			return data, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, max+1))
	if err == nil && int64(len(data)) > max {
		return nil, tooBig()
	}
	return data, err
}

// outputKind is the file format -o asks for by its extension.
type outputKind int

const (
	pngOutput outputKind = iota
	jpegOutput
)

// outputFormat is the format for an -o extension: JPEG for .jpg and .jpeg, PNG for any
// other (as before there was a choice); WebP has no encoder here and is refused.
func outputFormat(ext string) (outputKind, error) {
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg":
		return jpegOutput, nil
	case ".webp":
		return 0, fmt.Errorf("WebP cannot be written (no encoder); write .png or .jpg")
	}
	return pngOutput, nil
}

// jpegQuality keeps the colours close to the simulation's (JPEG is never exact: for the
// exact pixels, write PNG).
const jpegQuality = 90

// writeImage streams img to path ("" or "-": stdout) in the format asked for; a file left half written by an error is removed. PNG is filtered and deflated on
// every core at the fastest settings (the same pixels at any level, only the file size
// differs).
func writeImage(stdout io.Writer, path string, img image.Image, format outputKind) error {
	encode := pngio.Encode
	if format == jpegOutput {
		encode = func(w io.Writer, img image.Image) error {
			return jpeg.Encode(w, onWhite(img), &jpeg.Options{Quality: jpegQuality})
		}
	}
	if path == "" || path == "-" {
		w := bufio.NewWriterSize(stdout, 1<<16)
		if err := encode(w, img); err != nil {
			return err
		}
		return w.Flush()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = encode(w, img)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// onWhite returns img as an opaque RGBA image, translucent pixels composed over white
// as a page shows them: JPEG has no alpha, and image/jpeg reads RGBA fastest.
func onWhite(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok && m.Opaque() {
		return m
	}
	b := img.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, image.White, image.Point{}, draw.Src)
	draw.Draw(out, b, img, b.Min, draw.Over)
	return out
}

// sideBySide puts the original and the simulation next to each other, each under a
// caption, so the two can be compared in any image viewer.
func sideBySide(orig, sim image.Image, label string) image.Image {
	const caption, gap = 20, 8
	b := orig.Bounds()
	w, h := b.Dx(), b.Dy()
	out := image.NewRGBA(image.Rect(0, 0, 2*w+gap, h+caption))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(out, image.Rect(0, caption, w, caption+h), orig, b.Min, draw.Over)
	draw.Draw(out, image.Rect(w+gap, caption, 2*w+gap, caption+h), sim, sim.Bounds().Min, draw.Over)
	writeLabel(out, 4, 14, "original")
	writeLabel(out, w+gap+4, 14, label)
	return out
}

func writeLabel(img *image.RGBA, x, y int, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: basicfont.Face7x13,
		Dot: fixed.P(x, y)}
	d.DrawString(s)
}
