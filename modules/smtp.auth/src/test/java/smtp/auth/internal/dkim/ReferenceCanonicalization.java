package smtp.auth.internal.dkim;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive, whole-body transcription of RFC 6376 §3.4.3 and §3.4.4 (split into
 * lines, fix each line, drop the empty lines at the end), to check the streaming
 * canonicalizers against.
 */
final class ReferenceCanonicalization {

    private ReferenceCanonicalization() {
    }

    /** Lines split at CRLF; the last element is the text after the last CRLF (maybe empty). */
    static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(body, start, i));
                start = i + 2;
                i++;
            }
        }
        lines.add(java.util.Arrays.copyOfRange(body, start, body.length));
        return lines;
    }

    static byte[] simple(byte[] body) {
        List<byte[]> lines = lines(body);
        byte[] last = lines.remove(lines.size() - 1); // text after the last CRLF
        if (last.length > 0) {
            lines.add(last); // "no trailing CRLF on the message body, a CRLF is added"
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).length == 0) {
            lines.remove(lines.size() - 1); // "ignores all empty lines at the end of the message body"
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        if (lines.isEmpty()) {
            out.writeBytes(new byte[] {'\r', '\n'}); // "a completely empty or missing body is canonicalized as a single CRLF"
        }
        return out.toByteArray();
    }

    static byte[] relaxed(byte[] body) {
        List<byte[]> lines = lines(body);
        byte[] last = lines.remove(lines.size() - 1);
        if (last.length > 0) {
            lines.add(last);
        }
        List<byte[]> reduced = new ArrayList<>();
        for (byte[] l : lines) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            boolean wsp = false;
            for (byte b : l) {
                if (b == ' ' || b == '\t') {
                    wsp = true;
                } else {
                    if (wsp) {
                        o.write(' ');
                    }
                    wsp = false;
                    o.write(b);
                }
            }
            reduced.add(o.toByteArray()); // trailing WSP dropped: never written
        }
        while (!reduced.isEmpty() && reduced.get(reduced.size() - 1).length == 0) {
            reduced.remove(reduced.size() - 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : reduced) {
            out.writeBytes(l);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }
}
