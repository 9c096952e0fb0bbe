package smtp.queue.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;

/**
 * The administration commands, one line each, as sent over the control socket and applied to a
 * {@link QueueEngine}:
 *
 * <pre>
 * request  = verb *( SP argument ) LF
 * verb     = "ping" / "flush" / "hold" / "release" / "delete"
 * argument = queue-id / "ALL"
 * response = ( "OK " count *( SP queue-id ) / "ERR " text ) LF
 * </pre>
 *
 * {@code count} is the number of messages affected; the ids are those found.
 */
public final class ControlCommands {

    /** Longest request line accepted (about 3,500 queue ids). */
    static final int MAX_LINE = 65_536;

    private ControlCommands() {
    }

    /** Executes one request line and returns the response line (without LF). */
    public static String execute(QueueEngine engine, String line) {
        String[] words = line.strip().split(" +");
        String verb = words[0].toLowerCase(Locale.ROOT);
        try {
            return switch (verb) {
                case "ping" -> "OK 0";
                case "flush" -> {
                    int n = engine.flush();
                    engine.wakeUp();
                    yield "OK " + n;
                }
                case "hold", "release", "delete" -> {
                    Optional<List<QueueId>> ids = ids(engine, words);
                    if (ids.isEmpty()) {
                        yield "ERR not a queue id in: " + line.strip();
                    }
                    List<QueueId> done = verb.equals("delete") ? engine.delete(ids.get())
                            : engine.hold(ids.get(), verb.equals("hold"));
                    engine.wakeUp();
                    yield "OK " + done.size() + done.stream().map(id -> " " + id).reduce("", String::concat);
                }
                default -> "ERR unknown command " + verb;
            };
        } catch (IOException e) {
            return "ERR " + e.getMessage();
        }
    }

    private static Optional<List<QueueId>> ids(QueueEngine engine, String[] words) {
        List<QueueId> ids = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals("ALL")) {
                engine.entries().stream().map(QueueEntry::id).forEach(ids::add);
                continue;
            }
            Optional<QueueId> id = QueueId.parse(words[i]);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            ids.add(id.get());
        }
        return Optional.of(ids);
    }
}
