package smtp.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.conformance.ReplyPattern;
import smtp.wire.EnhancedStatus;
import smtp.wire.Reply;

/** Coverage-guided fuzzing of the S: pattern parser and matcher against arbitrary replies. */
class ReplyPatternFuzz {

    @FuzzTest(maxDuration = "10s")
    void parseAndMatchNeverThrow(FuzzedDataProvider data) {
        String written = data.consumeString(200);
        Reply reply = reply(data);
        switch (ReplyPatternSyntax.parse(written)) {
            case Checked.Ok<ReplyPattern> ok -> {
                ok.value().matches(reply);
                assertEquals(ok, ReplyPatternSyntax.parse(ok.value().format()));
            }
            case Checked.Error<ReplyPattern> e -> assertEquals(false, e.message().isEmpty());
        }
    }

    static Reply reply(FuzzedDataProvider data) {
        int code = data.consumeInt(2, 5) * 100 + data.consumeInt(0, 5) * 10 + data.consumeInt(0, 9);
        Optional<EnhancedStatus> status = data.consumeBoolean()
                ? Optional.of(EnhancedStatus.of(code / 100 == 3 ? 2 : code / 100, data.consumeInt(0, 999), data.consumeInt(0, 999)))
                : Optional.empty();
        if (code / 100 == 3) {
            status = Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        for (int i = data.consumeInt(1, 4); i > 0; i--) {
            lines.add(data.consumeString(40).replace('\r', ' ').replace('\n', ' '));
        }
        return new Reply(code, status, lines);
    }
}
