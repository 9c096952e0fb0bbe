package smtp.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import smtp.queue.internal.ControlCommands;
import smtp.queue.internal.ControlServer;
import smtp.queue.internal.QueueEngine;
import smtp.queue.internal.QueueFormat;
import smtp.queue.internal.Spool;
import smtp.queue.internal.SpoolBusyException;
import smtp.queue.internal.SpoolReader;

/**
 * Queue administration in the spirit of Postfix's mailq, postqueue and postsuper: list, show,
 * flush, delete, hold and release, with or without a running queue.
 *
 * <p>How it works while the server runs: listings read the spool files directly (message files
 * never change once accepted; state files are replaced atomically). Changes are sent to the
 * running queue over its control socket ({@code <spool>/control.sock}), so that the process
 * that owns the spool stays its only writer. When no queue runs (its lock is free), changes are
 * applied to the files directly under the lock.
 *
 * <p>Command line ({@link #run}): {@code list}, {@code show <id>}, {@code flush},
 * {@code delete <id>...|ALL}, {@code hold <id>...|ALL}, {@code release <id>...|ALL}.
 */
public final class QueueAdmin {

    private final Path spool;

    private QueueAdmin(Path spool) {
        this.spool = spool;
    }

    /** Administration of the spool in {@code directory}. */
    public static QueueAdmin of(Path directory) {
        return new QueueAdmin(directory);
    }

    /** Every message with its state, by arrival. Damaged files are skipped (recovery quarantines them). */
    public List<QueueEntry> list() throws IOException {
        Path queue = spool.resolve("queue");
        if (!Files.isDirectory(queue)) {
            return List.of();
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (SpoolReader.Found f : SpoolReader.scan(queue)) {
            if (f instanceof SpoolReader.Found.Entry e) {
                entries.add(e.entry());
            }
        }
        return entries;
    }

    /** One message with its state. */
    public Optional<QueueEntry> show(QueueId id) throws IOException {
        Optional<SpoolReader.Found> f = SpoolReader.read(spool.resolve("queue"), id);
        return f.filter(x -> x instanceof SpoolReader.Found.Entry).map(x -> ((SpoolReader.Found.Entry) x).entry());
    }

    /** The octets that would be delivered (trace fields, then the content). */
    public Optional<byte[]> content(QueueId id) throws IOException {
        try (InputStream in = SpoolReader.openContent(spool.resolve("queue").resolve(id + ".msg"))) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Retries every message not on hold now ({@code postqueue -f}); returns how many. */
    public int flush() throws IOException {
        return count(command("flush"));
    }

    /** Puts messages on hold ({@code postsuper -h}); returns the ids found. */
    public List<QueueId> hold(Collection<QueueId> ids) throws IOException {
        return found(command("hold" + join(ids)));
    }

    /** Releases held messages and tries them now ({@code postsuper -H}); returns the ids found. */
    public List<QueueId> release(Collection<QueueId> ids) throws IOException {
        return found(command("release" + join(ids)));
    }

    /** Removes messages without notifying anyone ({@code postsuper -d}); returns the ids found. */
    public List<QueueId> delete(Collection<QueueId> ids) throws IOException {
        return found(command("delete" + join(ids)));
    }

    /** Sends a command to the running queue, or applies it to the spool when none runs. */
    private String command(String line) throws IOException {
        String response;
        try (Spool owned = Spool.open(SpoolConfig.of(spool), Clock.systemUTC())) {
            QueueEngine engine = new QueueEngine(owned, Clock.systemUTC(), RetryPolicy.DEFAULT, DsnConfig.of("localhost"),
                    r -> {
                        throw new IllegalStateException("the administration command does not deliver");
                    }, QueueLimits.DEFAULT);
            engine.load(owned.recover());
            response = ControlCommands.execute(engine, line);
        } catch (SpoolBusyException busy) {
            response = ControlServer.send(spool, line);
        }
        if (response.startsWith("ERR ")) {
            throw new IOException(response.substring(4));
        }
        return response;
    }

    private static String join(Collection<QueueId> ids) {
        StringBuilder sb = new StringBuilder();
        ids.forEach(id -> sb.append(' ').append(id));
        return sb.toString();
    }

    private static int count(String ok) {
        return Integer.parseInt(ok.split(" ")[1]);
    }

    private static List<QueueId> found(String ok) {
        String[] words = ok.split(" ");
        List<QueueId> ids = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            QueueId.parse(words[i]).ifPresent(ids::add);
        }
        return ids;
    }

    /**
     * The {@code queue} subcommand: {@code args} are what follows it. Returns the exit status:
     * 0 done, 1 a message was not found or the command failed, 2 usage error.
     */
    public static int run(Path spoolDirectory, List<String> args, PrintStream out, PrintStream err) {
        QueueAdmin admin = of(spoolDirectory);
        if (args.isEmpty()) {
            return usage(err);
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            switch (verb) {
                case "list" -> {
                    QueueFormat.list(admin.list(), out);
                    return 0;
                }
                case "show" -> {
                    if (rest.size() != 1) {
                        return usage(err);
                    }
                    Optional<QueueId> id = QueueId.parse(rest.get(0));
                    Optional<QueueEntry> e = id.isPresent() ? admin.show(id.get()) : Optional.empty();
                    Optional<byte[]> content = id.isPresent() ? admin.content(id.get()) : Optional.empty();
                    if (e.isEmpty() || content.isEmpty()) {
                        err.println("queue: no message " + rest.get(0));
                        return 1;
                    }
                    QueueFormat.show(e.get(), out);
                    out.println("--- message ---");
                    out.write(content.get());
                    out.flush();
                    return 0;
                }
                case "flush" -> {
                    out.println("queue: flushed " + admin.flush() + " message(s)");
                    return 0;
                }
                case "delete", "hold", "release" -> {
                    if (rest.isEmpty()) {
                        return usage(err);
                    }
                    List<QueueId> ids = new ArrayList<>();
                    boolean all = rest.equals(List.of("ALL"));
                    if (all) {
                        admin.list().forEach(x -> ids.add(x.id()));
                    } else {
                        for (String a : rest) {
                            Optional<QueueId> id = QueueId.parse(a);
                            if (id.isEmpty()) {
                                err.println("queue: not a queue id: " + a);
                                return 2;
                            }
                            ids.add(id.get());
                        }
                    }
                    List<QueueId> done = switch (verb) {
                        case "delete" -> admin.delete(ids);
                        case "hold" -> admin.hold(ids);
                        default -> admin.release(ids);
                    };
                    String past = verb.equals("delete") ? "deleted" : verb.equals("hold") ? "held" : "released";
                    done.forEach(id -> out.println(id + ": " + past));
                    List<QueueId> missing = ids.stream().filter(id -> !done.contains(id)).toList();
                    missing.forEach(id -> err.println("queue: no message " + id));
                    return missing.isEmpty() ? 0 : 1;
                }
                default -> {
                    return usage(err);
                }
            }
        } catch (IOException e) {
            err.println("queue: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: queue list | show <id> | flush | delete <id>...|ALL | hold <id>...|ALL | release <id>...|ALL");
        return 2;
    }
}
