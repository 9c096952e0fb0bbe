package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smtp.queue.Delivery;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.MailQueue;
import smtp.queue.QueueConfig;
import smtp.queue.QueueLimits;
import smtp.queue.Route;
import smtp.queue.TraceFields;
import smtp.queue.Transport;

/**
 * The process that {@link CrashTest} kills with SIGKILL: a mail queue behind the smtp.session
 * server machine on a loopback port, optionally delivering everything to a sink file (one line
 * per delivery, with the message's {@code X-Attempt} value, synced before the delivery counts).
 *
 * <p>Arguments: {@code <spool> <sink> receive|deliver <port>}. Prints {@code READY <port>} once
 * it accepts connections; runs until killed.
 */
public final class CrashReceiver {

    private static final Pattern ATTEMPT = Pattern.compile("X-Attempt: (\\S+)\r\n");

    private CrashReceiver() {
    }

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        Path sink = Path.of(args[1]);
        boolean deliver = args[2].equals("deliver");
        int port = Integer.parseInt(args[3]);
        Transport sinkTransport = new FileSink(sink);
        // Few deliveries at a time, each taking a while, so that the kills land in the middle of them.
        QueueConfig config = QueueConfig.of(spool, "crash.test").withLimits(new QueueLimits(4, 4, 100, 1000));
        MailQueue queue = MailQueue.open(config, r -> new Route(sinkTransport, "sink"));
        if (deliver) {
            queue.start();
        }
        SmtpReceiver receiver = new SmtpReceiver(port, queue.messageStore(TraceFields.NONE));
        System.out.println("READY " + receiver.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Appends each delivered message's X-Attempt value to a file and syncs it. */
    static final class FileSink implements Transport {
        private final FileChannel out;

        FileSink(Path file) throws IOException {
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        @Override
        public String name() {
            return "sink";
        }

        @Override
        public List<DeliveryOutcome> deliver(Delivery d) throws IOException {
            byte[] content;
            try (InputStream in = d.content().open()) {
                content = in.readAllBytes();
            }
            Matcher m = ATTEMPT.matcher(new String(content, StandardCharsets.US_ASCII));
            String id = m.find() ? m.group(1) : "unknown";
            try {
                Thread.sleep(20); // a remote server's end-of-data round trip
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                out.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
                out.force(false);
            }
            return d.recipients().stream().<DeliveryOutcome>map(r -> new DeliveryOutcome.Delivered(
                    DeliveryOutcome.Handoff.LOCAL_DELIVERY, Diagnostic.local(250, "2.0.0", "in the sink"))).toList();
        }
    }
}
