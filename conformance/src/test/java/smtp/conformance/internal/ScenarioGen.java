package smtp.conformance.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import smtp.conformance.ClientText;
import smtp.conformance.Level;
import smtp.conformance.ReplyPattern;
import smtp.conformance.Scenario;
import smtp.conformance.Step;

/** QuickTheories generators of valid scenario models, in the canonical form the parser produces. */
final class ScenarioGen {

    private ScenarioGen() {
    }

    static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789.-";
    static final String KEYWORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789-";
    static final String TEXT_CHARS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,;:'\"()[]<>@#$%&*+=/?!|\\^_`{}~-\tüß日本\u2028";

    /** A thin wrapper over the randomness source. */
    static final class R {
        final RandomnessSource in;

        R(RandomnessSource in) {
            this.in = in;
        }

        int between(int lo, int hi) {
            return (int) in.next(Constraint.between(lo, hi));
        }

        boolean bool() {
            return between(0, 1) == 1;
        }

        String from(String chars, int min, int max) {
            int n = between(min, max);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(chars.charAt(between(0, chars.length() - 1)));
            }
            return sb.toString();
        }

        <T> T pick(List<T> values) {
            return values.get(between(0, values.size() - 1));
        }
    }

    static Gen<List<Scenario>> files() {
        return in -> {
            R r = new R(in);
            int n = r.between(0, 4);
            List<Scenario> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(scenario(r, "s" + i + "-" + r.from(ID_CHARS, 0, 10)));
            }
            return all;
        };
    }

    static Scenario scenario(R r, String id) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Expect(pattern(r)));
        int n = r.between(0, 10);
        boolean tls = false;
        for (int i = 0; i < n; i++) {
            Step s = step(r);
            tls |= s instanceof Step.StartTls;
            steps.add(s);
        }
        List<Scenario.Extension> extensions = new ArrayList<>();
        for (int i = r.between(0, 3); i > 0; i--) {
            List<String> params = new ArrayList<>();
            for (int j = r.between(0, 2); j > 0; j--) {
                params.add(r.from("!\"#$%&'()*+-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~", 1, 8));
            }
            extensions.add(new Scenario.Extension(keyword(r), params));
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (int i = r.between(0, 3); i > 0; i--) {
            tags.add(r.from("abcxyz019", 1, 1) + r.from(ID_CHARS, 0, 6));
        }
        Scenario.Transport transport = tls || r.bool() ? Scenario.Transport.PLAIN : Scenario.Transport.ANY;
        return new Scenario(id, text(r), text(r), r.pick(List.of(Level.values())), text(r), extensions,
                List.copyOf(tags), transport, steps);
    }

    static String keyword(R r) {
        String k = r.from("ABCXYZ0189", 1, 1) + r.from(KEYWORD_CHARS, 0, 10);
        return k.matches(".*-[0-9]+") ? k + "X" : k;
    }

    /** Header-like text: no control characters, no surrounding white space, not empty. */
    static String text(R r) {
        String t = r.from(TEXT_CHARS, 1, 30).replace('\t', ' ').strip();
        return t.isEmpty() ? "t" : t;
    }

    static Step step(R r) {
        return switch (r.between(0, 9)) {
            case 0, 1 -> new Step.Send(clientText(r, false), true);
            case 2 -> new Step.Send(clientText(r, true), false);
            case 3, 4 -> new Step.Expect(pattern(r));
            case 5 -> new Step.StartTls();
            case 6 -> new Step.Authenticate(r.pick(List.of(Step.Mechanism.values())), r.bool());
            case 7 -> new Step.Pause(Duration.ofMillis(r.between(0, 10_000)));
            case 8 -> r.bool() ? new Step.ExpectClose() : new Step.Advertised(keyword(r), r.bool());
            default -> new Step.Body(new ClientText(List.of(r.bool()
                    ? new ClientText.Literal(Integer.toString(r.between(0, 999_999_999)))
                    : parameter(r))));
        };
    }

    /** Client text in canonical form: adjacent literals merged. */
    static ClientText clientText(R r, boolean nonEmpty) {
        List<ClientText.Part> parts = new ArrayList<>();
        int n = r.between(nonEmpty ? 1 : 0, 5);
        for (int i = 0; i < n; i++) {
            ClientText.Part p = switch (r.between(0, 3)) {
                case 0, 1 -> {
                    StringBuilder octets = new StringBuilder();
                    for (int j = r.between(1, 12); j > 0; j--) {
                        octets.append((char) (r.bool() ? r.between(0x20, 0x7e) : r.between(0, 0xff)));
                    }
                    yield new ClientText.Literal(octets.toString());
                }
                case 2 -> parameter(r);
                default -> new ClientText.Repeat(r.between(1, ClientText.MAX_REPEAT),
                        r.from("abcxyz0189!#%&*+-./;<=>?@[]^_`{|~", 1, 5));
            };
            if (p instanceof ClientText.Literal l && !parts.isEmpty() && parts.getLast() instanceof ClientText.Literal prev) {
                parts.set(parts.size() - 1, new ClientText.Literal(prev.octets() + l.octets()));
            } else {
                parts.add(p);
            }
        }
        return new ClientText(parts);
    }

    static ClientText.Parameter parameter(R r) {
        if (r.bool()) {
            return new ClientText.Parameter(r.pick(List.copyOf(new java.util.TreeSet<>(ClientText.PARAMETERS))), 0);
        }
        return new ClientText.Parameter("ehlo:" + keyword(r), r.bool() ? 0 : r.between(-1_000_000, 1_000_000));
    }

    static ReplyPattern pattern(R r) {
        List<ReplyPattern.Alternative> alternatives = new ArrayList<>();
        for (int i = r.between(1, 4); i > 0; i--) {
            alternatives.add(switch (r.between(0, 5)) {
                case 0 -> new ReplyPattern.Closed();
                case 1 -> new ReplyPattern.Any();
                case 2 -> new ReplyPattern.Status(status(r, r.pick(List.of(2, 4, 5))));
                default -> {
                    String code = r.from("2345.", 1, 1) + r.from("0123456789.", 2, 2);
                    int cls = code.charAt(0) == '.' || code.charAt(0) == '3' ? r.pick(List.of(2, 4, 5)) : code.charAt(0) - '0';
                    boolean statusAllowed = code.charAt(0) != '3';
                    yield new ReplyPattern.Code(code, r.bool() ? Optional.of(keyword(r)) : Optional.empty(),
                            statusAllowed && r.bool() ? Optional.of(status(r, cls)) : Optional.empty());
                }
            });
        }
        String note = r.bool() ? "" : "n" + r.from(TEXT_CHARS, 0, 20).strip();
        return new ReplyPattern(alternatives, note);
    }

    static ReplyPattern.StatusPattern status(R r, int cls) {
        return new ReplyPattern.StatusPattern(cls, r.between(-1, 999), r.between(-1, 999));
    }
}
