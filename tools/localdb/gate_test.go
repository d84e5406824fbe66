package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"log/slog"
	"math"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A tiny BSON encoder for building requests by hand.

type (
	D []E      // document
	E struct { // element
		K string
		V any
	}
	A     []any // array
	regex struct{ pattern, options string }
)

func appendCString(b []byte, s string) []byte { return append(append(b, s...), 0) }

func appendInt32(b []byte, v int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(v)) }

func appendValue(b []byte, key string, v any) []byte {
	switch v := v.(type) {
	case int:
		b = appendCString(append(b, 0x10), key)
		return appendInt32(b, int32(v))
	case int64:
		b = appendCString(append(b, 0x12), key)
		return binary.LittleEndian.AppendUint64(b, uint64(v))
	case float64:
		b = appendCString(append(b, 0x01), key)
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	case bool:
		b = appendCString(append(b, 0x08), key)
		if v {
			return append(b, 1)
		}
		return append(b, 0)
	case string:
		b = appendCString(append(b, 0x02), key)
		b = appendInt32(b, int32(len(v)+1))
		return appendCString(b, v)
	case nil:
		return appendCString(append(b, 0x0A), key)
	case []byte: // binary, generic subtype
		b = appendCString(append(b, 0x05), key)
		b = appendInt32(b, int32(len(v)))
		return append(append(b, 0), v...)
	case regex:
		b = appendCString(append(b, 0x0B), key)
		return appendCString(appendCString(b, v.pattern), v.options)
	case [12]byte:
		b = appendCString(append(b, 0x07), key)
		return append(b, v[:]...)
	case D:
		return append(appendCString(append(b, 0x03), key), v.bytes()...)
	case A:
		d := make(D, len(v))
		for i, x := range v {
			d[i] = E{K: strconv.Itoa(i), V: x}
		}
		return append(appendCString(append(b, 0x04), key), d.bytes()...)
	default:
		panic("unsupported test value")
	}
}

func (d D) bytes() []byte {
	b := []byte{0, 0, 0, 0}
	for _, e := range d {
		b = appendValue(b, e.K, e.V)
	}
	b = append(b, 0)
	binary.LittleEndian.PutUint32(b, uint32(len(b)))
	return b
}

// opMsgOpts shapes a test OP_MSG.
type opMsgOpts struct {
	requestID, responseTo int32
	flags                 uint32
	checksum              bool
	// sequenceFirst puts a kind-1 section (with the given documents) before the body.
	sequenceFirst []D
	sequenceAfter []D
}

func opMsgWith(body D, o opMsgOpts) message {
	b := make([]byte, headerLen, 256)
	flags := o.flags
	if o.checksum {
		flags |= flagChecksumPresent
	}
	b = binary.LittleEndian.AppendUint32(b, flags)
	seq := func(docs []D) {
		if docs == nil {
			return
		}
		s := appendCString(nil, "documents")
		for _, d := range docs {
			s = append(s, d.bytes()...)
		}
		b = append(b, 1)
		b = appendInt32(b, int32(4+len(s)))
		b = append(b, s...)
	}
	seq(o.sequenceFirst)
	b = append(append(b, 0), body.bytes()...)
	seq(o.sequenceAfter)
	if o.checksum {
		b = append(b, 0, 0, 0, 0)
	}
	binary.LittleEndian.PutUint32(b[0:], uint32(len(b)))
	binary.LittleEndian.PutUint32(b[4:], uint32(o.requestID))
	binary.LittleEndian.PutUint32(b[8:], uint32(o.responseTo))
	binary.LittleEndian.PutUint32(b[12:], opMsg)
	if o.checksum {
		end := len(b) - 4
		binary.LittleEndian.PutUint32(b[end:], crc32.Checksum(b[:end], castagnoli))
	}
	return message(b)
}

func opMsgOf(body D) message { return opMsgWith(body, opMsgOpts{requestID: 1}) }

func rawMessage(opCode int32, body []byte) message {
	b := make([]byte, headerLen, headerLen+len(body))
	b = append(b, body...)
	binary.LittleEndian.PutUint32(b[0:], uint32(len(b)))
	binary.LittleEndian.PutUint32(b[4:], 7)
	binary.LittleEndian.PutUint32(b[12:], uint32(opCode))
	return message(b)
}

