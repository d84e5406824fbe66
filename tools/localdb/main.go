// Command ferretdb-local runs FerretDB v1 with its embedded SQLite storage
// as a local MongoDB-compatible server for development and tests.
//
// Usage:
//
//	ferretdb-local -dir <sqlite dir> -addr 127.0.0.1:<port> [-log-level warn] [-exit-on-stdin-eof]
//
// It logs at warn level to stderr, prints one line "listening <addr>" to
// stdout once the TCP listener is bound, and exits cleanly on SIGTERM/SIGINT
// (and, with -exit-on-stdin-eof, when its stdin is closed: a parent process
// that holds the other end of a pipe can die without leaving it running).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
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

	// The embedded API keeps state in memory only, disables telemetry, and
	// starts no debug HTTP server. New binds the listener before returning.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + filepath.ToSlash(abs) + "/",
	})
	if err != nil {
		return err
	}

	done := make(chan struct{})

	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()

	// MongoDBURI waits for the TCP listener, which is already bound at this point.
	uri := f.MongoDBURI()
	host := strings.TrimSuffix(strings.TrimPrefix(uri, "mongodb://"), "/")
	fmt.Fprintf(os.Stdout, "listening %s\n", host)

	<-done

	return nil
}
