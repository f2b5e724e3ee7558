package checker

import (
	"context"
	"sync"
)

// Analysis is work that several rules need from the same document (the pages of a
// PDF rendered and their text measured, the language of each paragraph): it runs once
// per document, the first time a rule asks for it, and its result lives and goes with
// the document. The idea is go/analysis's Requires/ResultOf, adapted to documents.
type Analysis[T any] struct {
	Name string
	Run  func(ctx context.Context, doc *Document) T
}

type analysisResult struct {
	once sync.Once
	v    any
}

// Result returns the analysis of p's document, running it with p's context on the
// first call. If Run panicked, every rule that asks panics too (and is reported for
// review), rather than read a zero result as "nothing found".
func (a *Analysis[T]) Result(p *Pass) T {
	e, _ := p.Doc.results.LoadOrStore(a, &analysisResult{})
	r := e.(*analysisResult)
	r.once.Do(func() { r.v = a.Run(p.Context(), p.Doc) })
	return r.v.(T)
}