func TestClassify(t *testing.T) {
	oid := [12]byte{1, 2, 3}
	// Values of many BSON types before "pipeline", to exercise the element walker.
	noisy := D{
		{"aggregate", "c"}, {"f", 1.5}, {"s", "x"}, {"o", oid}, {"t", true}, {"n", nil}, {"bin", []byte{1, 2}},
		{"re", regex{"^a", "i"}}, {"l", int64(5)}, {"cursor", D{{"batchSize", 10}}},
	}

	cases := []struct {
		name    string
		msg     message
		command string
		write   bool
	}{
		{"insert", opMsgOf(D{{"insert", "c"}, {"documents", A{D{{"_id", 1}}}}, {"$db", "d"}}), "insert", true},
		{"update", opMsgOf(D{{"update", "c"}, {"$db", "d"}}), "update", true},
		{"delete", opMsgOf(D{{"delete", "c"}, {"$db", "d"}}), "delete", true},
		{"findAndModify", opMsgOf(D{{"findAndModify", "c"}}), "findAndModify", true},
		{"findandmodify", opMsgOf(D{{"findandmodify", "c"}}), "findandmodify", true},
		{"create", opMsgOf(D{{"create", "c"}}), "create", true},
		{"drop", opMsgOf(D{{"drop", "c"}}), "drop", true},
		{"dropDatabase", opMsgOf(D{{"dropDatabase", 1}}), "dropDatabase", true},
		{"createIndexes", opMsgOf(D{{"createIndexes", "c"}}), "createIndexes", true},
		{"dropIndexes", opMsgOf(D{{"dropIndexes", "c"}}), "dropIndexes", true},
		{"renameCollection", opMsgOf(D{{"renameCollection", "d.a"}}), "renameCollection", true},
		{"collMod", opMsgOf(D{{"collMod", "c"}}), "collMod", true},
		{"createUser", opMsgOf(D{{"createUser", "u"}}), "createUser", true},
		{"unknown command", opMsgOf(D{{"somethingNew", 1}}), "somethingNew", true},
		{"find", opMsgOf(D{{"find", "c"}, {"filter", D{{"_id", 1}}}, {"$db", "d"}}), "find", false},
		{"getMore", opMsgOf(D{{"getMore", int64(1)}, {"collection", "c"}}), "getMore", false},
		{"count", opMsgOf(D{{"count", "c"}}), "count", false},
		{"distinct", opMsgOf(D{{"distinct", "c"}}), "distinct", false},
		{"hello", opMsgOf(D{{"hello", 1}}), "hello", false},
		{"isMaster", opMsgOf(D{{"isMaster", 1}}), "isMaster", false},
		{"ismaster", opMsgOf(D{{"ismaster", 1}}), "ismaster", false},
		{"ping", opMsgOf(D{{"ping", 1}}), "ping", false},
		{"listCollections", opMsgOf(D{{"listCollections", 1}}), "listCollections", false},
		{"listIndexes", opMsgOf(D{{"listIndexes", "c"}}), "listIndexes", false},
		{"killCursors", opMsgOf(D{{"killCursors", "c"}}), "killCursors", false},
		{"endSessions", opMsgOf(D{{"endSessions", A{}}}), "endSessions", false},
		{"aggregate", opMsgOf(D{{"aggregate", "c"}, {"pipeline", A{D{{"$match", D{{"a", 1}}}}, D{{"$count", "n"}}}}}), "aggregate", false},
		{"aggregate without pipeline", opMsgOf(D{{"aggregate", "c"}}), "aggregate", false},
		{"aggregate $out", opMsgOf(D{{"aggregate", "c"}, {"pipeline", A{D{{"$match", D{}}}, D{{"$out", "o"}}}}}), "aggregate", true},
		{"aggregate $merge", opMsgOf(D{{"aggregate", "c"}, {"pipeline", A{D{{"$merge", D{{"into", "o"}}}}}}}), "aggregate", true},
		{"aggregate with a bad pipeline", opMsgOf(D{{"aggregate", "c"}, {"pipeline", "nope"}}), "aggregate", true},
		{"aggregate after values of many types", opMsgOf(append(noisy, E{"pipeline", A{D{{"$project", D{{"a", 1}}}}}})), "aggregate", false},
		{"aggregate $out after values of many types", opMsgOf(append(noisy, E{"pipeline", A{D{{"$out", "o"}}}})), "aggregate", true},
		{
			"document sequence before the body",
			opMsgWith(D{{"insert", "c"}, {"$db", "d"}}, opMsgOpts{sequenceFirst: []D{{{"_id", 1}}, {{"_id", 2}}}}),
			"insert", true,
		},
		{
			"document sequence after the body",
			opMsgWith(D{{"find", "c"}}, opMsgOpts{sequenceAfter: []D{{{"_id", 1}}}}),
			"find", false,
		},
		{"checksum present", opMsgWith(D{{"find", "c"}}, opMsgOpts{checksum: true}), "find", false},
		{"moreToCome request", opMsgWith(D{{"insert", "c"}}, opMsgOpts{flags: flagMoreToCome}), "insert", true},
		{"empty body document", opMsgOf(D{}), "", true},
		{"no sections", rawMessage(opMsg, []byte{0, 0, 0, 0}), "", true},
		{"truncated section", rawMessage(opMsg, []byte{0, 0, 0, 0, 0, 20, 0, 0, 0, 1}), "", true},
		{"unknown section kind", rawMessage(opMsg, append([]byte{0, 0, 0, 0, 2}, D{{"find", "c"}}.bytes()...)), "", true},
		{"two body sections", rawMessage(opMsg, append(append([]byte{0, 0, 0, 0, 0}, D{{"find", "c"}}.bytes()...), append([]byte{0}, D{{"find", "c"}}.bytes()...)...)), "", true},
		{"OP_QUERY handshake", rawMessage(opQuery, []byte("whatever")), "", false},
		{"OP_COMPRESSED", rawMessage(opCompressed, []byte("whatever")), "", true},
		{"unknown op code", rawMessage(2010, nil), "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			command, write := classify(c.msg)
			if command != c.command || write != c.write {
				t.Errorf("classify = (%q, %v), want (%q, %v)", command, write, c.command, c.write)
			}
		})
	}
}

