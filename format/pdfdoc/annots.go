package pdfdoc

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func (b *builder) annotations(p *Page, pd types.Dict) {
	o, d := b.o, b.d
	for i, x := range o.array(pd["Annots"]) {
		if i > 100000 || !o.tick() {
			return
		}
		ad := o.dict(x)
		if ad == nil {
			continue
		}
		a := &Annot{Page: p.Num, Ref: refKey(x), ObjNum: refNum(x)}
		a.Subtype, _ = o.name(ad["Subtype"])
		a.Contents, a.HasContents = o.text(ad["Contents"])
		a.Flags, _ = o.integer(ad["F"])
		if r := o.array(ad["Rect"]); len(r) == 4 {
			for k := 0; k < 4; k++ {
				a.Rect[k], _ = o.num(r[k])
			}
			// The rectangle as written, compared inclusively: touching the crop box's
			// edge from outside is outside (as veraPDF measures it).
			cb := p.CropBox
			if cb != [4]float64{} && (a.Rect[0] >= cb[2] || a.Rect[1] >= cb[3] || a.Rect[2] <= cb[0] || a.Rect[3] <= cb[1]) {
				a.OutsideCrop = true
			}
			normBox(&a.Rect)
		}
		// The enclosing structure element is the one its StructParent names in the parent
		// tree; an object reference alone does not make the annotation tagged.
		if sp, ok := o.integer(ad["StructParent"]); ok {
			a.Parent = b.parentTreeElem(sp)
		}
		if a.ObjNum != 0 {
			a.ObjParent = d.byObj[a.ObjNum]
		}
		if a.Subtype == "Widget" {
			// The field's TU, from the merged dictionary or its parents.
			cur := ad
			for depth := 0; cur != nil && depth < 32; depth++ {
				if s, ok := o.text(cur["TU"]); ok {
					a.TU, a.HasTU = s, true
					break
				}
				cur = o.dict(cur["Parent"])
			}
		}
		if a.Subtype == "FileAttachment" {
			b.fileSpec(ad["FS"], true)
		}
		if act := o.dict(ad["A"]); act != nil {
			if s, _ := o.name(act["S"]); s == "URI" {
				if u, ok := o.text(act["URI"]); ok && len(u) <= 2048 {
					a.URI = u
				}
			} else if s == "Rendition" {
				if rd := o.dict(act["R"]); rd != nil {
					b.mediaClip(rd["C"])
				}
			}
		}
		p.Annots = append(p.Annots, a)
	}
}

func (b *builder) mediaClip(x types.Object) {
	o := b.o
	c := o.dict(x)
	if c == nil {
		return
	}
	if s, _ := o.name(c["S"]); s != "MCD" {
		return
	}
	m := &MediaClip{Ref: refKey(x), HasCT: has(c, "CT")}
	if alt := o.array(c["Alt"]); alt != nil {
		m.HasAlt = true
		if len(alt) >= 2 && len(alt)%2 == 0 {
			m.AltOK = true
			for i := 1; i < len(alt); i += 2 {
				if s, ok := o.text(alt[i]); !ok || s == "" {
					m.AltOK = false
				}
			}
		}
	} else if has(c, "Alt") {
		m.HasAlt = true
	}
	b.d.MediaClips = append(b.d.MediaClips, m)
}

// parentTreeElem finds the structure element of a StructParent key in the parent tree.
func (b *builder) parentTreeElem(key int) *Elem {
	if b.parentTree == nil {
		return nil
	}
	if b.ptMap == nil {
		b.ptMap = map[int]int{}
		o := b.o
		seen := map[int]bool{}
		var walk func(n types.Dict, depth int)
		walk = func(n types.Dict, depth int) {
			if depth > 64 || !o.tick() {
				return
			}
			nums := o.array(n["Nums"])
			for i := 0; i+1 < len(nums); i += 2 {
				k, ok := o.integer(nums[i])
				if !ok {
					continue
				}
				if r := refNum(nums[i+1]); r != 0 {
					b.ptMap[k] = r
				}
			}
			for _, k := range o.array(n["Kids"]) {
				if r := refNum(k); r != 0 {
					if seen[r] {
						continue
					}
					seen[r] = true
				}
				if kd := o.dict(k); kd != nil {
					walk(kd, depth+1)
				}
			}
		}
		walk(b.parentTree, 0)
	}
	r := b.ptMap[key]
	if r == 0 {
		return nil
	}
	return b.elemByRef(r)
}

func (b *builder) elemByRef(objnum int) *Elem {
	if b.elemRefs == nil {
		b.elemRefs = make(map[int]*Elem, len(b.d.Elems))
		for _, e := range b.d.Elems {
			if e.ObjNum != 0 {
				b.elemRefs[e.ObjNum] = e
			}
		}
	}
	return b.elemRefs[objnum]
}
