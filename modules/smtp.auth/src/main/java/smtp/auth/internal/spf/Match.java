package smtp.auth.internal.spf;

import java.util.Objects;
import smtp.auth.SpfResult;

/**
 * What evaluating one mechanism gave, RFC 7208 §4.6.2: it matched (the directive's qualifier
 * decides), it did not (on to the next directive), or the check ends at once.
 */
sealed interface Match permits Match.Matched, Match.NoMatch, Match.Abort {

    /** The mechanism matched. */
    Match MATCHED = new Matched();

    /** The mechanism did not match. */
    Match NO_MATCH = new NoMatch();

    /** The mechanism matched. */
    record Matched() implements Match {
    }

    /** The mechanism did not match. */
    record NoMatch() implements Match {
    }

    /** The check ends with this result (temperror or permerror) at once. */
    record Abort(SpfResult result, String reason) implements Match {
        public Abort {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
