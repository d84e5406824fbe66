package main

// The small part of the MongoDB wire protocol that the write gate (gate.go) needs: reading
// whole messages, and telling from an OP_MSG request whether its command may write.
// See https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/ and
// https://github.com/mongodb/specifications/blob/master/source/message/OP_MSG.md.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

const (
	// headerLen is the size of the standard message header: messageLength, requestID,
	// responseTo and opCode, each a little-endian int32.
	headerLen = 16

	// maxMessageLen is MongoDB's maxMessageSizeBytes (and FerretDB's wire.MaxMsgLen).
	maxMessageLen = 48_000_000

	opReply      = 1
	opQuery      = 2004
	opCompressed = 2012
	opMsg        = 2013

	// OP_MSG flag bits.
	flagChecksumPresent = 1 << 0
	flagMoreToCome      = 1 << 1
)

// errProtocol marks malformed or oversized messages: the gate closes the connection.
var errProtocol = errors.New("wire protocol error")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// message is one whole wire message, header included.
type message []byte

func (m message) requestID() int32  { return int32(binary.LittleEndian.Uint32(m[4:8])) }
func (m message) responseTo() int32 { return int32(binary.LittleEndian.Uint32(m[8:12])) }
func (m message) opCode() int32     { return int32(binary.LittleEndian.Uint32(m[12:16])) }

// flags returns the OP_MSG flag bits (0 for other op codes or a body too short to have them).
func (m message) flags() uint32 {
	if m.opCode() != opMsg || len(m) < headerLen+4 {
		return 0
	}
	return binary.LittleEndian.Uint32(m[headerLen : headerLen+4])
}

// moreToCome reports an OP_MSG with the moreToCome bit: from a client, "do not answer";
// from a server, "another reply follows".
func (m message) moreToCome() bool { return m.flags()&flagMoreToCome != 0 }

// readMessage reads one whole message from r. buf is reused when it is large enough.
func readMessage(r io.Reader, buf []byte) (message, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err // io.EOF when the peer closed between messages
	}
	n := int32(binary.LittleEndian.Uint32(header[0:4]))
	if n < headerLen || n > maxMessageLen {
		return nil, fmt.Errorf("%w: message length %d", errProtocol, n)
	}
	if cap(buf) < int(n) {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	copy(buf, header[:])
	if _, err := io.ReadFull(r, buf[headerLen:]); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return message(buf), nil
}

// clearMoreToCome turns an OP_MSG request that expects no reply into one that gets a reply,
// fixing up the optional CRC-32C checksum.
func clearMoreToCome(m message) error {
	flags := m.flags()
	if flags&flagChecksumPresent != 0 {
		if len(m) < headerLen+4+4 {
			return fmt.Errorf("%w: OP_MSG too short for its checksum", errProtocol)
		}
		end := len(m) - 4
		if crc32.Checksum(m[:end], castagnoli) != binary.LittleEndian.Uint32(m[end:]) {
			return fmt.Errorf("%w: OP_MSG checksum does not match", errProtocol)
		}
		binary.LittleEndian.PutUint32(m[headerLen:], flags&^flagMoreToCome)
		binary.LittleEndian.PutUint32(m[end:], crc32.Checksum(m[:end], castagnoli))
		return nil
	}
	binary.LittleEndian.PutUint32(m[headerLen:], flags&^flagMoreToCome)
	return nil
}

