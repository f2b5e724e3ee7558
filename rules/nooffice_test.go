package rules

import "github.com/lab110bis/focusplus/office/officetest"

// LibreOffice is off in these tests unless one turns it on (officetest.Use): each DOCX
// would otherwise pay for starting it.
func init() { officetest.Off() }
