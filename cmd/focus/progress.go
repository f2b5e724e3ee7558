package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// progressBar draws "[=====>    ] 120/2000  35.2 docs/s  ETA 53s" on one terminal line.
// A nil bar does nothing, so callers need no checks.
type progressBar struct {
	w     io.Writer
	total int
	start time.Time
	lang  checker.Lang
	drawn bool
	last  time.Time
}

func newProgressBar(w io.Writer, total int, lang checker.Lang) *progressBar {
	return &progressBar{w: w, total: total, start: time.Now(), lang: lang}
}

func (p *progressBar) update(done, total int, _ checker.Result) {
	if p == nil {
		return
	}
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return // redraw at most ten times a second
	}
	p.last = now
	const width = 30
	fill := width * done / max(total, 1)
	bar := strings.Repeat("=", fill)
	if fill < width {
		bar += ">" + strings.Repeat(" ", width-fill-1)
	}
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(done) / max(elapsed, 1e-9)
	eta := ""
	if rate > 0 && done < total {
		eta = fmt.Sprintf("  ETA %s", (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second))
	}
	unit := checker.Text{En: "docs/s", Fr: "docs/s"}.In(p.lang)
	fmt.Fprintf(p.w, "\r[%s] %d/%d  %.1f %s%s\x1b[K", bar, done, total, rate, unit, eta)
	p.drawn = true
}

// clear erases the bar so report lines are not mixed with it.
func (p *progressBar) clear() {
	if p == nil || !p.drawn {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.drawn = false
}
