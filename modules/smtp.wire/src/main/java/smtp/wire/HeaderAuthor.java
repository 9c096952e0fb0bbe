package smtp.wire;

import java.util.List;
import java.util.Objects;

/**
 * The author of a message, the {@code From:} field, reduced to the cases that DMARC and
 * other author-domain checks must tell apart (RFC 5322 §3.6.2, RFC 6854, RFC 7489 §6.6.1).
 * Only {@link Single} names one author domain; every other case is a distinct type so that a
 * caller's exhaustive switch has to decide what to do with it.
 *
 * <h2>Standards</h2>
 * RFC 5322 §3.6: the origination fields, exactly one {@code From:}
 * ({@code from = "From:" mailbox-list CRLF}, §3.6.2); RFC 6854 §2.1 widens it to an
 * address-list (groups allowed); RFC 7489 §6.6.1: messages with several or no From:
 * addresses are "typically rejected".
 */
public sealed interface HeaderAuthor
        permits HeaderAuthor.Single, HeaderAuthor.Several, HeaderAuthor.Group,
                HeaderAuthor.Malformed, HeaderAuthor.Missing, HeaderAuthor.Repeated {

    /** Exactly one mailbox: the author. */
    record Single(HeaderMailbox mailbox) implements HeaderAuthor {
        public Single {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /** Two or more addresses in one From: field (RFC 5322 then requires a Sender:). */
    record Several(List<HeaderAddress> addresses) implements HeaderAuthor {
        public Several {
            addresses = List.copyOf(addresses);
            if (addresses.size() < 2) {
                throw new IllegalArgumentException("several means two or more");
            }
        }
    }

    /** One address that is a group (RFC 6854), e.g. {@code From: undisclosed:;}. */
    record Group(HeaderGroup group) implements HeaderAuthor {
        public Group {
            Objects.requireNonNull(group, "group");
        }
    }

    /** The field value is not an address-list; {@code reply} says why (550 5.6.0). */
    record Malformed(Reply reply) implements HeaderAuthor {
        public Malformed {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** The header section has no From: field (RFC 5322 §3.6 requires one). */
    record Missing() implements HeaderAuthor {
    }

    /** The header section has {@code count} (two or more) From: fields (§3.6 allows one). */
    record Repeated(int count) implements HeaderAuthor {
        public Repeated {
            if (count < 2) {
                throw new IllegalArgumentException("repeated means two or more");
            }
        }
    }

    /** Classifies a From: field value. */
    static HeaderAuthor of(String fromValue) {
        return switch (HeaderAddress.parseList(fromValue)) {
            case ParseResult.Invalid<List<HeaderAddress>> invalid -> new Malformed(invalid.reply());
            case ParseResult.Ok<List<HeaderAddress>> ok -> {
                List<HeaderAddress> list = ok.value();
                if (list.size() > 1) {
                    yield new Several(list);
                }
                yield switch (list.get(0)) {
                    case HeaderMailbox mailbox -> new Single(mailbox);
                    case HeaderGroup group -> new Group(group);
                };
            }
        };
    }

    /** Classifies the From: fields of a header section. */
    static HeaderAuthor of(HeaderSection header) {
        List<HeaderField> from = header.all("From");
        if (from.isEmpty()) {
            return new Missing();
        }
        if (from.size() > 1) {
            return new Repeated(from.size());
        }
        return of(from.get(0).value());
    }
}