func TestBSONElementsRejectsBadDocuments(t *testing.T) {
	good := D{{"a", "x"}, {"b", D{{"c", 1}}}}.bytes()
	bad := map[string][]byte{
		"too short":            {5, 0, 0},
		"size mismatch":        append(append([]byte{}, good...), 0),
		"no terminator":        append(append([]byte{}, good[:len(good)-1]...), 1),
		"string overruns":      {13, 0, 0, 0, 0x02, 'a', 0, 100, 0, 0, 0, 'x', 0},
		"unterminated key":     {8, 0, 0, 0, 0x10, 'a', 'b', 0},
		"unknown type":         {12, 0, 0, 0, 0x42, 'a', 0, 1, 2, 3, 4, 0},
		"negative string size": {13, 0, 0, 0, 0x02, 'a', 0, 0xff, 0xff, 0xff, 0xff, 'x', 0},
	}
	for name, b := range bad {
		if _, err := bsonElements(b); !errors.Is(err, errProtocol) {
			t.Errorf("%s: err = %v, want a protocol error", name, err)
		}
	}
	elems, err := bsonElements(good)
	if err != nil || len(elems) != 2 || elems[0].key != "a" || elems[1].key != "b" || elems[1].typ != 0x03 {
		t.Fatalf("bsonElements(good) = %v, %v", elems, err)
	}
}

func TestReadMessage(t *testing.T) {
	msg := opMsgOf(D{{"ping", 1}})
	got, err := readMessage(strings.NewReader(string(msg)+string(msg)), nil)
	if err != nil || string(got) != string(msg) {
		t.Fatalf("readMessage = %v, %v", got, err)
	}

	header := func(n uint32) string {
		return string(binary.LittleEndian.AppendUint32(nil, n)) + strings.Repeat("\x00", 12)
	}
	if _, err := readMessage(strings.NewReader(header(15)), nil); !errors.Is(err, errProtocol) {
		t.Errorf("length 15: err = %v, want a protocol error", err)
	}
	if _, err := readMessage(strings.NewReader(header(maxMessageLen+1)), nil); !errors.Is(err, errProtocol) {
		t.Errorf("length above the limit: err = %v, want a protocol error", err)
	}
	if _, err := readMessage(strings.NewReader(header(0xffffffff)), nil); !errors.Is(err, errProtocol) {
		t.Errorf("negative length: err = %v, want a protocol error", err)
	}
	if _, err := readMessage(strings.NewReader(string(msg[:len(msg)-1])), nil); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated body: err = %v, want io.ErrUnexpectedEOF", err)
	}
	if _, err := readMessage(strings.NewReader(string(msg[:5])), nil); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated header: err = %v, want io.ErrUnexpectedEOF", err)
	}
	if _, err := readMessage(strings.NewReader(""), nil); err != io.EOF {
		t.Errorf("nothing: err = %v, want io.EOF", err)
	}
}