// opMsgBody returns the BSON document of an OP_MSG's one kind-0 section.
func opMsgBody(m message) ([]byte, error) {
	if m.opCode() != opMsg || len(m) < headerLen+4 {
		return nil, fmt.Errorf("%w: not an OP_MSG", errProtocol)
	}
	end := len(m)
	if m.flags()&flagChecksumPresent != 0 {
		end -= 4
	}
	var body []byte
	for pos := headerLen + 4; pos < end; {
		kind := m[pos]
		pos++
		if pos+4 > end {
			return nil, fmt.Errorf("%w: truncated OP_MSG section", errProtocol)
		}
		size := int(int32(binary.LittleEndian.Uint32(m[pos : pos+4])))
		if size < 4 || pos+size > end {
			return nil, fmt.Errorf("%w: bad OP_MSG section size %d", errProtocol, size)
		}
		switch kind {
		case 0:
			if body != nil {
				return nil, fmt.Errorf("%w: OP_MSG with two body sections", errProtocol)
			}
			body = m[pos : pos+size]
		case 1: // document sequence: int32 size, identifier, documents
		default:
			return nil, fmt.Errorf("%w: OP_MSG section kind %d", errProtocol, kind)
		}
		pos += size
	}
	if body == nil {
		return nil, fmt.Errorf("%w: OP_MSG without a body section", errProtocol)
	}
	return body, nil
}

// bsonElement is one element of a BSON document: its type, key and value bytes.
type bsonElement struct {
	typ   byte
	key   string
	value []byte
}

// bsonElements splits a BSON document into its elements, checking sizes but not decoding values.
func bsonElements(doc []byte) ([]bsonElement, error) {
	if len(doc) < 5 || int(int32(binary.LittleEndian.Uint32(doc))) != len(doc) || doc[len(doc)-1] != 0 {
		return nil, fmt.Errorf("%w: bad BSON document", errProtocol)
	}
	var elems []bsonElement
	for pos := 4; ; {
		typ := doc[pos]
		pos++
		if typ == 0 {
			if pos != len(doc) {
				return nil, fmt.Errorf("%w: bytes after the end of a BSON document", errProtocol)
			}
			return elems, nil
		}
		keyEnd := pos
		for keyEnd < len(doc) && doc[keyEnd] != 0 {
			keyEnd++
		}
		if keyEnd >= len(doc)-1 {
			return nil, fmt.Errorf("%w: unterminated BSON key", errProtocol)
		}
		key := string(doc[pos:keyEnd])
		pos = keyEnd + 1
		size, err := bsonValueSize(typ, doc[pos:len(doc)-1])
		if err != nil {
			return nil, err
		}
		elems = append(elems, bsonElement{typ: typ, key: key, value: doc[pos : pos+size]})
		pos += size
	}
}

