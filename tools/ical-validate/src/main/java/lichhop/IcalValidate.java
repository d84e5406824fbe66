package lichhop;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Strict RFC 5545 check of iCalendar files with ical4j: each file is parsed by CalendarBuilder
 * (strict parsing, the library's defaults) and checked by Calendar.validate(). One JVM checks
 * every file given, so a test pays the JVM start-up once.
 *
 * Usage: java -jar ical-validate.jar <file.ics | directory>...
 * Output, one line per finding, tab-separated:
 *   OK    <file>
 *   WARN  <file>  <message> (<context>)
 *   FAIL  <file>  <message> (<context>)
 * Exit status: 0 when every file parses and has no ERROR entry, 1 otherwise, 2 for bad usage.
 */
public final class IcalValidate {
    private IcalValidate() {
    }

    public static void main(String[] args) throws IOException {
        // No network (time zone updates) and no JCache dependency: the files carry their VTIMEZONEs.
        System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
        System.setProperty("net.fortuna.ical4j.timezone.cache.impl", "net.fortuna.ical4j.util.MapTimeZoneCache");
        if (args.length == 0) {
            System.err.println("usage: java -jar ical-validate.jar <file.ics | directory>...");
            System.exit(2);
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path p = Paths.get(arg);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    files.addAll(s.filter(f -> f.toString().endsWith(".ics")).sorted().collect(Collectors.toList()));
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            System.err.println("no .ics file given");
            System.exit(2);
        }
        int failed = 0;
        for (Path file : files) {
            if (!check(file)) failed++;
        }
        System.out.println("SUMMARY\t" + files.size() + " files\t" + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Prints the findings of one file; true when it is valid. */
    private static boolean check(Path file) {
        Calendar calendar;
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            print("FAIL", file, "parse error: " + e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            print("FAIL", file, "cannot read: " + e);
            return false;
        }
        ValidationResult result;
        try {
            result = calendar.validate();
        } catch (RuntimeException e) { // ValidationException included
            print("FAIL", file, "validation: " + e.getMessage());
            return false;
        }
        boolean ok = true;
        for (ValidationEntry entry : result.getEntries()) {
            boolean error = entry.getSeverity() == ValidationEntry.Severity.ERROR;
            if (error) ok = false;
            if (entry.getSeverity() != ValidationEntry.Severity.INFO) {
                print(error ? "FAIL" : "WARN", file, entry.getMessage() + " (" + entry.getContext() + ")");
            }
        }
        if (ok) print("OK", file, null);
        return ok;
    }

    private static void print(String status, Path file, String message) {
        String clean = message == null ? null : message.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        System.out.println(status + "\t" + file + (clean == null ? "" : "\t" + clean));
    }
}