func TestClearMoreToCome(t *testing.T) {
	for _, checksum := range []bool{false, true} {
		m := opMsgWith(D{{"insert", "c"}}, opMsgOpts{flags: flagMoreToCome, checksum: checksum})
		if err := clearMoreToCome(m); err != nil {
			t.Fatal(err)
		}
		if m.moreToCome() {
			t.Errorf("checksum=%v: moreToCome still set", checksum)
		}
		if checksum {
			end := len(m) - 4
			if crc32.Checksum(m[:end], castagnoli) != binary.LittleEndian.Uint32(m[end:]) {
				t.Errorf("checksum not updated")
			}
		}
		if command, write := classify(m); command != "insert" || !write {
			t.Errorf("after clearing: classify = %q, %v", command, write)
		}
	}

	bad := opMsgWith(D{{"insert", "c"}}, opMsgOpts{flags: flagMoreToCome, checksum: true})
	bad[len(bad)-1] ^= 0xff
	if err := clearMoreToCome(bad); !errors.Is(err, errProtocol) {
		t.Errorf("bad checksum: err = %v, want a protocol error", err)
	}
}

// fakeBackend answers OP_MSG requests like a MongoDB server would, slowly, and records how many
// write and read commands it had in progress at once.
type fakeBackend struct {
	ln net.Listener

	writes, reads       atomic.Int32
	maxWrites, maxReads atomic.Int32
	sawMoreToCome       atomic.Bool
	requests            atomic.Int32
}

func storeMax(highest *atomic.Int32, v int32) {
	for {
		old := highest.Load()
		if v <= old || highest.CompareAndSwap(old, v) {
			return
		}
	}
}

func newFakeBackend(t *testing.T) *fakeBackend {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &fakeBackend{ln: ln}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go b.serve(conn)
		}
	}()
	return b
}

var replyID atomic.Int32

func reply(to int32, flags uint32, body D) message {
	return opMsgWith(body, opMsgOpts{requestID: replyID.Add(1), responseTo: to, flags: flags})
}

func (b *fakeBackend) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		req, err := readMessage(r, nil)
		if err != nil {
			return
		}
		b.requests.Add(1)
		if req.moreToCome() {
			b.sawMoreToCome.Store(true)
		}
		body, err := opMsgBody(req)
		if err != nil {
			return
		}
		elems, _ := bsonElements(body)
		command := elems[0].key

		var counter, highest *atomic.Int32
		var delay time.Duration
		switch command {
		case "insert", "slowWrite":
			counter, highest, delay = &b.writes, &b.maxWrites, 20*time.Millisecond
		case "find":
			counter, highest, delay = &b.reads, &b.maxReads, 50*time.Millisecond
		}
		if command == "slowWrite" {
			delay = 500 * time.Millisecond
		}
		if counter != nil {
			storeMax(highest, counter.Add(1))
			time.Sleep(delay)
			counter.Add(-1)
		}

		switch command {
		case "hangUp":
			return
		case "stray": // a reply, then one nobody asked for
			_, _ = conn.Write(reply(req.requestID(), 0, D{{"ok", 1.0}}))
			_, _ = conn.Write(reply(req.requestID(), 0, D{{"ok", 1.0}}))
		case "stream": // three replies with moreToCome, then the last one
			prev := req.requestID()
			for i := range 4 {
				flags := uint32(flagMoreToCome)
				if i == 3 {
					flags = 0
				}
				m := reply(prev, flags, D{{"ok", 1.0}, {"i", i}})
				prev = m.requestID()
				_, _ = conn.Write(m)
			}
		default:
			_, _ = conn.Write(reply(req.requestID(), 0, D{{"ok", 1.0}, {"command", command}}))
		}
	}
}

