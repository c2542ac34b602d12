package org.amicus.web.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.boundary.SentView;
import org.amicus.core.platform.control.GroupCommit;

/**
 * Sends one-message requests by group commit (ADR 14): requests of the same caller that arrive together are
 * routed, sealed and queued in one transaction ({@code Messages.sendAll}); each request is answered only once
 * its own message has committed. Grouped per caller, so that the audit log records each message under the
 * person who sent it. A group that fails is sent one by one, so a bad message fails only its own request.
 */
@ApplicationScoped
public class SendGroups {

    /** The most messages one transaction takes from concurrent requests. */
    static final int MAX_GROUP = 32;

    @Inject
    Messages messages;

    private final Map<String, GroupCommit<Messages.Outgoing, SentView>> byCaller = new ConcurrentHashMap<>();

    public SentView send(String caller, Messages.Outgoing message) {
        return byCaller.computeIfAbsent(
                        caller,
                        c -> new GroupCommit<>(MAX_GROUP, group -> messages.sendAll(group), one -> messages.send(one)))
                .commit(message);
    }
}
