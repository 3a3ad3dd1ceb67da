package dsmcc

import (
	"errors"
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// Errors of DSM-CC decoding and carousel acquisition. Wrapped errors carry the numbers; test
// them with errors.Is.
var (
	ErrShortBuffer      = errors.New("dsmcc: short buffer")
	ErrLengthOverrun    = errors.New("dsmcc: length overruns its container")
	ErrFieldOverflow    = errors.New("dsmcc: value does not fit its length field")
	ErrUnexpectedTable  = errors.New("dsmcc: unexpected table_id")
	ErrMessageHeader    = errors.New("dsmcc: bad dsmccMessageHeader")
	ErrUnexpectedMsg    = errors.New("dsmcc: unexpected messageId")
	ErrDataCarousel     = errors.New("dsmcc: DSI carries a data carousel GroupInfoIndication, not an object carousel")
	ErrNotServiceGW     = errors.New("dsmcc: DSI private data is neither a ServiceGatewayInfo nor a GroupInfoIndication")
	ErrBIOPMagic        = errors.New("dsmcc: bad BIOP message header")
	ErrNoObjectLocation = errors.New("dsmcc: IOR has no BIOP profile with ObjectLocation and ConnBinder")
	ErrBlock            = errors.New("dsmcc: bad DDB block")
	ErrInflate          = errors.New("dsmcc: zlib inflate failed")
	ErrInflatedSize     = errors.New("dsmcc: inflated size differs from original_size")
	ErrBadName          = errors.New("dsmcc: bad object name")
	ErrDuplicateName    = errors.New("dsmcc: duplicate name in directory")
	ErrCycle            = errors.New("dsmcc: directory cycle")
	ErrObjectKind       = errors.New("dsmcc: unexpected object kind")
	ErrLimit            = errors.New("dsmcc: limit exceeded")
)

// readErr turns a bitio overrun into ErrShortBuffer with the structure's name.
func readErr(what string, r *bitio.Reader) error {
	if err := r.Err(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrShortBuffer, what, err)
	}
	return nil
}