// bsonValueSize returns the size of a value of type typ at the start of b.
func bsonValueSize(typ byte, b []byte) (int, error) {
	int32At := func(off int) (int, error) {
		if off+4 > len(b) {
			return 0, fmt.Errorf("%w: truncated BSON value", errProtocol)
		}
		return int(int32(binary.LittleEndian.Uint32(b[off:]))), nil
	}
	cstringEnd := func(off int) (int, error) {
		for i := off; i < len(b); i++ {
			if b[i] == 0 {
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("%w: unterminated BSON string", errProtocol)
	}

	var size int
	switch typ {
	case 0x06, 0x0A, 0x7F, 0xFF: // undefined, null, max key, min key
		size = 0
	case 0x08: // bool
		size = 1
	case 0x10: // int32
		size = 4
	case 0x01, 0x09, 0x11, 0x12: // double, UTC datetime, timestamp, int64
		size = 8
	case 0x07: // ObjectId
		size = 12
	case 0x13: // decimal128
		size = 16
	case 0x02, 0x0D, 0x0E: // string, JavaScript code, symbol: int32 length (with the NUL), bytes
		n, err := int32At(0)
		if err != nil {
			return 0, err
		}
		if n < 1 {
			return 0, fmt.Errorf("%w: bad BSON string length %d", errProtocol, n)
		}
		size = 4 + n
	case 0x03, 0x04, 0x0F: // document, array, code with scope: int32 total size
		n, err := int32At(0)
		if err != nil {
			return 0, err
		}
		if n < 5 {
			return 0, fmt.Errorf("%w: bad BSON document size %d", errProtocol, n)
		}
		size = n
	case 0x05: // binary: int32 length, subtype, bytes
		n, err := int32At(0)
		if err != nil {
			return 0, err
		}
		if n < 0 {
			return 0, fmt.Errorf("%w: bad BSON binary length %d", errProtocol, n)
		}
		size = 4 + 1 + n
	case 0x0B: // regular expression: two cstrings
		end, err := cstringEnd(0)
		if err != nil {
			return 0, err
		}
		if size, err = cstringEnd(end); err != nil {
			return 0, err
		}
	case 0x0C: // DBPointer: string, 12-byte ObjectId
		n, err := int32At(0)
		if err != nil {
			return 0, err
		}
		if n < 1 {
			return 0, fmt.Errorf("%w: bad BSON string length %d", errProtocol, n)
		}
		size = 4 + n + 12
	default:
		return 0, fmt.Errorf("%w: unknown BSON type 0x%02x", errProtocol, typ)
	}
	if size > len(b) {
		return 0, fmt.Errorf("%w: truncated BSON value", errProtocol)
	}
	return size, nil
}

// readCommands are the commands that never write (lower-cased; MongoDB and FerretDB accept
// some in several spellings, such as isMaster and ismaster). Everything else — insert,
// update, delete, findAndModify, create, drop, dropDatabase, createIndexes, dropIndexes,
// renameCollection, collMod, user commands, and any command not listed here — counts as a
// write. aggregate is a read unless its pipeline has a $out or $merge stage.
var readCommands = map[string]bool{
	"aggregate":               true,
	"buildinfo":               true,
	"collstats":               true,
	"connectionstatus":        true,
	"count":                   true,
	"currentop":               true,
	"datasize":                true,
	"dbstats":                 true,
	"distinct":                true,
	"endsessions":             true,
	"explain":                 true,
	"find":                    true,
	"getcmdlineopts":          true,
	"getfreemonitoringstatus": true,
	"getlog":                  true,
	"getmore":                 true,
	"getparameter":            true,
	"hello":                   true,
	"hostinfo":                true,
	"ismaster":                true,
	"killcursors":             true,
	"listcollections":         true,
	"listcommands":            true,
	"listdatabases":           true,
	"listindexes":             true,
	"ping":                    true,
	"saslcontinue":            true,
	"saslstart":               true,
	"serverstatus":            true,
	"usersinfo":               true,
	"validate":                true,
	"whatsmyuri":              true,
}

// classify returns the command name of a request (empty when it has none we can read) and
// whether the request may write. It never fails: what cannot be parsed counts as a write,
// except OP_QUERY, which FerretDB accepts only for the hello/isMaster handshake and SASL
// authentication.
func classify(m message) (command string, write bool) {
	switch m.opCode() {
	case opMsg:
		body, err := opMsgBody(m)
		if err != nil {
			return "", true
		}
		elems, err := bsonElements(body)
		if err != nil || len(elems) == 0 {
			return "", true
		}
		command = elems[0].key
		name := strings.ToLower(command)
		if !readCommands[name] {
			return command, true
		}
		if name == "aggregate" {
			return command, pipelineWrites(elems)
		}
		return command, false
	case opQuery:
		return "", false
	default:
		return "", true
	}
}

// pipelineWrites reports whether an aggregate command's pipeline has a stage that writes
// ($out or $merge), or cannot be read.
func pipelineWrites(command []bsonElement) bool {
	for _, e := range command {
		if e.key != "pipeline" {
			continue
		}
		if e.typ != 0x04 {
			return true
		}
		stages, err := bsonElements(e.value)
		if err != nil {
			return true
		}
		for _, s := range stages {
			if s.typ != 0x03 {
				return true
			}
			stage, err := bsonElements(s.value)
			if err != nil || len(stage) == 0 {
				return true
			}
			if stage[0].key == "$out" || stage[0].key == "$merge" {
				return true
			}
		}
		return false
	}
	return false
}