func startGate(t *testing.T, backendAddr string) (*gate, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := newGate(backendAddr, slog.New(slog.NewTextHandler(io.Discard, nil)))
	done := make(chan error, 1)
	go func() { done <- g.serve(ln) }()
	t.Cleanup(func() {
		_ = ln.Close()
		g.close()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return g, ln.Addr().String()
}

type testClient struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	id   int32
}

func dialGate(t *testing.T, addr string) *testClient {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	return &testClient{t: t, conn: conn, r: bufio.NewReader(conn)}
}

func (c *testClient) send(command string, flags uint32) int32 {
	c.id++
	if _, err := c.conn.Write(opMsgWith(D{{command, "c"}, {"$db", "d"}}, opMsgOpts{requestID: c.id, flags: flags})); err != nil {
		c.t.Error(err)
	}
	return c.id
}

func (c *testClient) read() (message, error) { return readMessage(c.r, nil) }

// roundTrip sends a command and checks that its one reply answers it.
func (c *testClient) roundTrip(command string) {
	id := c.send(command, 0)
	res, err := c.read()
	if err != nil {
		c.t.Errorf("%s: %v", command, err)
		return
	}
	if res.responseTo() != id || res.moreToCome() {
		c.t.Errorf("%s: reply to %d (moreToCome %v), want a final reply to %d", command, res.responseTo(), res.moreToCome(), id)
	}
}

func TestGateSerialisesWritesOnly(t *testing.T) {
	b := newFakeBackend(t)
	_, addr := startGate(t, b.ln.Addr().String())

	const clients = 8
	run := func(command string) {
		var wg sync.WaitGroup
		for range clients {
			c := dialGate(t, addr)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 3 {
					c.roundTrip(command)
				}
			}()
		}
		wg.Wait()
	}

	run("insert")
	if got := b.maxWrites.Load(); got != 1 {
		t.Errorf("writes in the backend at once: %d, want 1", got)
	}
	run("find")
	if got := b.maxReads.Load(); got < 2 {
		t.Errorf("reads in the backend at once: %d, want them concurrent", got)
	}

	// A read is not held up by a write in progress.
	writer, reader := dialGate(t, addr), dialGate(t, addr)
	writeDone := make(chan time.Time, 1)
	go func() {
		writer.roundTrip("slowWrite")
		writeDone <- time.Now()
	}()
	time.Sleep(100 * time.Millisecond)
	reader.roundTrip("find")
	readDone := time.Now()
	if w := <-writeDone; !readDone.Before(w) {
		t.Errorf("the read finished after the slow write")
	}
}

func TestGateMoreToComeRequestGetsNoReply(t *testing.T) {
	b := newFakeBackend(t)
	_, addr := startGate(t, b.ln.Addr().String())
	c := dialGate(t, addr)

	c.send("insert", flagMoreToCome)
	c.roundTrip("ping") // the first reply the client sees answers ping, not the insert
	if b.requests.Load() != 2 {
		t.Errorf("backend got %d requests, want 2", b.requests.Load())
	}
	if b.sawMoreToCome.Load() {
		t.Errorf("the backend was sent moreToCome; the gate should ask for a reply")
	}
}

func TestGateForwardsStreamedReplies(t *testing.T) {
	b := newFakeBackend(t)
	_, addr := startGate(t, b.ln.Addr().String())
	c := dialGate(t, addr)

	id := c.send("stream", flagExhaustAllowedForTest)
	for i := range 4 {
		res, err := c.read()
		if err != nil {
			t.Fatalf("reply %d: %v", i, err)
		}
		if i == 0 && res.responseTo() != id {
			t.Errorf("first reply answers %d, want %d", res.responseTo(), id)
		}
		if res.moreToCome() != (i < 3) {
			t.Errorf("reply %d: moreToCome %v", i, res.moreToCome())
		}
	}
	c.roundTrip("ping")
}

const flagExhaustAllowedForTest = 1 << 16

// expectClosed checks that the gate closed the client's connection.
func expectClosed(t *testing.T, c *testClient) {
	t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if res, err := c.read(); err == nil {
		t.Errorf("got a reply to %d, want the connection closed", res.responseTo())
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Errorf("the connection is still open")
	}
}

func TestGateClosesOnProtocolErrors(t *testing.T) {
	b := newFakeBackend(t)
	g, addr := startGate(t, b.ln.Addr().String())

	t.Run("oversized request", func(t *testing.T) {
		c := dialGate(t, addr)
		_, _ = c.conn.Write(binary.LittleEndian.AppendUint32(nil, maxMessageLen+1))
		_, _ = c.conn.Write(make([]byte, 12))
		expectClosed(t, c)
	})
	t.Run("request with a bad checksum and moreToCome", func(t *testing.T) {
		c := dialGate(t, addr)
		m := opMsgWith(D{{"insert", "c"}}, opMsgOpts{requestID: 1, flags: flagMoreToCome, checksum: true})
		m[len(m)-1] ^= 0xff
		_, _ = c.conn.Write(m)
		expectClosed(t, c)
	})
	t.Run("backend hangs up", func(t *testing.T) {
		c := dialGate(t, addr)
		c.send("hangUp", 0)
		expectClosed(t, c)
	})
	t.Run("backend sends a reply nobody asked for", func(t *testing.T) {
		c := dialGate(t, addr)
		c.roundTrip("stray")
		expectClosed(t, c)
	})
	t.Run("gate closes", func(t *testing.T) {
		c := dialGate(t, addr)
		c.roundTrip("ping")
		g.close()
		expectClosed(t, c)
	})
}
