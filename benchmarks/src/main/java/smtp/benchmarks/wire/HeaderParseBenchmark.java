package smtp.benchmarks.wire;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import smtp.wire.HeaderAddress;
import smtp.wire.HeaderAuthor;
import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;

/**
 * RFC 5322 header parsing: {@link HeaderSection#parse} of a realistic 18-field header
 * (three Received, a folded DKIM-Signature, Authentication-Results, address and MIME fields),
 * the From: classification DMARC does, and a To: list of five addresses.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'wire.HeaderParseBenchmark' -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeaderParseBenchmark {

    static final String HEADER = """
            Return-Path: <bounces+123@mail.example.org>\r
            Received: from mail.example.org (mail.example.org [192.0.2.25])\r
            \tby mx.example.com (smtp-ref) with ESMTPS id 4Xyz123abc\r
            \tfor <bob@example.com>; Tue, 14 May 2024 09:12:01 +0000\r
            Received: from app-7.internal (app-7.internal [10.0.0.7])\r
            \tby mail.example.org with ESMTP id 99a8b7c6; Tue, 14 May 2024 09:11:59 +0000\r
            Received: by app-7.internal (Postfix, from userid 1001)\r
            \tid 3F2A11C0; Tue, 14 May 2024 09:11:58 +0000\r
            Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=mail.example.org;\r
            \tdkim=pass header.d=example.org header.s=s2024; dmarc=pass header.from=example.org\r
            DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s2024;\r
            \tt=1715677919; h=from:to:cc:subject:date:message-id:mime-version:content-type;\r
            \tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r
            \tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgaXQgaGFzIHRoZSByaWdodCBsZW5ndGggZm9y\r
            \t IGEgMjA0OCBiaXQga2V5IHNvIHRoYXQgdGhlIGJlbmNobWFyayBpcyByZWFsaXN0aWMgZW5vdWdo==\r
            From: "Ann Example" <ann@example.org>\r
            Sender: Mailer <mailer@example.org>\r
            Reply-To: Support Team <support@example.org>\r
            To: Bob <bob@example.com>, "Carol, C." <carol@example.com>, dave@example.com,\r
            \tErin <erin@example.net>, frank@example.net\r
            Cc: Team: grace@example.com, heidi@example.com;\r
            Subject: =?UTF-8?Q?Quarterly_report_=E2=80=93_Q2?= and a plain tail that is long\r
            Date: Tue, 14 May 2024 09:11:58 +0000\r
            Message-ID: <20240514091158.3F2A11C0@app-7.internal>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="----=_Part_1234_5678.1715677918"\r
            List-Unsubscribe: <https://example.org/u/abc123>, <mailto:unsub@example.org>\r
            X-Mailer: smtp-ref benchmark\r
            \r
            """;

    static final String TO = " Bob <bob@example.com>, \"Carol, C.\" <carol@example.com>, dave@example.com,"
            + " Erin <erin@example.net>, frank@example.net";

    private final byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);

    @Benchmark
    public ParseResult<HeaderSection> parseHeaderSection() {
        return HeaderSection.parse(header);
    }

    @Benchmark
    public HeaderAuthor parseHeaderAndClassifyFrom() {
        return HeaderAuthor.of(HeaderSection.parse(header).orElseThrow());
    }

    @Benchmark
    public Object parseToAddressList() {
        return HeaderAddress.parseList(TO);
    }
}
