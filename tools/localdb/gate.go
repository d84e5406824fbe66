package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"
)

// gate is a MongoDB wire-protocol proxy in front of FerretDB that runs write commands one
// at a time. See the package documentation (main.go) for why and what it guarantees.
//
// Each client connection gets a backend connection of its own and works in lockstep: the
// gate reads one whole request from the client, forwards it, and forwards the reply (and the
// further replies while they carry moreToCome) before it reads the next request. A request
// that may write (see classify) holds writeMu from before it is forwarded until its last reply
// has been written to the client; reads take no lock and run concurrently with everything.
type gate struct {
	// dial opens a connection to the backend (FerretDB's internal listener).
	dial func(ctx context.Context) (net.Conn, error)
	log  *slog.Logger

	// writeMu is the one global write lock.
	writeMu sync.Mutex

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

func newGate(backendAddr string, log *slog.Logger) *gate {
	d := &net.Dialer{Timeout: 10 * time.Second}
	return &gate{
		dial: func(ctx context.Context) (net.Conn, error) { return d.DialContext(ctx, "tcp", backendAddr) },
		log:  log,
	}
}

// serve accepts client connections until ln is closed (then it returns nil).
func (g *gate) serve(ln net.Listener) error {
	var backoff time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			// Out of file descriptors and the like: wait a little, as net/http does.
			if isTemporary(err) {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				g.log.Warn("accept failed; retrying", "error", err, "in", backoff)
				time.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		if !g.track(conn) {
			_ = conn.Close()
			return nil
		}
		g.wg.Add(1)
		go func() {
			defer g.wg.Done()
			defer g.untrack(conn)
			g.proxy(conn)
		}()
	}
}

func isTemporary(err error) bool {
	var t interface{ Temporary() bool }
	return errors.As(err, &t) && t.Temporary()
}

// track registers a connection so that close can close it; false once the gate is closed.
func (g *gate) track(c net.Conn) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	if g.conns == nil {
		g.conns = make(map[net.Conn]struct{})
	}
	g.conns[c] = struct{}{}
	return true
}

func (g *gate) untrack(c net.Conn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.conns, c)
}

// close closes every connection the gate holds and waits for their goroutines to end.
// The caller closes the listener.
func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	for c := range g.conns {
		_ = c.Close()
	}
	g.mu.Unlock()
	g.wg.Wait()
}

// turn is what the backend-to-client side expects after a request was forwarded.
type turn struct {
	requestID int32
	// discard: the client sent moreToCome (it wants no reply); the gate asked the backend for
	// one anyway, to know when the request is done, and drops it.
	discard bool
}

// bufferKeep is the largest message buffer kept for the next message of a connection.
const bufferKeep = 1 << 20

// proxy serves one client connection until either side closes or breaks the protocol.
func (g *gate) proxy(client net.Conn) {
	defer client.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	backend, err := g.dial(ctx)
	cancel()
	if err != nil {
		g.log.Warn("cannot reach FerretDB; closing the client connection", "client", client.RemoteAddr(), "error", err)
		return
	}
	if !g.track(backend) {
		_ = backend.Close()
		return
	}
	defer g.untrack(backend)

	var once sync.Once
	closed := make(chan struct{})
	// shut closes both sides; the first error is logged (clean closes are not).
	shut := func(side string, err error) {
		once.Do(func() {
			if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				level := slog.LevelDebug
				if errors.Is(err, errProtocol) {
					level = slog.LevelWarn
				}
				g.log.Log(context.Background(), level, "closing proxied connection", "client", client.RemoteAddr(), "side", side, "error", err)
			}
			close(closed)
			_ = client.Close()
			_ = backend.Close()
		})
	}

	turns := make(chan turn, 1)    // client side -> backend side: a request was forwarded
	done := make(chan struct{}, 1) // backend side -> client side: its last reply was handled
	go g.replies(backend, client, turns, done, shut)

	clientR := bufio.NewReaderSize(client, 64<<10)
	var buf []byte
	for {
		req, err := readMessage(clientR, buf)
		if err != nil {
			shut("client", err)
			return
		}
		if cap(req) <= bufferKeep {
			buf = req[:0]
		} else {
			buf = nil
		}

		_, write := classify(req)
		t := turn{requestID: req.requestID()}
		if req.moreToCome() {
			// FerretDB v1 answers even these, and a server that honours the flag would not:
			// ask for the answer explicitly, so that there is always exactly one to wait for.
			if err := clearMoreToCome(req); err != nil {
				shut("client", err)
				return
			}
			t.discard = true
		}

		if write {
			g.writeMu.Lock()
		}
		turns <- t // buffered and empty: the previous turn was consumed before done
		_, err = backend.Write(req)
		if err == nil {
			select {
			case <-done:
			case <-closed:
				err = net.ErrClosed
			}
		}
		if write {
			g.writeMu.Unlock()
		}
		if err != nil {
			shut("backend", err)
			return
		}
	}
}

// replies forwards the backend's replies to the client: for each turn, replies until one
// without moreToCome, then signals done. A reply that no request asked for, or that answers
// another request, breaks the lockstep: the connection is closed.
func (g *gate) replies(backend, client net.Conn, turns <-chan turn, done chan<- struct{}, shut func(string, error)) {
	backendR := bufio.NewReaderSize(backend, 64<<10)
	var buf []byte
	var (
		current turn
		active  bool // a turn is in progress
		first   bool // the next reply is the first of the turn
	)
	for {
		res, err := readMessage(backendR, buf)
		if err != nil {
			shut("backend", err)
			return
		}
		if cap(res) <= bufferKeep {
			buf = res[:0]
		} else {
			buf = nil
		}

		if !active {
			select {
			case current = <-turns:
				active, first = true, true
			default:
				shut("backend", fmt.Errorf("%w: reply without a request", errProtocol))
				return
			}
		}
		if first && res.responseTo() != current.requestID {
			shut("backend", fmt.Errorf("%w: reply to request %d, expected %d", errProtocol, res.responseTo(), current.requestID))
			return
		}
		first = false

		if !current.discard {
			if _, err := client.Write(res); err != nil {
				shut("client", err)
				return
			}
		}
		if res.opCode() == opMsg && res.moreToCome() {
			continue
		}
		active = false
		done <- struct{}{} // buffered and empty: the client side waits for it before the next turn
	}
}
