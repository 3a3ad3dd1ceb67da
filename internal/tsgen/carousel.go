package tsgen

import (
	"fmt"
	"math/rand/v2"
	"testing/fstest"

	"github.com/antena-tv/antena/demux/dsmcc"
)

// componentTag is the association tag of the generated carousel's stream.
const componentTag = 0x0B

// carouselSections builds an object carousel of random files (incompressible, so modules
// keep their size) with dsmcc's Builder and returns one cycle of it: the DSI, the DIIs and
// every DDB. Files of 2-62 KB packed into 64 KB modules give DDB sections of 1 to 4 KB.
func carouselSections(rng *rand.Rand, files int) ([][]byte, error) {
	fsys := fstest.MapFS{}
	for i := 1; i <= files; i++ {
		content := make([]byte, 2000+rng.IntN(60000))
		for k := range content {
			content[k] = byte(rng.Uint32())
		}
		fsys[fmt.Sprintf("file%02d.bin", i)] = &fstest.MapFile{Data: content, Mode: 0o644}
	}
	b, err := dsmcc.NewBuilder(dsmcc.BuilderConfig{AssociationTag: componentTag})
	if err != nil {
		return nil, err
	}
	c, err := b.Build(fsys)
	if err != nil {
		return nil, err
	}
	return c.Sections(), nil
}
