package smtp.benchmarks.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import smtp.dns.MxRecord;

/** The same in-memory zone behind jSPF's {@link DNSService} interface (no records is null, as its dnsjava service answers). */
final class JspfDns implements DNSService {

    private final SpfZone zone;
    private int recordLimit = 10;

    JspfDns(SpfZone zone) {
        this.zone = zone;
    }

    @Override
    public List<String> getRecords(DNSRequest request) {
        String name = request.getHostname().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        List<String> out = switch (request.getRecordType()) {
            case DNSRequest.TXT -> zone.txt.get(name);
            case DNSRequest.A -> zone.a.get(name);
            case DNSRequest.AAAA -> zone.aaaa.get(name);
            case DNSRequest.MX -> {
                List<MxRecord> mx = zone.mx.get(name);
                if (mx == null) {
                    yield null;
                }
                List<String> hosts = new ArrayList<>();
                mx.forEach(r -> hosts.add(r.exchange()));
                yield hosts;
            }
            default -> null;
        };
        return out == null ? null : new ArrayList<>(out);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        return CompletableFuture.completedFuture(getRecords(request));
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of("localhost");
    }

    @Override
    public void setTimeOut(int timeOut) {
    }

    @Override
    public int getRecordLimit() {
        return recordLimit;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        this.recordLimit = recordLimit;
    }
}
