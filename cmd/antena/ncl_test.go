package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// antena ncl reports a document's diagnostics and missing files, fails on
// errors (and, with --strict, on warnings), and says why it cannot read one.
func TestNCLCheck(t *testing.T) {
	menu := "../../runtime/ncl/player/testdata/menu"
	code, stdout, stderr := run(t, "ncl", menu)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, `main.ncl:52: missing file: media "b3" src "missing.png"`)
	require.Contains(t, stdout, "0 errors, 1 warnings, 1 missing files")
	require.Contains(t, stdout, "8 media")

	code, _, _ = run(t, "ncl", "--strict", filepath.Join(menu, "main.ncl"))
	require.Equal(t, 1, code)

	code, stdout, _ = run(t, "ncl", "--json", menu)
	require.Equal(t, 0, code)
	var rep nclReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	require.Equal(t, 6, rep.Counts["links"])
	require.Len(t, rep.Missing, 1)

	dir := t.TempDir()
	bad := `<ncl><head><connectorBase><causalConnector id="c"><simpleCondition role="onBegin"/>
<simpleAction role="start"/></causalConnector></connectorBase></head>
<body><port id="p" component="a"/><media id="a" src="a.txt"/>
<link xconnector="c"><bind role="onBegin" component="a"/><bind role="start" component="nobody"/></link></body></ncl>`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.ncl"), []byte(bad), 0o644))
	code, stdout, stderr = run(t, "ncl", dir)
	require.Equal(t, 1, code)
	require.Contains(t, stdout, `main.ncl:4: error: link "": component "nobody" does not exist`)
	require.Contains(t, stderr, "errors (the parts in error are skipped")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.ncl"), []byte("<html/>"), 0o644))
	code, _, stderr = run(t, "ncl", filepath.Join(dir, "x.ncl"))
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "not an NCL document")
}

// antena mux warns, before anything goes on air, when the NCL entry has
// errors or missing media files.
func TestMuxWarnsOfNCLProblems(t *testing.T) {
	out := filepath.Join(t.TempDir(), "menu.ts")
	code, _, stderr := run(t, "mux", "--app", "../../runtime/ncl/player/testdata/menu", "--cycles", "1", "-o", out)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "main.ncl has 0 errors and 1 missing media files")

	code, _, stderr = run(t, "mux", "--app", "../../emulator/testdata/ncl", "--cycles", "1", "-o", out)
	require.Equal(t, 0, code, stderr)
	require.NotContains(t, stderr, "warning")
}
