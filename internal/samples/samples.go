// Package samples finds the real broadcast captures that conformance tests read. They live
// in ../shared/samples beside the repository (see its README) and are never copied in; a
// test that needs them skips with a message when the folder is absent.
package samples

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the samples folder, or skips the test when it is absent. ANTENA_SAMPLES
// overrides the location.
func Dir(t testing.TB) string {
	t.Helper()
	d, err := find()
	if err != nil {
		t.Skipf("%v: conformance test skipped", err)
	}
	return d
}

func find() (string, error) {
	if d := os.Getenv("ANTENA_SAMPLES"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(d, "..", "shared", "samples")
			if _, err := os.Stat(s); err != nil {
				return "", fmt.Errorf("samples folder %s is absent", s)
			}
			return s, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("samples: no go.mod above %s", wd)
		}
	}
}

// Lookup returns the bytes of a sample when it is there, for fuzz seed corpora, which must
// not skip when it is not.
func Lookup(name string) ([]byte, bool) {
	d, err := find()
	if err != nil {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(d, name))
	return b, err == nil
}

// Path returns the path of one sample file, skipping the test when it is absent.
func Path(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(Dir(t), name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("sample %s is absent: conformance test skipped", p)
	}
	return p
}

// Read returns the bytes of one sample file.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(Path(t, name))
	if err != nil {
		t.Fatalf("samples: %v", err)
	}
	return b
}
