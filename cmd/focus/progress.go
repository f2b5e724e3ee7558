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
		left := (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second)
		eta = checker.Textf("  ETA %s", "  reste %s", checker.Text{En: left.String(), Fr: frenchDuration(left)}).In(p.lang)
	}
	speed := checker.Textf("%.1f docs/s", "%.1f doc/s", rate).In(p.lang)
	fmt.Fprintf(p.w, "\r[%s] %d/%d  %s%s\x1b[K", bar, done, total, speed, eta)
	p.drawn = true
}

// frenchDuration writes a whole number of seconds as French readers do: "45 s",
// "2 min 05 s", "1 h 02 min".
func frenchDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s >= 3600:
		return fmt.Sprintf("%d h %02d min", s/3600, s%3600/60)
	case s >= 60:
		return fmt.Sprintf("%d min %02d s", s/60, s%60)
	}
	return fmt.Sprintf("%d s", s)
}

// clear erases the bar so report lines are not mixed with it.
func (p *progressBar) clear() {
	if p == nil || !p.drawn {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.drawn = false
}
