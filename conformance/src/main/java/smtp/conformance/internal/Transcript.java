package smtp.conformance.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded record of one scenario's dialogue for the reports: {@code C:} for octets sent,
 * {@code S:} for lines received, {@code --} for events. Control characters and non-ASCII
 * octets are shown as escapes ({@code \r}, {@code \n}, {@code \x00}), so that a bare LF is visible.
 */
public final class Transcript {

    /** At most this many entries are kept; later ones are counted, not stored. */
    public static final int MAX_ENTRIES = 300;
    static final int MAX_ENTRY_CHARS = 240;

    private final List<String> entries = new ArrayList<>();
    private int dropped;

    /** Octets sent: one entry per CRLF-terminated line (a partial line is its own entry). */
    public void client(byte[] octets) {
        int start = 0;
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == '\n' && i > 0 && octets[i - 1] == '\r') {
                add("C: " + escape(octets, start, i - 1 - start));
                start = i + 1;
            }
        }
        if (start < octets.length) {
            add("C: " + escape(octets, start, octets.length - start) + "  (no CRLF)");
        }
    }

    /** A line received, as decoded. */
    public void server(String line) {
        add("S: " + escapeText(line));
    }

    /** An event: TLS handshake, a summary of a large body, a write failure. */
    public void note(String text) {
        add("-- " + text);
    }

    public List<String> entries() {
        List<String> copy = new ArrayList<>(entries);
        if (dropped > 0) {
            copy.add("-- (" + dropped + " more transcript lines not kept)");
        }
        return copy;
    }

    private void add(String entry) {
        if (entries.size() >= MAX_ENTRIES) {
            dropped++;
        } else {
            entries.add(clip(entry, MAX_ENTRY_CHARS));
        }
    }

    /** Shortens {@code s} to {@code max} characters, saying how much was cut. */
    public static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + (s.length() - max) + " more)";
    }

    static String escape(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, MAX_ENTRY_CHARS + 16));
        for (int i = off; i < off + len && sb.length() <= MAX_ENTRY_CHARS + 16; i++) {
            appendOctet(sb, b[i] & 0xff);
        }
        if (len > 0 && sb.length() > MAX_ENTRY_CHARS + 16) {
            sb.append("...");
        }
        return sb.toString();
    }

    static String escapeText(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                appendOctet(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static void appendOctet(StringBuilder sb, int o) {
        switch (o) {
            case '\r' -> sb.append("\\r");
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (o < 0x20 || o >= 0x7f) {
                    sb.append(String.format("\\x%02X", o));
                } else {
                    sb.append((char) o);
                }
            }
        }
    }
}
