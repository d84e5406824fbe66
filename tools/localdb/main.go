// Command ferretdb-local runs FerretDB v1 with its embedded SQLite storage
// as a local MongoDB-compatible server for development and tests.
//
// Usage:
//
//	ferretdb-local -dir <sqlite dir> -addr 127.0.0.1:<port> [-log-level warn] [-exit-on-stdin-eof]
//
// It logs at warn level to stderr, prints one line "listening <addr>" to
// stdout once the TCP listener on -addr is bound, and exits cleanly on SIGTERM/SIGINT
// (and, with -exit-on-stdin-eof, when its stdin is closed: a parent process
// that holds the other end of a pipe can die without leaving it running).
//
// # The write gate
//
// FerretDB v1 does not apply a write to a document atomically: an update (and findAndModify,
// and an upsert) reads the matching documents, applies the update operators in Go, and then
// replaces each document by _id, with nothing between the read and the write that stops another
// writer. Concurrent writers on one document therefore overwrite each other: 50 concurrent
// $inc of one field ended at 2-6, 50 concurrent updateOne({_id, rev: n}, {$set: {rev: n+1}})
// all reported modifiedCount 1, and concurrent upserts of one new _id failed with E11000.
// MongoDB makes every write to a single document atomic, and application code relies on that
// (optimistic revisions, counters, claims with findOneAndUpdate).
//
// So FerretDB listens only on an internal loopback port, and clients connect to a small
// MongoDB wire-protocol proxy in front of it (gate.go). Each client connection is relayed
// to a backend connection of its own in lockstep: one whole request, then its reply (or
// replies, while they carry the OP_MSG moreToCome flag). The gate reads the command name
// of each OP_MSG request (the first key of its body document) and runs every command that
// may write (insert, update, delete, findAndModify, create, drop, dropDatabase, the index,
// collection and user commands, aggregate with $out or $merge, any command it does not
// know to be a read, and any message it cannot parse) under one global lock, held from
// before the request is forwarded until its last reply has been written to the client.
// Reads (find, getMore, aggregate, count, distinct, hello, ping, listCollections, ...)
// take no lock.
//
// Guarantee: no two write commands are ever inside FerretDB at the same time, so each one
// reads and writes documents that no other write changes meanwhile: every single-document
// write is atomic, as in MongoDB (and a multi-document write is not interleaved with other
// writes, though readers may see it half done, as in MongoDB). Reads see each document
// either before or after a write. The cost is that writes do not run in parallel, which
// SQLite does not do anyway. This holds only for clients of the gate: nothing but the gate
// should connect to FerretDB's internal port, and a write cut off by the gate's shutdown
// may still be running when the lock is released.
//
// Requests with moreToCome (unacknowledged writes, w: 0) expect no reply; FerretDB v1
// replies to them anyway, which left that stray reply to be read as the answer to the
// client's next request. The gate clears the flag, waits for the reply (so the write lock
// covers the whole write) and drops it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dir := flag.String("dir", "", "directory for the SQLite databases (created if missing)")
	addr := flag.String("addr", "127.0.0.1:27017", "TCP address to listen on (port 0 picks a free port)")
	level := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	stdinEOF := flag.Bool("exit-on-stdin-eof", false, "shut down when stdin reaches end of file")
	flag.Parse()

	if err := run(*dir, *addr, *level, *stdinEOF); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-local:", err)
		os.Exit(1)
	}
}

func run(dir, addr, level string, stdinEOF bool) error {
	if dir == "" {
		return errors.New("-dir is required")
	}

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", level, err)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))
	slog.SetDefault(logger)

	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}

	if err = os.MkdirAll(abs, 0o755); err != nil {
		return err
	}

	// FerretDB's SQLite backend wants a directory URI ending with a slash.
	// Only the path part is used, so characters like '?' and '#' would break it.
	if strings.ContainsAny(abs, "?#") {
		return fmt.Errorf("-dir %q must not contain '?' or '#'", abs)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if stdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// FerretDB itself listens on an internal loopback port that only the gate uses. The
	// embedded API keeps state in memory only, disables telemetry, and starts no debug HTTP
	// server. New binds the listener before returning.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + filepath.ToSlash(abs) + "/",
	})
	if err != nil {
		return err
	}

	ferretCtx, stopFerret := context.WithCancel(context.Background())
	ferretDone := make(chan struct{})

	go func() {
		defer close(ferretDone)
		_ = f.Run(ferretCtx)
	}()

	stopFerretAndWait := func() {
		stopFerret()
		<-ferretDone
	}

	// MongoDBURI waits for the TCP listener, which is already bound at this point.
	uri := f.MongoDBURI()
	backend := strings.TrimSuffix(strings.TrimPrefix(uri, "mongodb://"), "/")

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		stopFerretAndWait()
		return err
	}

	g := newGate(backend, logger)
	served := make(chan error, 1)

	go func() {
		served <- g.serve(ln)
	}()

	fmt.Fprintf(os.Stdout, "listening %s\n", ln.Addr())

	select {
	case <-ctx.Done():
	case err = <-served:
		if err == nil {
			err = errors.New("the listener closed")
		}
	case <-ferretDone:
		err = errors.New("FerretDB stopped")
	}

	// The gate first (no new requests), then FerretDB.
	_ = ln.Close()
	g.close()
	stopFerretAndWait()

	return err
}
