package web

import (
	"image"
	"sync"

	"github.com/lab110bis/focusplus/simulate"
)

// simulators caches the simulators of the severities the UI offers (building one
// computes its lookup tables); other severities, from the API, are built per request.
var simulators sync.Map // simulate.Params -> *simulate.Simulator

// simulateImage is the default Simulator: the colour-vision library of package simulate.
func simulateImage(img image.Image, deficiency string, severity float64, model string) (image.Image, error) {
	d, err := simulate.ParseDeficiency(deficiency)
	if err != nil {
		return nil, err
	}
	m, err := simulate.ParseModel(model)
	if err != nil {
		return nil, err
	}
	p := simulate.Params{Deficiency: d, Severity: severity, Model: m}
	var sim *simulate.Simulator
	if v, ok := simulators.Load(p); ok {
		sim = v.(*simulate.Simulator)
	} else {
		if sim, err = simulate.New(p); err != nil {
			return nil, err
		}
		if severity*10 == float64(int(severity*10)) {
			simulators.Store(p, sim)
		}
	}
	if rgba, ok := img.(*image.RGBA); ok {
		dst := image.NewRGBA(rgba.Rect)
		sim.Draw(dst, rgba)
		return dst, nil
	}
	return sim.Image(img), nil
}
