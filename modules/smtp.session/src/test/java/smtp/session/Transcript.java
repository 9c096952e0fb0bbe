package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import smtp.session.testing.InMemoryMessageStore;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.MailParameters;
import smtp.wire.RcptParameters;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * Runs a {@code C:}/{@code S:} transcript (as in RFC 5321 Appendix D) against a
 * {@link ServerSession} and checks the server's replies. File format, one item per line:
 *
 * <ul>
 * <li>{@code C: text} a client line (CRLF added); consecutive C lines are sent in one piece,
 *     which is pipelining (RFC 2920) as far as the server can tell;</li>
 * <li>{@code C= text} raw client octets with escapes {@code \r \n \t \\ \0 \xHH}, no CRLF added;</li>
 * <li>{@code S: line} an expected reply line; {@code S! starttls}, {@code S! close} an expected action;</li>
 * <li>{@code T: tls} the TLS handshake completes ({@link ServerSession#tlsStarted});</li>
 * <li>{@code ! key: value} set-up: {@code match: codes} (compare only the reply codes, for the
 *     RFC's own examples whose texts are illustrative), {@code config: k=v ...},
 *     {@code user: name password}, {@code reject-rcpt|reject-mail: mailbox reply},
 *     {@code reject-message: reply}, {@code reject-connect: reply}, {@code vrfy: arg reply},
 *     {@code stored: n} (checked at the end);</li>
 * <li>{@code #} comments and blank lines.</li>
 * </ul>
 *
 * Each transcript runs twice, once in the pieces written and once one octet at a time, and both
 * runs must give the same replies.
 */
final class Transcript {

    private final String name;
    private final List<String> lines;
    private ServerConfig config = ServerConfig.defaults(new Domain("mx.example.org"));
    private boolean codesOnly;
    private boolean implicitTls;
    private final Map<String, ScramCredential> users = new HashMap<>();
    private final Map<String, Reply> rejectRcpt = new HashMap<>();
    private final Map<String, Reply> rejectMail = new HashMap<>();
    private final Map<String, Reply> vrfy = new HashMap<>();
    private Reply rejectMessage;
    private Reply rejectConnect;
    private int expectedStored = -1;
    InMemoryMessageStore lastStore;

    private Transcript(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    /** Loads and runs {@code transcripts/<file>}; returns the store of the (first) run. */
    static InMemoryMessageStore run(String file) {
        Transcript t = load(file);
        t.setUp();
        List<String> expected = t.expected();
        List<String> whole = t.execute(false);
        t.compare(expected, whole, "in the pieces written");
        InMemoryMessageStore first = t.lastStore;
        List<String> bytewise = t.execute(true);
        assertEquals(whole, bytewise, t.name + ": one octet at a time gives other replies");
        if (t.expectedStored >= 0) {
            assertEquals(t.expectedStored, first.messages().size(), t.name + ": messages stored");
        }
        return first;
    }

    static Transcript load(String file) {
        try (InputStream in = Transcript.class.getResourceAsStream("transcripts/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + file);
            }
            return new Transcript(file, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void setUp() {
        for (String line : lines) {
            if (!line.startsWith("! ")) {
                continue;
            }
            String directive = line.substring(2);
            int colon = directive.indexOf(':');
            String key = directive.substring(0, colon).strip();
            String value = directive.substring(colon + 1).strip();
            switch (key) {
                case "match" -> codesOnly = value.equals("codes");
                case "config" -> {
                    for (String kv : value.split(" +")) {
                        String[] p = kv.split("=", 2);
                        configure(p[0], p.length > 1 ? p[1] : "");
                    }
                }
                case "user" -> {
                    String[] p = value.split(" ", 2);
                    users.put(p[0], ScramCredential.derive(p[1], "salt-of-tests".getBytes(StandardCharsets.UTF_8), 4096));
                }
                case "reject-rcpt" -> rejectRcpt.put(word(value).toLowerCase(Locale.ROOT), reply(rest(value)));
                case "reject-mail" -> rejectMail.put(word(value).toLowerCase(Locale.ROOT), reply(rest(value)));
                case "vrfy" -> vrfy.put(word(value), reply(rest(value)));
                case "reject-message" -> rejectMessage = reply(value);
                case "reject-connect" -> rejectConnect = reply(value);
                case "stored" -> expectedStored = Integer.parseInt(value);
                default -> throw new IllegalArgumentException(name + ": unknown directive " + key);
            }
        }
    }

    private void configure(String key, String value) {
        config = switch (key) {
            case "hostname" -> new ServerConfig(new Domain(value), config.greetingText(), config.extensions(),
                    config.maxMessageSize(), config.maxRecipients(), config.maxErrors(), config.tlsRequired(),
                    config.authWithoutTls(), config.authMechanisms(), config.vrfyEnabled(), config.expnEnabled(),
                    config.dataPolicy(), config.timeouts());
            case "greeting" -> config.withGreetingText(value.replace('_', ' '));
            case "extensions" -> {
                Set<Extension> set = EnumSet.noneOf(Extension.class);
                for (String k : value.split(",")) {
                    if (!k.isEmpty()) {
                        set.add(Extension.ofKeyword(k).orElseThrow(() -> new IllegalArgumentException(k)));
                    }
                }
                yield config.withExtensions(set);
            }
            case "maxMessageSize" -> config.withMaxMessageSize(Long.parseLong(value));
            case "maxRecipients" -> config.withMaxRecipients(Integer.parseInt(value));
            case "maxErrors" -> config.withMaxErrors(Integer.parseInt(value));
            case "tlsRequired" -> config.withTlsRequired(Boolean.parseBoolean(value));
            case "authWithoutTls" -> config.withAuthWithoutTls(Boolean.parseBoolean(value));
            case "mechanisms" -> config.withAuthMechanisms(List.of(value.split(",")));
            case "vrfy" -> config.withVrfy(Boolean.parseBoolean(value));
            case "expn" -> config.withExpn(Boolean.parseBoolean(value));
            case "implicitTls" -> {
                implicitTls = Boolean.parseBoolean(value);
                yield config;
            }
            default -> throw new IllegalArgumentException(name + ": unknown config key " + key);
        };
    }

    private static String word(String s) {
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    private static String rest(String s) {
        return s.substring(s.indexOf(' ') + 1);
    }

    private Reply reply(String text) {
        return Reply.parse(text + "\r\n").orElseThrow();
    }

    ServerSession newSession(InMemoryMessageStore store) {
        Policy policy = new Policy() {
            @Override
            public Decision connect(ConnectionInfo connection) {
                return rejectConnect == null ? Decision.accept() : Decision.reject(rejectConnect);
            }

            @Override
            public Decision mail(Origin origin, ReversePath reversePath, MailParameters parameters) {
                Reply r = rejectMail.get(unbracket(reversePath.toString()));
                return r == null ? Decision.accept() : Decision.reject(r);
            }

            @Override
            public Decision recipient(Origin origin, ReversePath reversePath, ForwardPath forwardPath, RcptParameters p) {
                Reply r = rejectRcpt.get(unbracket(forwardPath.toString()));
                return r == null ? Decision.accept() : Decision.reject(r);
            }

            @Override
            public Decision message(Envelope envelope, MessageContent content) {
                return rejectMessage == null ? Decision.accept() : Decision.reject(rejectMessage);
            }

            @Override
            public Reply verify(ConnectionInfo connection, String argument) {
                return vrfy.getOrDefault(argument, smtp.wire.Replies.CANNOT_VRFY);
            }
        };
        ConnectionInfo connection = new ConnectionInfo(InetAddress.getLoopbackAddress(),
                implicitTls ? Optional.of(smtp.session.testing.Loopback.TLS) : Optional.empty());
        return new ServerSession(config, connection, policy, store, CredentialStores.of(users));
    }

    private static String unbracket(String path) {
        return path.replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
    }

    /** The expected events: reply lines as "S: ..." and actions as "S! ...". */
    private List<String> expected() {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("S: ") || line.startsWith("S! ") || line.equals("S:")) {
                out.add(line.equals("S:") ? "S: " : line);
            }
        }
        return out;
    }

    /** Runs the transcript; returns the server's events. */
    private List<String> execute(boolean bytewise) {
        InMemoryMessageStore store = new InMemoryMessageStore();
        lastStore = store;
        ServerSession s = newSession(store);
        List<String> events = new ArrayList<>();
        record(s.greeting(), events);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (String line : lines) {
            if (line.startsWith("C: ") || line.equals("C:")) {
                pending.writeBytes((line.length() > 3 ? line.substring(3) : "").getBytes(StandardCharsets.UTF_8));
                pending.writeBytes(new byte[] {'\r', '\n'});
            } else if (line.startsWith("C= ")) {
                pending.writeBytes(unescape(line.substring(3)));
            } else if (line.startsWith("S") || line.startsWith("T: ")) {
                feed(s, pending.toByteArray(), bytewise, events);
                pending.reset();
                if (line.equals("T: tls")) {
                    record(s.tlsStarted(smtp.session.testing.Loopback.TLS), events);
                }
            }
        }
        feed(s, pending.toByteArray(), bytewise, events);
        return events;
    }

    private static void feed(ServerSession s, byte[] bytes, boolean bytewise, List<String> events) {
        if (bytes.length == 0) {
            return;
        }
        if (bytewise) {
            for (int i = 0; i < bytes.length; i++) {
                record(s.receive(bytes, i, 1), events);
            }
        } else {
            record(s.receive(bytes), events);
        }
    }

    private static void record(List<ServerAction> actions, List<String> events) {
        for (ServerAction a : actions) {
            switch (a) {
                case ServerAction.Send send -> {
                    String text = new String(send.bytes(), StandardCharsets.UTF_8);
                    for (String l : text.split("\r\n", -1)) {
                        if (!l.isEmpty() || !text.endsWith(l)) {
                            events.add("S: " + l);
                        }
                    }
                }
                case ServerAction.StartTls t -> events.add("S! starttls");
                case ServerAction.Close c -> events.add("S! close");
            }
        }
    }

    private void compare(List<String> expected, List<String> actual, String how) {
        if (codesOnly) {
            assertEquals(codes(expected), codes(actual), name + " (" + how + "): reply codes\n" + String.join("\n", actual));
            return;
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<nothing>";
            String a = i < actual.size() ? actual.get(i) : "<nothing>";
            if (!e.equals(a)) {
                fail(name + " (" + how + "): event " + (i + 1) + "\n expected: " + e + "\n actual:   " + a
                        + "\n--- all actual events:\n" + String.join("\n", actual));
            }
        }
    }

    /** The code of each complete reply (a line whose fourth character is not "-") and the actions. */
    private static List<String> codes(List<String> events) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (e.startsWith("S! ")) {
                out.add(e);
            } else if (e.length() < 7 || e.charAt(6) != '-') {
                out.add(e.substring(3, Math.min(6, e.length())));
            }
        }
        return out;
    }

    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\' || i + 1 == raw.length) {
                out.write(raw[i]);
                continue;
            }
            char c = (char) raw[++i];
            switch (c) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + c);
            }
        }
        return out.toByteArray();
    }
}
