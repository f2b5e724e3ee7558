package checker

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Format is the name of a file format as recognised from content: the "format" field of
// the JSON report ("pdf", "docx", "png"...). FormatUnknown is the name of anything no
// registered format claims.
type Format string

// FormatUnknown is reported for content no registered format recognises, or that its
// format refused (a spreadsheet in a zip, a macro-enabled Word file).
const FormatUnknown Format = "unknown"

// Kind is a document model that rules read: a rule lists the kinds it needs, a format
// lists the kinds its loaded documents offer. The model's package names the kind; the
// engine never does.
type Kind string

// FileFormat is one format Focus+ reads, registered by its own package like a rule: the
// engine, the command line, the web server and the reports only ever see this value.
type FileFormat struct {
	Name  Format // the JSON "format" field
	Title string // how people name it ("PDF", "DOCX", "ODT"), for messages
	// Kinds are the document models a loaded document offers; a rule runs on the
	// document when it needs one of them.
	Kinds []Kind
	// Extensions (".pdf") are the names that claim the format: a walked file with one is
	// checked even when its content is not recognised, so a damaged file is reported.
	Extensions []string
	MediaTypes []string
	// Sniff recognises the format from the first SniffLen bytes, never from the name.
	Sniff func(head []byte) bool
	// Fallback formats are tried after every other: their Sniff recognises a container
	// (any zip) that a more precise format may claim first.
	Fallback bool
	// Picture is set for formats whose document is one picture rather than pages.
	Picture bool
	Load    Loader
	// Prepare, when set, is called as a document of the format is about to be loaded,
	// so that a slow helper the checks will need (a page renderer) starts while the
	// document is parsed rather than after. It must return at once.
	Prepare func()
}

var registry struct {
	sync.RWMutex
	formats []*FileFormat
}

// RegisterFormat makes a format known to every engine. Format packages call it from
// init, so importing the package is all it takes to read the format. It panics on a
// duplicate name, as a programming error.
func RegisterFormat(f *FileFormat) {
	registry.Lock()
	defer registry.Unlock()
	if f.Name == "" || f.Name == FormatUnknown || f.Sniff == nil || f.Load == nil {
		panic("checker: incomplete format registration " + string(f.Name))
	}
	for _, g := range registry.formats {
		if g.Name == f.Name {
			panic("checker: format " + string(f.Name) + " registered twice")
		}
	}
	registry.formats = append(registry.formats, f)
	// Precise formats first, then containers; by name otherwise, so sniffing does not
	// depend on the order packages happen to be initialised in.
	sort.SliceStable(registry.formats, func(i, j int) bool {
		a, b := registry.formats[i], registry.formats[j]
		if a.Fallback != b.Fallback {
			return !a.Fallback
		}
		return a.Name < b.Name
	})
}

// Formats returns the registered formats, precise ones first.
func Formats() []*FileFormat {
	registry.RLock()
	defer registry.RUnlock()
	return slices.Clone(registry.formats)
}

// LookupFormat returns the registered format with that name, or nil.
func LookupFormat(name Format) *FileFormat {
	for _, f := range Formats() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// sniffIn returns the first format of fs that recognises head, or nil.
func sniffIn(fs []*FileFormat, head []byte) *FileFormat {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	for _, f := range fs {
		if f.Sniff(head) {
			return f
		}
	}
	return nil
}

// Sniff names the registered format of a document from its first bytes, never from its
// name; FormatUnknown when none recognises it.
func Sniff(head []byte) Format {
	if f := sniffIn(Formats(), head); f != nil {
		return f.Name
	}
	return FormatUnknown
}

// SniffLen is how many leading bytes Sniff needs.
const SniffLen = 1024

// KnownExtension reports whether a file name claims a format Focus+ reads. A file that
// claims one but whose content is not is a document error; other unknown files are
// skipped when walking folders.
func KnownExtension(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range Formats() {
		if slices.Contains(f.Extensions, ext) {
			return true
		}
	}
	return false
}

// IsPicture reports whether documents of the named format are one picture, shown
// without page numbers.
func IsPicture(name Format) bool {
	f := LookupFormat(name)
	return f != nil && f.Picture
}

// SupportedFormats lists the titles of the registered formats for messages: "PDF, DOCX,
// ODT, PNG...".
func SupportedFormats() string {
	return supportedIn(Formats())
}

func supportedIn(fs []*FileFormat) string {
	var titles []string
	// Documents before pictures.
	for _, pictures := range []bool{false, true} {
		for _, f := range fs {
			t := f.Title
			if t == "" {
				t = strings.ToUpper(string(f.Name))
			}
			if f.Picture == pictures && !slices.Contains(titles, t) {
				titles = append(titles, t)
			}
		}
	}
	return strings.Join(titles, ", ")
}

// Unsupported is the error a loader returns for content it recognises as something
// Focus+ does not read (a spreadsheet, a macro-enabled document): the report names the
// format "unknown" and lists the formats that are read, never another format.
func Unsupported(en, fr string, args ...any) error {
	return &LoadError{Msg: Textf(en, fr, args...), Unsupported: true}
}

// FormatsOffering names the registered formats whose documents offer one of the kinds:
// the formats a rule applies to, kind by kind, alphabetically within a kind. A kind no
// registered format offers is named as is.
func FormatsOffering(kinds []Kind) []string {
	var out []string
	fs := Formats()
	for _, k := range kinds {
		var names []string
		for _, f := range fs {
			if slices.Contains(f.Kinds, k) {
				names = append(names, string(f.Name))
			}
		}
		if len(names) == 0 {
			names = []string{string(k)}
		}
		sort.Strings(names)
		for _, n := range names {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}
